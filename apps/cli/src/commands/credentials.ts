// saylau credentials issue: a login code and a credential code per voter, made on this machine; the public keys
// and login-code hashes go to the server; the printable letters and the public list are written to --out.
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli/errors.ts';
import { type CommissionOptions, clientOf, electionIdOf, fetchElection, withCommission } from '../cli/options.ts';
import { progressBar } from '../cli/progress.ts';
import { issueWithLetters, makeCredentials } from '../credentials/issue.ts';
import { readRegisterCsv } from '../files/voters-csv.ts';

export function credentialsCommand(program: Command): void {
  withCommission(
    program
      .command('credentials')
      .description("the voters' credentials")
      .command('issue')
      .description('make every voter a login code and a credential code, upload the public keys, write the letters')
      .requiredOption('--voters <file>', 'the register CSV that was imported (voter_id,district,name,contact)')
      .requiredOption('--out <dir>', 'where to write letters.html and public-credentials.json')
      .option('--voting-url <url>', 'the address printed on the letters (default: the server address with ?election=ID)'),
  ).action(async (options: CommissionOptions & { voters: string; out: string; votingUrl?: string }) => {
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
    const votingUrl = options.votingUrl ?? `${client.baseUrl}/?election=${election.id}`;
    const files = await issueWithLetters(client, election.definition, election.fingerprintHex, issued, options.out, votingUrl);
    console.log(`issued ${issued.length} credentials; the register is now frozen`);
    console.log(`  letters (SECRET: print, post, then destroy): ${files.letters}`);
    console.log(`  public credential list: ${files.publicList}`);
  });
}
