// saylau ceremony start|status|finish: the commission's side of the key ceremony. Start enrolls the trustees by
// name and prints each one's enrollment token and invitation link (the trustee's page); finish computes the joint
// key and names any disqualified dealer.
import { qualifyDealers } from '@saylau/protocol';
import type { Command } from 'commander';
import { ceremonyEventsOf, readVerifiedBoard } from '../cli/board.ts';
import type { ApiClient } from '../cli/client.ts';
import { ServerError } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { type JsonOptions, printJson, withJson } from '../cli/json-output.ts';
import { type CommissionOptions, clientOf, electionIdOf, fetchElection, withCommission } from '../cli/options.ts';
import { type CeremonyState, fetchCeremony, trusteeRange } from '../trustee/ceremony-state.ts';

export async function startCeremony(client: ApiClient, electionId: string, names: readonly string[]) {
  return client.admin<{ enrollment: { trustee: number; token: string }[] }>(
    `/api/elections/${electionId}/ceremony`,
    { trustees: names.map((name) => ({ name })) },
    'starting the key ceremony',
  );
}

/**
 * The trustee's invitation link to the trustee's page: everything after # stays in the browser (never in a request
 * line or a Referer), the token included.
 */
export function invitationLink(baseUrl: string, electionId: string, trustee: number, token: string): string {
  const fragment = new URLSearchParams({ election: electionId, trustee: String(trustee), token });
  return `${baseUrl}/trustee.html#${fragment}`;
}

export function ceremonyStatusLines(ceremony: CeremonyState, count: number): string[] {
  const name = (x: number) => ceremony.trustees.find((t) => t.trustee === x)?.name ?? `trustee ${x}`;
  const lines = trusteeRange(count).map((x) => {
    const mark = (b: boolean) => (b ? 'yes' : 'no ');
    // an acknowledgement counts when it covers every other ceremony statement so far (spec §4.3 step 6)
    const last = Math.max(
      -1,
      ...[...ceremony.commitments.values(), ...ceremony.shares.values(), ...ceremony.complaints].map((e) => e.seq),
    );
    const acked = ceremony.acknowledgements.some((a) => a.trustee === x && a.treeSize > last);
    return `  trustee ${x} (${name(x)}): key ${mark(ceremony.keys.has(x))}  commitment ${mark(ceremony.commitments.has(x))}  shares ${mark(ceremony.shares.has(x))}  acknowledged ${mark(acked)}`;
  });
  for (const c of ceremony.complaints)
    lines.push(`  complaint: trustee ${c.trustee} (${name(c.trustee)}) against dealer ${c.dealer} (${name(c.dealer)})`);
  return lines;
}

/** Joint key and the qualified dealers; every dealer left out is named with the complaints against it. */
export async function finishCeremony(client: ApiClient, electionId: string, count: number): Promise<string[]> {
  let answer: { publicKey: string; qualified: number[] };
  try {
    answer = await client.admin(`/api/elections/${electionId}/ceremony/finish`, {}, 'finishing the key ceremony');
  } catch (error) {
    if (error instanceof ServerError && error.error.code === 'NOT_ENOUGH_TRUSTEES') {
      const ceremony = await fetchCeremony(client, electionId);
      throw new CliError(error.message, EXIT.failed, ceremonyStatusLines(ceremony, count));
    }
    throw error;
  }
  const ceremony = await fetchCeremony(client, electionId);
  const name = (x: number) => ceremony.trustees.find((t) => t.trustee === x)?.name ?? `trustee ${x}`;
  const lines = [
    `joint election key ${answer.publicKey}`,
    `qualified dealers: ${answer.qualified.map((x) => `${x} (${name(x)})`).join(', ')}`,
  ];
  // The reasons come from the protocol's qualification algorithm run here on the board (spec §4.3).
  const election = await fetchElection(client, electionId);
  const board = await readVerifiedBoard(client, election);
  const outcome = qualifyDealers(election.fingerprint, election.definition.trustees, ceremonyEventsOf(board));
  for (const [x, why] of outcome.disqualified) lines.push(`DISQUALIFIED dealer: trustee ${x} (${name(x)}): ${why}`);
  if (outcome.qualified.join() !== answer.qualified.join()) {
    lines.push(`WARNING: the board's ceremony qualifies [${outcome.qualified.join(', ')}], not what the server answered`);
  }
  return lines;
}

export function ceremonyCommand(program: Command): void {
  const ceremony = program.command('ceremony').description("the commission's side of the trustees' key ceremony");

  withCommission(
    ceremony
      .command('start')
      .description("enroll the trustees by name (as many as the definition's trustee count); prints their tokens")
      .requiredOption('--trustee <name...>', "each trustee's name, in order (trustee 1, 2, …)"),
  ).action(async (options: CommissionOptions & { trustee: string[] }) => {
    const client = clientOf(options);
    const election = await fetchElection(client, electionIdOf(options));
    const { count, threshold } = election.definition.trustees;
    if (options.trustee.length !== count) {
      throw new CliError(`the definition has ${count} trustees; ${options.trustee.length} names were given`, EXIT.usage);
    }
    const { enrollment } = await startCeremony(client, election.id, options.trustee);
    console.log(`key ceremony started: any ${threshold} of ${count} trustees will be able to decrypt`);
    console.log('give each trustee its own line, privately (the token enrolls that trustee once):');
    for (const { trustee, token } of enrollment) {
      console.log(`  trustee ${trustee} (${options.trustee[trustee - 1]}): token ${token}`);
      console.log(
        `    saylau trustee keygen --server ${client.baseUrl} --election ${election.id} --trustee ${trustee} --token ${token} --key-file trustee-${trustee}.key`,
      );
      console.log(`    or in a browser: ${invitationLink(client.baseUrl, election.id, trustee, token)}`);
    }
  });

  withJson(
    withCommission(ceremony.command('status').description('who has posted a key, a commitment and shares; complaints')),
  ).action(async (options: CommissionOptions & JsonOptions) => {
    const client = clientOf(options);
    const election = await fetchElection(client, electionIdOf(options));
    const state = await fetchCeremony(client, election.id);
    if (options.json) return printJson({ election: election.id, trustees: election.definition.trustees, ceremony: state });
    console.log(`election ${election.id}: ${state.state}`);
    for (const line of ceremonyStatusLines(state, election.definition.trustees.count)) console.log(line);
    if (state.electionKey) console.log(`joint key ${state.electionKey}; qualified ${state.qualified?.join(', ')}`);
  });

  withCommission(
    ceremony.command('finish').description('compute the joint key from the qualified dealers; names any disqualified one'),
  ).action(async (options: CommissionOptions) => {
    const client = clientOf(options);
    const election = await fetchElection(client, electionIdOf(options));
    for (const line of await finishCeremony(client, election.id, election.definition.trustees.count)) console.log(line);
    console.log('the election is ready: open it with "saylau election open" once the credentials are issued');
  });
}
