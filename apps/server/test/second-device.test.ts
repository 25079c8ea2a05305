// The second-device check over the real HTTP app on a real SQLite file (spec §3.6.6): the voter's device registers
// the ballot's seed sealed under a key k only the QR code holds; the fetch needs the access token derived from k,
// works at most 3 times within 30 minutes of casting, and the sealed seed is gone from the file once the window ends.
import { readFileSync } from 'node:fs';
import { bytesToHex, decodePoint, hexToBytes, randomBytes } from '@saylau/crypto';
import {
  type BoardKey,
  eventEntryBytes,
  fingerprintBytes,
  newVerificationKey,
  openBallot,
  openSeal,
  SignedTreeHeadWire,
  sealUpload,
  verificationAccess,
  verifyReceiptInclusion,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ballotFor,
  expectStatus,
  loginVoter,
  openElection,
  sqliteDb,
  startServer,
  type TestServer,
  type Voter,
} from './helpers.ts';

const WINDOW = 30 * 60_000;
/** The sweeper runs this often here (60 s by default), so a test can wait for it. */
const SWEEP_MS = 40;

let t: TestServer;
let setup: Awaited<ReturnType<typeof openElection>>;
let board: BoardKey;

beforeAll(async () => {
  t = await startServer({ verification: { sweepMs: SWEEP_MS } });
  setup = await openElection(t, { medeu: 8, bostandyk: 1 });
  board = { publicKey: decodePoint(hexToBytes(setup.definition.boardKey)), fingerprint: fingerprintBytes(setup.definition) };
});
afterAll(async () => {
  await t.close();
});

const choices = { parks: ['yes'], transport: ['tram'] };
const voter = (i: number): Voter => setup.voters[i] as Voter;

/** Casts a ballot for the voter and registers its seal under a fresh k, as the booth does. */
async function castAndSeal(v: Voter) {
  const token = await loginVoter(t, setup.eid, v);
  const built = ballotFor(setup.election, v, choices);
  expectStatus(await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: built.json } }), 201);
  const key = newVerificationKey();
  const subject = { fingerprint: setup.election.fingerprint, ballotHash: built.hash };
  const upload = sealUpload(key, built.seed, subject);
  const sealed = await t.request('POST', `/api/elections/${setup.eid}/verification-seal`, { token, body: upload });
  return { token, built, key, subject, upload, sealed };
}

const fetchWith = (ballotHash: string, access: string) =>
  t.request('POST', `/api/elections/${setup.eid}/verify/${ballotHash}`, { body: { access } });

function sealRow(ballotHash: string) {
  return sqliteDb(t.server)
    .prepare('SELECT nonce, sealed, expires_at FROM verification_seals WHERE election_id = ? AND ballot_hash = ?')
    .get(setup.eid, ballotHash) as { nonce: string | null; sealed: string | null; expires_at: number } | undefined;
}

