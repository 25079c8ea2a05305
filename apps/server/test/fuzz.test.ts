// Fuzzing the POST endpoints with fast-check: random JSON, valid bodies with one field mutated, and raw text under
// a JSON content type. No input may produce a 500, every refusal carries an error code, and nothing changes:
// the board and every table keep their size.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  ballotFor,
  expectStatus,
  loadDraft,
  loginVoter,
  openElection,
  sqliteDb,
  startServer,
  type TestServer,
} from './helpers.ts';

let t: TestServer;
let setup: Awaited<ReturnType<typeof openElection>>;
let token: string;
let validBallot: unknown;

beforeAll(async () => {
  t = await startServer();
  setup = await openElection(t, { medeu: 2, bostandyk: 1 });
  token = await loginVoter(t, setup.eid, setup.voters[0]!);
  validBallot = ballotFor(setup.election, setup.voters[0]!, { parks: ['yes'], transport: ['tram'] }).json;
});
afterAll(async () => {
  await t.close();
});

const TABLES = [
  'elections',
  'events',
  'tree_heads',
  'voters',
  'ballots',
  'ciphertexts',
  'sessions',
  'verifications',
  'verification_seals',
  'trustees',
];

async function snapshot() {
  const db = sqliteDb(t.server);
  const counts = TABLES.map((table) => db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number });
  const election = await t.server.services.elections.require(setup.eid);
  return { counts: counts.map((c) => c.n), size: election.log.size, state: election.state, frozen: election.registerFrozen };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a leaf (or container) of a JSON value. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

function replaceAt(value: Json, path: readonly (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  if (value && typeof value === 'object')
    return { ...value, [head as string]: replaceAt((value as Record<string, Json>)[head as string] as Json, rest, replacement) };
  return value;
}

/** Near-miss values: what a careless or hostile client sends in place of a field. */
const nearMiss: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'.split('')), minLength: 62, maxLength: 66 }),
  fc.constantFrom<Json>('', '00'.repeat(32), 'ff'.repeat(32), 'ed'.repeat(32), -1, 1e308, 2 ** 53, '__proto__', [], {}, null),
);

/** A valid body with one field (anywhere in it) replaced, or deleted, or a field added. */
function mutated(valid: () => Json): fc.Arbitrary<Json> {
  return fc.tuple(fc.nat(), nearMiss, fc.constantFrom('replace', 'delete', 'add')).map(([pick, replacement, how]) => {
    const base = valid();
    const all = paths(base);
    const path = all[pick % all.length] as (string | number)[];
    if (how === 'replace' || path.length === 0) return replaceAt(base, path, replacement);
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1] as string | number;
    const parent = parentPath.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k] as Json, base);
    if (how === 'delete') {
      if (Array.isArray(parent))
        return replaceAt(
          base,
          parentPath,
          parent.filter((_, i) => i !== key),
        );
      const { [key as string]: _gone, ...rest } = parent as Record<string, Json>;
      return replaceAt(base, parentPath, rest);
    }
    if (Array.isArray(parent)) return replaceAt(base, parentPath, [...parent, replacement]);
    return replaceAt(base, parentPath, { ...(parent as Record<string, Json>), extra: replacement });
  });
}

interface Target {
  readonly path: () => string;
  readonly token?: () => string;
  readonly valid: () => Json;
}

