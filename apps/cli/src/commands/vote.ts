// saylau vote and saylau check-receipt: a scripted voter (tests, load, accessibility alternatives) and the check
// a voter runs on a receipt against the public board.
import { readFileSync, writeFileSync } from 'node:fs';
import { readReceiptFile } from '@saylau/protocol';
import type { Command } from 'commander';
import { ApiClient } from '../cli/client.ts';
import { CliError, EXIT, problemLines } from '../cli/errors.ts';
import { type JsonOptions, printJson, withJson } from '../cli/json-output.ts';
import { clientOf, type ElectionOptions, electionIdOf, fetchElection, withElection, withServer } from '../cli/options.ts';
import { checkReceipt } from '../voting/check-receipt.ts';
import {
  credentialSecret,
  electionContext,
  login,
  makeBallot,
  parseAnswers,
  receiptFile,
  registerVerification,
  submitBallot,
} from '../voting/vote.ts';

type VoteOptions = ElectionOptions & {
  voterId: string;
  loginCode: string;
  credential: string;
  answers: string;
  receipt?: string;
};

export function voteCommand(program: Command): void {
  withElection(
    program
      .command('vote')
      .description(
        'log in, build, encrypt and sign a ballot on this machine, submit it, and write the receipt (JSON) to --receipt or stdout; the verification link goes to the terminal (stderr), never into the receipt',
      )
      .requiredOption('--voter-id <id>', 'the voter id from the letter')
      .requiredOption('--login-code <code>', 'the login code from the letter')
      .requiredOption('--credential <code>', 'the credential code from the letter (XXXXX-XXXXX-XXXXX-XXXXX)')
      .requiredOption('--answers <json>', 'question id → option ids, e.g. \'{"parks":["yes"],"transport":["tram"]}\'')
      .option('--receipt <file>', 'write the receipt file here instead of printing it'),
  ).action(async (options: VoteOptions) => {
    const choices = parseAnswers(options.answers);
    const client = clientOf(options);
    const eid = electionIdOf(options);
    const session = await login(client, eid, options.voterId, options.loginCode);
    const election = await fetchElection(client, eid);
    const secret = credentialSecret(options.credential, election, session);
    const built = makeBallot(electionContext(election), session.district, choices, secret);
    const receipt = await submitBallot(client, eid, session.token, built);
    const file = `${JSON.stringify(receiptFile(client, election, receipt), null, 2)}\n`;
    if (options.receipt) {
      writeFileSync(options.receipt, file);
      console.log(`ballot ${receipt.trackingCode} cast; receipt written to ${options.receipt}`);
    } else process.stdout.write(file);
    // The link opens the vote for a while: it goes to the terminal (stderr), so redirecting the receipt never keeps it.
    const link = await registerVerification(client, election, session.token, receipt.ballotHash, built.seed);
    console.error(
      [
        'check your vote on a second device with this link (it shows your choices: keep it to yourself;',
        'it works a few times within the check window after casting, then never again):',
        `  ${link}`,
      ].join('\n'),
    );
  });

  withJson(
    withServer(
      program
        .command('check-receipt')
        .description("check a receipt: the ballot is on the board, in the signed head, and the board's history is consistent")
        .argument('<receipt>', 'the receipt JSON printed by "saylau vote" (or the voter page)'),
    ),
    'print the checks as one JSON document (the exit code still says whether they passed)',
  ).action(async (file: string, options: { server?: string } & JsonOptions) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CliError(`cannot read the receipt ${file}: ${(error as Error).message}`, EXIT.usage);
    }
    const read = readReceiptFile(json);
    if (!read.ok) throw new CliError(`${file} is not a Saylau receipt file`, EXIT.usage, problemLines(read.problems));
    const receipt = read.value;
    const server = options.server ?? receipt.server;
    if (!server) throw new CliError('--server is required (the receipt does not name its server)', EXIT.usage);
    const checks = await checkReceipt(new ApiClient(server), receipt);
    const failed = checks.filter((c) => !c.ok);
    if (options.json) {
      printJson({ trackingCode: receipt.trackingCode, election: receipt.election, ok: failed.length === 0, checks });
    } else {
      console.log(`receipt ${receipt.trackingCode} in election ${receipt.election}`);
      for (const c of checks) console.log(`  [${c.ok ? ' ok ' : 'FAIL'}] ${c.name}: ${c.detail}`);
    }
    if (failed.length > 0)
      throw new CliError(`${failed.length} receipt check(s) failed: ${failed.map((c) => c.name).join(', ')}`);
    if (!options.json)
      console.log('the receipt checks out (to see the choices inside the ballot, open the verification link shown when voting)');
  });
}