/** The database file and its write-ahead log, as bytes on disk. */
function fileBytes(): string {
  const read = (path: string) => {
    try {
      return readFileSync(path).toString('latin1');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  };
  return read(t.file) + read(`${t.file}-wal`);
}

describe('registering the sealed seed', () => {
  it('accepts the voter’s own ballot once, within the window; the server keeps a box it cannot open', async () => {
    const { built, key, upload, sealed } = await castAndSeal(voter(0));
    expect(expectStatus(sealed, 201).json).toMatchObject({ ballotHash: built.hash, maxFetches: 3 });
    expect(Date.parse(sealed.json.windowEndsAt) - t.clock.now).toBe(WINDOW);
    const row = sealRow(built.hash);
    expect(row?.sealed).toBe(upload.sealed);
    // neither the seed nor k nor the access token is anywhere in the file: only the box and the access token's hash
    const bytes = fileBytes();
    expect(bytes).toContain(upload.sealed);
    for (const secret of [bytesToHex(built.seed), bytesToHex(key), upload.access]) expect(bytes).not.toContain(secret);
  });

  it('refuses a seal for another voter’s ballot, a second different seal, an unknown ballot and no session', async () => {
    const owner = await castAndSeal(voter(1));
    expectStatus(owner.sealed, 201);
    const other = await loginVoter(t, setup.eid, voter(2));
    const theirs = sealUpload(newVerificationKey(), owner.built.seed, owner.subject);
    const path = `/api/elections/${setup.eid}/verification-seal`;
    const foreign = await t.request('POST', path, { token: other, body: theirs });
    expect([foreign.status, foreign.json.error.code]).toEqual([403, 'NOT_YOUR_CREDENTIAL']);
    const second = await t.request('POST', path, { token: owner.token, body: theirs });
    expect([second.status, second.json.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    // the very same upload again (a retry whose answer was lost) is answered as before and changes nothing
    expectStatus(await t.request('POST', path, { token: owner.token, body: owner.upload }), 201);
    expect(sealRow(owner.built.hash)?.sealed).toBe(owner.upload.sealed);
    const unknown = await t.request('POST', path, { token: owner.token, body: { ...owner.upload, ballotHash: 'ab'.repeat(32) } });
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const anonymous = await t.request('POST', path, { body: owner.upload });
    expect([anonymous.status, anonymous.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const malformed = await t.request('POST', path, { token: owner.token, body: { ...owner.upload, sealed: 'zz' } });
    expect([malformed.status, malformed.json.error.code]).toEqual([400, 'MALFORMED']);
  });
});

describe('the second device’s fetch', () => {
  it('answers the sealed seed 3 times to the holder of k, never to someone with only the ballot hash; the 4th is refused', async () => {
    const { built, key, subject } = await castAndSeal(voter(3));
    // whoever reads the board knows the hash, not k: their guesses are refused and use up nothing
    for (let i = 0; i < 5; i++) {
      const guess = await fetchWith(built.hash, bytesToHex(randomBytes(32)));
      expect([guess.status, guess.json.error.code]).toEqual([403, 'BAD_VERIFICATION_KEY']);
    }
    const wrongKey = await fetchWith(built.hash, verificationAccess(newVerificationKey(), subject));
    expect(wrongKey.status).toBe(403);
    const access = verificationAccess(key, subject);
    for (let left = 2; left >= 0; left--) {
      const fetched = expectStatus(await fetchWith(built.hash, access), 200);
      expect(fetched.headers.get('cache-control')).toBe('no-store');
      const { json } = fetched;
      expect(json.checksLeft).toBe(left);
      expect(json.ballot).toEqual(built.json);
      const seed = openSeal(key, json.seal, subject);
      expect(seed && bytesToHex(seed)).toBe(bytesToHex(built.seed));
      const opened = openBallot(setup.election, built.ballot, seed as Uint8Array);
      expect(opened.ok && opened.value).toEqual(choices);
      const included = verifyReceiptInclusion(
        board,
        eventEntryBytes(board.fingerprint, json.event),
        json.inclusionProof,
        SignedTreeHeadWire.parse(json.treeHead),
      );
      expect(included.ok).toBe(true);
    }
    // the last allowed fetch erased the box at once
    expect(sealRow(built.hash)).toMatchObject({ nonce: null, sealed: null });
    const fourth = await fetchWith(built.hash, access);
    expect([fourth.status, fourth.json.error.code]).toEqual([429, 'VERIFICATION_LIMIT']);
  });

  it('says when the ballot was superseded by a later vote of the same credential', async () => {
    const first = await castAndSeal(voter(7));
    const second = await castAndSeal(voter(7));
    expectStatus(second.sealed, 201);
    const old = expectStatus(await fetchWith(first.built.hash, verificationAccess(first.key, first.subject)), 200).json;
    const latest = expectStatus(await fetchWith(second.built.hash, verificationAccess(second.key, second.subject)), 200).json;
    expect([old.superseded, latest.superseded]).toEqual([true, false]);
  });

  it('answers 404 for an unknown hash, 400 for a malformed hash or body, and no longer answers GET', async () => {
    const unknown = await fetchWith('ab'.repeat(32), 'cd'.repeat(32));
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const malformed = await fetchWith('xyz', 'cd'.repeat(32));
    expect([malformed.status, malformed.json.error.code]).toEqual([400, 'MALFORMED']);
    const noAccess = await t.request('POST', `/api/elections/${setup.eid}/verify/${'ab'.repeat(32)}`, { body: {} });
    expect([noAccess.status, noAccess.json.error.code]).toEqual([400, 'MALFORMED']);
    const get = await t.request('GET', `/api/elections/${setup.eid}/verify/${'ab'.repeat(32)}`);
    expect(get.status).toBe(404);
  });
});

describe('the end of the window', () => {
  it('refuses fetch and upload after 30 minutes, and the sweeper deletes the sealed seed from the file', async () => {
    const a = await castAndSeal(voter(4));
    expectStatus(a.sealed, 201);
    const access = verificationAccess(a.key, a.subject);
    expectStatus(await fetchWith(a.built.hash, access), 200);
    // a ballot cast at the same time whose seal was never sent
    const token = await loginVoter(t, setup.eid, voter(5));
    const late = ballotFor(setup.election, voter(5), choices);
    expectStatus(await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: late.json } }), 201);
    // the control: before the window ends, the box is in the file's bytes, so the search below can fail
    expect(fileBytes()).toContain(a.upload.sealed);

    const saved = t.clock.now;
    t.clock.now += WINDOW;
    try {
      const fetched = await fetchWith(a.built.hash, access);
      expect([fetched.status, fetched.json.error.code]).toEqual([410, 'VERIFICATION_EXPIRED']);
      const upload = sealUpload(newVerificationKey(), late.seed, {
        fingerprint: setup.election.fingerprint,
        ballotHash: late.hash,
      });
      // the session of the cast has ended with the window; a fresh one is refused all the same
      const fresh = await loginVoter(t, setup.eid, voter(5));
      const sealed = await t.request('POST', `/api/elections/${setup.eid}/verification-seal`, { token: fresh, body: upload });
      expect([sealed.status, sealed.json.error.code]).toEqual([410, 'VERIFICATION_EXPIRED']);
      await waitFor(() => sealRow(a.built.hash) === undefined);
      expect(fileBytes()).not.toContain(a.upload.sealed);
      expect(fileBytes()).not.toContain(a.upload.nonce);
    } finally {
      t.clock.now = saved;
    }
  });

  it('a restarted server deletes at once the seals whose window ended while it was down', async () => {
    const a = await castAndSeal(voter(6));
    expectStatus(a.sealed, 201);
    await t.server.close();
    const saved = t.clock.now;
    t.clock.now += WINDOW + 1;
    try {
      // a sweep far in the future: only the one at start-up can have deleted it
      t = await restartWith({ verification: { sweepMs: 3_600_000 } });
      expect(sealRow(a.built.hash)).toBeUndefined();
      expect(fileBytes()).not.toContain(a.upload.sealed);
    } finally {
      t.clock.now = saved;
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, SWEEP_MS / 2));
  }
}

/** A new server on the same file and clock (the old one is closed by the caller). */
async function restartWith(overrides: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const dir = t.file.slice(0, t.file.lastIndexOf('/'));
  return await startServer(overrides, { file: t.file, dir, clock: t.clock });
}
