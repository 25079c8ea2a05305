// saylau credentials issue: a login code and a credential code per voter, made on this machine; the public keys
// and login-code hashes go to the server; the printable letters and the public list are written to --out.
// saylau credentials reissue: one voter's lost letter replaced; the old credential is revoked on the board.
import type { Language } from '@saylau/protocol';
import { type Command, Option } from 'commander';
import type { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { type JsonOptions, printJson, withJson } from '../cli/json-output.ts';
import { type CommissionOptions, clientOf, electionIdOf, fetchElection, withCommission } from '../cli/options.ts';
import { progressBar } from '../cli/progress.ts';
import {
  issueWithLetters,
  type LetterSettings,
  makeCredentials,
  reissueWithLetter,
  type VoterEntry,
} from '../credentials/issue.ts';
import { readRegisterCsv } from '../files/voters-csv.ts';

interface LetterOptions {
  votingUrl?: string;
  contact?: string;
  language?: Language;
}
type ReissueOptions = CommissionOptions & JsonOptions & LetterOptions & { voter: string; out: string; voters?: string };

/** The options every command that writes letters takes. */
function withLetterOptions(command: Command): Command {
  return command
    .option('--voting-url <url>', 'the address printed on the letters (default: the server address with ?election=ID)')
    .option('--contact <text>', "the commission's contact printed on the letters (address, phone, e-mail)")
    .addOption(
      new Option('--language <kk|ru|en>', "the letters' language where the register's language column is empty").choices([
        'kk',
        'ru',
        'en',
      ]),
    );
}

function letterSettings(options: LetterOptions, client: ApiClient, electionId: string): LetterSettings {
  return {
    votingUrl: options.votingUrl ?? `${client.baseUrl}/?election=${electionId}`,
    ...(options.contact ? { contact: options.contact } : {}),
    ...(options.language ? { language: options.language } : {}),
  };
}

/** The voter's name and contact for the letter, from the register CSV when one is given. */
function voterEntry(options: ReissueOptions, districts: readonly string[]): VoterEntry {
  if (!options.voters) return { voterId: options.voter, district: '' };
  const row = readRegisterCsv(options.voters, districts).accepted.find((v) => v.voterId === options.voter);
  if (!row) throw new CliError(`${options.voters} has no voter "${options.voter}"`, EXIT.usage);
  return row;
}

export function credentialsCommand(program: Command): void {
  const credentials = program.command('credentials').description("the voters' credentials");

  withJson(
    withLetterOptions(
      withCommission(
        credentials
          .command('reissue')
          .description(
            'after the register is frozen: a lost letter re-issued — new codes for one voter; the old credential is revoked on the board and the old login code stops working',
          )
          .requiredOption('--voter <id>', 'the voter id')
          .requiredOption('--out <dir>', 'where to write letter-VOTER.pdf (and .html, -mail-merge.csv)')
          .option('--voters <file>', 'the register CSV, for the name, language and address printed on the letter'),
      ),
    ),
  ).action(async (options: ReissueOptions) => {
    const client = clientOf(options);
    const election = await fetchElection(client, electionIdOf(options));
    const voter = voterEntry(
      options,
      election.definition.districts.map((d) => d.id),
    );
    const { pdf, answer } = await reissueWithLetter(
      client,
      election.definition,
      election.fingerprintHex,
      voter,
      options.out,
      letterSettings(options, client, election.id),
    );
    if (options.json) return printJson({ ...answer, letter: pdf });
    const what = answer.published
      ? 'the old credential is revoked on the board'
      : 'the old credential is revoked once enough commission members have run "saylau commission sign credential-replacement"';
    console.log(`re-issued the letter of voter ${answer.voterId} (${answer.district}): ${pdf} (SECRET); ${what}`);
    console.log(
      '  tell the voter: any e-vote cast with the old letter does not count; vote again with the new letter (a paper vote still cancels the e-vote)',
    );
  });

  withLetterOptions(
    withCommission(
      credentials
        .command('issue')
        .description('make every voter a login code and a credential code, upload the public keys, write the letters')
        .requiredOption('--voters <file>', 'the register CSV that was imported (voter_id,district,name,contact)')
        .requiredOption(
          '--out <dir>',
          'where to write letters.pdf, letters.html, letters-mail-merge.csv and public-credentials.json',
        ),
    ),
  ).action(async (options: CommissionOptions & LetterOptions & { voters: string; out: string }) => {
    const client = clientOf(options);
    const election = await fetchElection(client, electionIdOf(options));
    const report = readRegisterCsv(
      options.voters,
      election.definition.districts.map((d) => d.id),
    );
    if (report.problems.length > 0) {
      throw new CliError(
        `${options.voters} has ${report.problems.length} problem(s); run "saylau register import --check" on it`,
        EXIT.usage,
      );
    }
    const registered = Object.values(election.registerSizes).reduce((a, b) => a + b, 0);
    if (registered !== report.accepted.length) {
      throw new CliError(
        `${options.voters} lists ${report.accepted.length} voters but the server's register has ${registered}; use the file that was imported`,
        EXIT.usage,
      );
    }
    const { logN, r, p } = election.definition.credentialKdf;
    console.log(`deriving ${report.accepted.length} credential keys (scrypt 2^${logN}, r=${r}, p=${p})…`);
    const started = Date.now();
    const bar = progressBar('credential keys', report.accepted.length);
    const issued = await makeCredentials(report.accepted, election.definition, () => bar.increment());
    bar.stop();
    console.log(`derived ${issued.length} keys in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const files = await issueWithLetters(
      client,
      election.definition,
      election.fingerprintHex,
      issued,
      options.out,
      letterSettings(options, client, election.id),
    );
    console.log(`issued ${issued.length} credentials; the register is now frozen`);
    console.log(`  letters (SECRET: print, post, then destroy): ${files.pdf}`);
    console.log(`    the same as a web page: ${files.letters}; for a printing house: ${files.mailMerge}`);
    console.log(`  public credential list: ${files.publicList}`);
  });
}
