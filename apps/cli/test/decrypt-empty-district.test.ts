// A district where nobody voted: its aggregate entries are the identity pair (spec §6.3), which needs no decryption
// share (null, §6.4). The trustees' client must still decrypt such an election (it crashed with POINT_IS_IDENTITY),
// and the tally must report zero for that district.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/cli/client.ts';
import { fetchElection } from '../src/cli/options.ts';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { startCeremony } from '../src/commands/ceremony.ts';
import { deal, enrollKey, newTrusteeSecrets, type TrusteeSession, verifyShares } from '../src/trustee/ceremony.ts';
import { decryptAggregate } from '../src/trustee/decrypt.ts';
import { lettersCodes, REPO, saylauInProcess, tempDir } from './helpers.ts';
import { parsePrintedResults } from './results-text.ts';

const ADMIN = 'cli-empty-district-admin-token-0123';
const ELECTION = 'aral-2026-budget';
let server: RunningServer;
let env: Record<string, string>;
let dir: string;
/** Real time until the test moves the server's clock to the end of the voting period, to close (spec §4.5). */
let skipped = 0;

async function ok(args: string[]): Promise<string> {
  const run = await saylauInProcess(args, env);
  if (run.code !== 0) throw new Error(`saylau ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({
    db: join(dir, 'saylau.db'),
    adminToken: ADMIN,
    intake: { workers: 0 },
    now: () => Date.now() + skipped,
  });
  env = { SAYLAU_SERVER: server.url, SAYLAU_ADMIN_TOKEN: ADMIN, SAYLAU_ELECTION: ELECTION };
});
afterAll(async () => {
  await server?.close();
});

describe('decrypting an election with an empty district', () => {
  it('posts null for the identity entries and tallies zero for the district', { timeout: 120_000 }, async () => {
    const voters = join(REPO, 'test/fixtures/voters/town-budget-voters.csv');
    await ok(['election', 'define', join(REPO, 'test/fixtures/definitions/town-budget.yaml')]);
    await ok(['register', 'import', voters]);
    await ok(['credentials', 'issue', '--voters', voters, '--out', join(dir, 'letters')]);
    const codes = lettersCodes(readFileSync(join(dir, 'letters', 'letters.html'), 'utf8'));

    const admin = new ApiClient(server.url, ADMIN);
    const { enrollment } = await startCeremony(admin, ELECTION, ['Alice', 'Bolat', 'Chen']);
    const election = await fetchElection(admin, ELECTION);
    const sessions: TrusteeSession[] = [];
    for (const { trustee, token } of enrollment) {
      const session = { client: new ApiClient(server.url), election, trustee, secrets: newTrusteeSecrets(2) };
      await enrollKey(session, token, `Trustee ${trustee}`);
      sessions.push(session);
    }
    for (const s of sessions) await deal(s);
    const verified = [];
    for (const s of sessions) verified.push({ ...s, secrets: (await verifyShares(s)).secrets });
    await ok(['ceremony', 'finish']);
    await ok(['election', 'open']);

    // Only north votes (KZ-0001 … KZ-0005 are north in the fixture); south stays empty.
    for (const id of ['KZ-0001', 'KZ-0002']) {
      const c = codes.find((x) => x.voterId === id);
      if (!c) throw new Error(`no letter for ${id}`);
      await ok([
        'vote',
        '--voter-id',
        c.voterId,
        '--login-code',
        c.loginCode,
        '--credential',
        c.credentialCode,
        '--answers',
        JSON.stringify({ library: ['yes'], budget: ['water'] }),
      ]);
    }
    const closes = (await fetchElection(new ApiClient(server.url), ELECTION)).definition.votingPeriod.closes;
    skipped = Date.parse(closes) - Date.now();
    await ok(['election', 'close']);
    await ok(['election', 'process']);

    for (const s of verified.slice(0, 2)) {
      const outcome = await decryptAggregate(s);
      expect(outcome.qualified).toEqual([1, 2, 3]);
    }
    const tally = await ok(['election', 'tally']);
    const results = parsePrintedResults(tally) as Record<string, Record<string, Record<string, number>>>;
    expect(results['district north']?.library).toEqual({ yes: 2, no: 0 });
    expect(results['district south']?.library).toEqual({ yes: 0, no: 0 });
    expect(results['district south']?.parks).toEqual({ central: 0, river: 0, station: 0, school: 0 });
  });
});
