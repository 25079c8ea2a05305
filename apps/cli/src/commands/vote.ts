// saylau vote and saylau check-receipt: a scripted voter (tests, load, accessibility alternatives) and the check
// a voter runs on a receipt against the public board.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { clientOf, type ElectionOptions, electionIdOf, fetchElection, withElection, withServer } from '../cli/options.ts';
import { checkReceipt } from '../voting/check-receipt.ts';
import {
  credentialSecret,
  electionContext,
  login,
  makeBallot,
  parseAnswers,
  type ReceiptFile,
  receiptFile,
  submitBallot,
} from '../voting/vote.ts';

export function voteCommand(program: Command): void {
  withElection(
    program
      .command('vote')
      .description('log in, build, encrypt and sign a ballot on this machine, submit it, print the receipt as JSON')
      .requiredOption('--voter-id <id>', 'the voter id from the letter')
      .requiredOption('--login-code <code>', 'the login code from the letter')
      .requiredOption('--credential <code>', 'the credential code from the letter (XXXXX-XXXXX-XXXXX-XXXXX)')
      .requiredOption('--answers <json>', 'question id → option ids, e.g. \'{"parks":["yes"],"transport":["tram"]}\''),
  ).action(async (options: ElectionOptions & { voterId: string; loginCode: string; credential: string; answers: string }) => {
    const choices = parseAnswers(options.answers);
    const client = clientOf(options);
    const eid = electionIdOf(options);
    const session = await login(client, eid, options.voterId, options.loginCode);
    const election = await fetchElection(client, eid);
    const secret = credentialSecret(options.credential, election, session);
    const built = makeBallot(electionContext(election), session.district, choices, secret);
    const receipt = await submitBallot(client, eid, session.token, built.json);
    console.log(JSON.stringify(receiptFile(client, election, receipt, built.seed), null, 2));
  });

  withServer(
    program
      .command('check-receipt')
      .description("check a receipt: the ballot is on the board, in the signed head, and the board's history is consistent")
      .argument('<receipt>', 'the receipt JSON printed by "saylau vote" (or the voter page)'),
  ).action(async (file: string, options: { server?: string }) => {
    let receipt: ReceiptFile;
    try {
      receipt = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CliError(`cannot read the receipt ${file}: ${(error as Error).message}`, EXIT.usage);
    }
    if (typeof receipt?.election !== 'string' || typeof receipt.ballotHash !== 'string') {
      throw new CliError(
        `${file} is not a Saylau receipt (it needs election, ballotHash, leafIndex, inclusionProof, treeHead)`,
        EXIT.usage,
      );
    }
    const server = options.server ?? receipt.server;
    if (!server) throw new CliError('--server is required (the receipt does not name its server)', EXIT.usage);
    const checks = await checkReceipt(new ApiClient(server), receipt);
    console.log(`receipt ${receipt.trackingCode ?? receipt.ballotHash} in election ${receipt.election}`);
    for (const c of checks) console.log(`  [${c.ok ? ' ok ' : 'FAIL'}] ${c.name}: ${c.detail}`);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0)
      throw new CliError(`${failed.length} receipt check(s) failed: ${failed.map((c) => c.name).join(', ')}`);
    console.log('the receipt checks out');
  });
}
