// Attack: decryption shares as a decryption oracle.
// Known from: Saylau's red-team review (2026); the general lesson is Helios's and Belenios's: trustees decrypt only
// the tally the public can recompute (Cortier, Galindo, Glondu, Izabachène, "Election verifiability for Helios
// under weaker trust assumptions", ESORICS 2014, on what a trustee must check before decrypting).
// A board operator that publishes, as "the aggregate", the ciphertexts of ONE voter's ballot would get that ballot
// decrypted by honest trustees (and the operator knows which voter holds which credential).
// What stops it (spec §6.7; docs/trustee-guide.md step 4): `saylau trustee decrypt` reads the board up to a head signed
// by the board key, verifies it as an auditor would — counted set and aggregates recomputed from the ballots — and
// refuses to compute any share unless every check passes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../apps/cli/src/cli/client.ts';
import { CliError } from '../../apps/cli/src/cli/errors.ts';
import { fetchElection } from '../../apps/cli/src/cli/options.ts';
import { startCeremony } from '../../apps/cli/src/commands/ceremony.ts';
import { deal, enrollKey, newTrusteeSecrets, type TrusteeSession, verifyShares } from '../../apps/cli/src/trustee/ceremony.ts';
import { decryptAggregate } from '../../apps/cli/src/trustee/decrypt.ts';
import { lettersCodes, REPO, saylauInProcess, tempDir } from '../../apps/cli/test/helpers.ts';
import { advance } from '../../apps/server/src/election/state-machine.ts';
import { createServer, listen } from '../../apps/server/src/index.ts';
import type { Ciphertext } from '../../packages/crypto/src/index.ts';
import {
  aggregate,
  aggregatePayload,
  CiphertextWire,
  countedSet,
  countedSetPayload,
  type EventJsonOf,
} from '../../packages/protocol/src/index.ts';

const ADMIN = 'attack-aggregate-oracle-admin-token';
const ELECTION = 'aral-2026-budget';
/** Real time until the test moves the server's clock to the end of the voting period, to close (spec §4.5). */
let skipped = 0;
const server = await createServer({
  db: join(tempDir(), 'saylau.db'),
  adminToken: ADMIN,
  intake: { workers: 0 },
  now: () => Date.now() + skipped,
});
let listening: Awaited<ReturnType<typeof listen>>;
let env: Record<string, string>;
let url: string;

async function ok(args: string[]): Promise<string> {
  const run = await saylauInProcess(args, env);
  if (run.code !== 0) throw new Error(`saylau ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

beforeAll(async () => {
  listening = await listen(server, { port: 0, hostname: '127.0.0.1' });
  url = `http://127.0.0.1:${listening.address.port}`;
  env = { SAYLAU_SERVER: url, SAYLAU_ADMIN_TOKEN: ADMIN, SAYLAU_ELECTION: ELECTION };
});
afterAll(async () => {
  await listening?.close();
  await server.close();
});

describe('an operator that publishes one voter’s ballot as the aggregate', () => {
  it('gets no decryption share from an honest trustee', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const voters = join(REPO, 'test/fixtures/voters/town-budget-voters.csv');
    await ok(['election', 'define', join(REPO, 'test/fixtures/definitions/town-budget.yaml')]);
    await ok(['register', 'import', voters]);
    await ok(['credentials', 'issue', '--voters', voters, '--out', join(dir, 'letters')]);
    const codes = lettersCodes(readFileSync(join(dir, 'letters', 'letters.html'), 'utf8'));
    const admin = new ApiClient(url, ADMIN);
    const { enrollment } = await startCeremony(admin, ELECTION, ['Alice', 'Bolat', 'Chen']);
    const election = await fetchElection(admin, ELECTION);
    const sessions: TrusteeSession[] = [];
    for (const { trustee, token } of enrollment) {
      const session = { client: new ApiClient(url), election, trustee, secrets: newTrusteeSecrets(2) };
      await enrollKey(session, token, `Trustee ${trustee}`);
      sessions.push(session);
    }
    for (const s of sessions) await deal(s);
    const verified: TrusteeSession[] = [];
    for (const s of sessions) verified.push({ ...s, secrets: (await verifyShares(s)).secrets });
    await ok(['ceremony', 'finish']);
    await ok(['election', 'open']);
    for (const id of ['KZ-0001', 'KZ-0002', 'KZ-0003']) {
      const c = codes.find((x) => x.voterId === id);
      if (!c) throw new Error(`no letter for ${id}`);
      const answers = { library: [id === 'KZ-0001' ? 'no' : 'yes'], budget: ['water'] };
      await ok([
        'vote',
        '--voter-id',
        id,
        '--login-code',
        c.loginCode,
        '--credential',
        c.credentialCode,
        '--answers',
        JSON.stringify(answers),
      ]);
    }
    skipped = Date.parse((await server.services.elections.require(ELECTION)).definition.votingPeriod.closes) - Date.now();
    await ok(['election', 'close']);

    // The operator writes the processing events itself (the server's own board writer): the honest counted set,
    // but an "aggregate" of the first voter's ballot alone.
    const { services } = server;
    const live = await services.elections.require(ELECTION);
    const rows = await services.storage.ballots.inBoardOrder(ELECTION);
    const set = countedSet(
      rows.map((r) => ({ hash: r.hash, credential: r.credential, seq: r.seq })),
      new Set(),
    );
    const target = rows[0];
    if (!target) throw new Error('no ballot');
    const event = JSON.parse((await services.storage.board.event(ELECTION, target.seq)) as string) as EventJsonOf<'ballot'>;
    const lone = [
      {
        district: target.district,
        ballot: {
          answers: event.ballot.answers.map((a) => ({
            question: a.question,
            selections: a.selections.map((s) => ({ ciphertext: CiphertextWire.parse(s.ciphertext) as Ciphertext })),
          })),
        },
      },
    ];
    await services.elections.transact(live, async (board) => {
      await board.append(countedSetPayload(set), aggregatePayload(aggregate(live.definition, lone)));
      await advance(services.storage, live, board, 'processed');
    });

    // The honest trustee verifies the board first and refuses, naming the forged aggregate.
    const refused = await decryptAggregate(verified[0] as TrusteeSession).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).message).toContain('the board does not verify');
    expect((refused as CliError).details.join('\n')).toContain('processing.aggregates');
    const board = await admin.get<{ events: { type: string }[] }>(`/api/elections/${ELECTION}/board?from=0&limit=1000`);
    expect(board.events.filter((e) => e.type === 'decryption-share')).toHaveLength(0);
  });
});