const targets: Record<string, Target> = {
  // Two independent faults (an existing id, an impossible threshold): one mutation cannot mend both.
  'POST /api/elections': {
    path: () => '/api/elections',
    token: () => admin.token,
    valid: () => ({ ...loadDraft(), id: setup.eid, trustees: { count: 2, threshold: 3 } }) as Json,
  },
  register: {
    path: () => `/api/elections/${setup.eid}/register`,
    token: () => admin.token,
    valid: () => ({ voters: [{ voterId: 'new-voter', district: 'medeu' }] }),
  },
  credentials: {
    path: () => `/api/elections/${setup.eid}/credentials`,
    token: () => admin.token,
    valid: () => ({
      entries: [
        { voterId: setup.voters[0]!.voterId, credential: setup.voters[0]!.credentialHex, loginCodeHash: 'ab'.repeat(32) },
      ],
    }),
  },
  ceremony: {
    path: () => `/api/elections/${setup.eid}/ceremony`,
    token: () => admin.token,
    valid: () => ({ trustees: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }),
  },
  'paper-voters': {
    path: () => `/api/elections/${setup.eid}/paper-voters`,
    token: () => admin.token,
    valid: () => ({ voterIds: [setup.voters[1]!.voterId] }),
  },
  sessions: {
    path: () => `/api/elections/${setup.eid}/sessions`,
    valid: () => ({ voterId: setup.voters[0]!.voterId, loginCode: 'NOT-THE-CODE' }),
  },
  ballots: {
    path: () => `/api/elections/${setup.eid}/ballots`,
    token: () => token,
    valid: () => ({ ballot: validBallot as Json }),
  },
  // a ballot that is not on the board: every seal and fetch is refused, whatever a mutation leaves
  'verification-seal': {
    path: () => `/api/elections/${setup.eid}/verification-seal`,
    token: () => token,
    valid: () => ({ ballotHash: 'ab'.repeat(32), access: 'cd'.repeat(32), nonce: 'ef'.repeat(24), sealed: '01'.repeat(48) }),
  },
  verify: {
    path: () => `/api/elections/${setup.eid}/verify/${'ab'.repeat(32)}`,
    valid: () => ({ access: 'cd'.repeat(32) }),
  },
  'trustee key': {
    path: () => `/api/elections/${setup.eid}/trustees/1/key`,
    valid: () => ({
      token: 'x',
      name: 'T',
      publicKey: setup.definition.boardKey,
      proof: { commitment: setup.definition.boardKey, response: '00'.repeat(32) },
    }),
  },
  'trustee commitment': {
    path: () => `/api/elections/${setup.eid}/trustees/2/commitment`,
    valid: () => ({
      commitments: [setup.definition.boardKey],
      proofs: [{ commitment: setup.definition.boardKey, response: '01'.repeat(32) }],
      signature: { commitment: setup.definition.boardKey, response: '02'.repeat(32) },
    }),
  },
  'trustee decryption': {
    path: () => `/api/elections/${setup.eid}/trustees/3/decryption`,
    valid: () => ({
      shares: [
        {
          share: setup.definition.boardKey,
          proof: { commitment1: setup.definition.boardKey, commitment2: setup.definition.boardKey, response: '03'.repeat(32) },
        },
      ],
      signature: { commitment: setup.definition.boardKey, response: '02'.repeat(32) },
    }),
  },
};

describe('fuzzed request bodies', () => {
  for (const [name, target] of Object.entries(targets)) {
    it(`${name}: never a 500, always an error code, nothing stored`, async () => {
      const before = await snapshot();
      const body = fc.oneof(
        { weight: 3, arbitrary: mutated(target.valid).map((json) => ({ raw: JSON.stringify(json) })) },
        { weight: 1, arbitrary: (fc.jsonValue() as fc.Arbitrary<Json>).map((json) => ({ raw: JSON.stringify(json) ?? 'null' })) },
        { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw })) },
      );
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', ''),
          async ({ raw }, type) => {
            const answer = await t.request('POST', target.path(), {
              raw,
              headers: type === '' ? {} : { 'content-type': type },
              ...(target.token ? { token: target.token() } : {}),
            });
            expect(answer.status, JSON.stringify(answer.json)).toBeGreaterThanOrEqual(400);
            expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(500);
            expect(typeof answer.json?.error?.code).toBe('string');
          },
        ),
        { numRuns: name === 'ballots' ? 60 : 120 },
      );
      expect(await snapshot()).toEqual(before);
    });
  }

  it('the unmutated references are what the server expects (so mutations probe past the schema)', async () => {
    expectStatus(await t.request('POST', `/api/elections/${setup.eid}/ballots`, { token, body: { ballot: validBallot } }), 201);
  });
});
