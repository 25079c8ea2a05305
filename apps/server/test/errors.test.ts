// Bad input at the HTTP layer: every refusal is `{ error: { code, message } }` with the status of the errors table,
// nothing is stored, and only a fault of the server itself is a 500.
import { ERROR_CODES, type ErrorCode } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusOf } from '../src/http/errors.ts';
import {
  admin,
  closeAtPeriodEnd,
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

beforeAll(async () => {
  t = await startServer();
  setup = await openElection(t, { medeu: 2, bostandyk: 1 });
});
afterAll(async () => {
  await t.close();
});

function expectError(answer: { status: number; json: unknown }, status: number, code: ErrorCode) {
  expect(answer.status).toBe(status);
  expect(answer.json).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('the errors table', () => {
  it('maps every code to a 4xx, except INTERNAL (500) and STORAGE_UNAVAILABLE (503)', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const status = statusOf(code);
      if (code === 'INTERNAL') expect(status).toBe(500);
      else if (code === 'STORAGE_UNAVAILABLE') expect(status).toBe(503);
      else expect(status >= 400 && status < 500, `${code} → ${status}`).toBe(true);
    }
  });
});

describe('request bodies', () => {
  const url = () => `/api/elections/${setup.eid}/sessions`;

  it('415 for a body that is not declared JSON', async () => {
    expectError(
      await t.request('POST', url(), { raw: '{}', headers: { 'content-type': 'text/plain' } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(await t.request('POST', url(), { raw: 'voterId=a' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(
      await t.request('POST', url(), { raw: '{}', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('accepts JSON with a charset parameter', async () => {
    const answer = await t.request('POST', url(), {
      raw: JSON.stringify({ voterId: 'x', loginCode: 'y' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expectError(answer, 401, 'UNAUTHENTICATED');
  });

  it('413 for a body over the endpoint’s limit, declared or streamed', async () => {
    const big = JSON.stringify({ voterId: 'a', loginCode: 'x'.repeat(20_000) });
    expectError(
      await t.request('POST', url(), {
        raw: big,
        headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectError(
      await t.request('POST', url(), { raw: big, headers: { 'content-type': 'application/json' } }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    const token = await loginVoter(t, setup.eid, setup.voters[0]!);
    const hugeBallot = JSON.stringify({ ballot: { padding: 'x'.repeat(1_100_000) } });
    expectError(
      await t.request('POST', `/api/elections/${setup.eid}/ballots`, {
        token,
        raw: hugeBallot,
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('400 MALFORMED for text that is not JSON', async () => {
    for (const raw of ['{', '{"voterId":', 'nul', '\u0000', '[1,2', '{"a":1}}']) {
      expectError(await t.request('POST', url(), { raw, headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED');
    }
  });

  it('400 MALFORMED with the problem list for a body that breaks the schema', async () => {
    const answer = await t.request('POST', url(), { body: { voterId: 5, loginCode: '', extra: true } });
    expectError(answer, 400, 'MALFORMED');
    const paths = answer.json.error.problems.map((p: { path: unknown[] }) => p.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['voterId', 'loginCode']));
    expectError(await t.request('POST', url(), { body: [1, 2] }), 400, 'MALFORMED');
    expectError(await t.request('POST', url(), { body: 'just a string' }), 400, 'MALFORMED');
  });

  it('400 for a non-canonical point in a trustee message, once its token is checked', async () => {
    const draft = { ...loadDraft(), id: 'ceremony-election' };
    const eid = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draft }), 201).json.id;
    const names = { trustees: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] };
    const started = expectStatus(await t.request('POST', `/api/elections/${eid}/ceremony`, { ...admin, body: names }), 200);
    const key = (token: string) =>
      t.request('POST', `/api/elections/${eid}/trustees/1/key`, {
        body: { token, name: 'y', publicKey: 'ff'.repeat(32), proof: { commitment: 'ff'.repeat(32), response: '00'.repeat(32) } },
      });
    expectError(await key(started.json.enrollment[0].token), 400, 'POINT_NOT_CANONICAL');
    // nothing is decoded for a request without the token
    expectError(await key('x'), 401, 'UNAUTHENTICATED');
  });
});

describe('addressing and authentication', () => {
  it('404 UNKNOWN_ELECTION for an unknown election on any endpoint', async () => {
    expectError(await t.request('GET', '/api/elections/nope'), 404, 'UNKNOWN_ELECTION');
    expectError(await t.request('GET', '/api/elections/nope/board'), 404, 'UNKNOWN_ELECTION');
    expectError(await t.request('POST', '/api/elections/nope/open', { ...admin, body: {} }), 404, 'UNKNOWN_ELECTION');
    expectError(
      await t.request('POST', '/api/elections/nope/sessions', { body: { voterId: 'a', loginCode: 'b' } }),
      404,
      'UNKNOWN_ELECTION',
    );
  });

  it('404 NOT_FOUND for an unknown route or method, as JSON', async () => {
    expectError(await t.request('GET', '/api/nothing-here'), 404, 'NOT_FOUND');
    expectError(await t.request('DELETE', `/api/elections/${setup.eid}`), 404, 'NOT_FOUND');
    expectError(await t.request('GET', '/'), 404, 'NOT_FOUND');
  });

  it('401 for voter endpoints without a session, with a bad token or an expired session', async () => {
    const url = `/api/elections/${setup.eid}/ballot-style`;
    expectError(await t.request('GET', url), 401, 'UNAUTHENTICATED');
    expectError(await t.request('GET', url, { token: 'f'.repeat(64) }), 401, 'UNAUTHENTICATED');
    expectError(await t.request('GET', url, { headers: { authorization: 'Basic abc' } }), 401, 'UNAUTHENTICATED');
    const token = await loginVoter(t, setup.eid, setup.voters[0]!);
    t.clock.now += 31 * 60_000;
    try {
      expectError(await t.request('GET', url, { token }), 401, 'UNAUTHENTICATED');
    } finally {
      t.clock.now -= 31 * 60_000;
    }
  });

  it('checks the admin token before reading a commission body', async () => {
    const answer = await t.request('POST', '/api/elections', { raw: '{"x":', headers: { 'content-type': 'text/plain' } });
    expectError(answer, 401, 'UNAUTHENTICATED');
  });

  it('403 for a session used on another election', async () => {
    const draft = { ...loadDraft(), id: 'other-election' };
    const other = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draft }), 201).json;
    const token = await loginVoter(t, setup.eid, setup.voters[0]!);
    const answer = await t.request('GET', `/api/elections/${other.id}/ballot-style`, { token });
    expectError(answer, 403, 'FORBIDDEN');
    const wrongState = await t.request('POST', `/api/elections/${other.id}/sessions`, { body: { voterId: 'a', loginCode: 'b' } });
    expectError(wrongState, 409, 'WRONG_STATE');
  });

  it('400 for bad query parameters and 404 for sizes beyond the board', async () => {
    expectError(await t.request('GET', `/api/elections/${setup.eid}/board?from=-1`), 400, 'MALFORMED');
    expectError(await t.request('GET', `/api/elections/${setup.eid}/board?from=1&junk=2`), 400, 'MALFORMED');
    expectError(await t.request('GET', `/api/elections/${setup.eid}/proofs/inclusion`), 400, 'MALFORMED');
    expectError(await t.request('GET', `/api/elections/${setup.eid}/proofs/inclusion?index=0&size=999999`), 404, 'NOT_FOUND');
    expectError(await t.request('GET', `/api/elections/${setup.eid}/proofs/inclusion?index=5&size=5`), 404, 'NOT_FOUND');
    expectError(await t.request('GET', `/api/elections/${setup.eid}/proofs/consistency?from=5&to=3`), 404, 'NOT_FOUND');
  });
});

describe('rate limits', () => {
  it('429 RATE_LIMITED per address and per voter id', async () => {
    const limited = await startServer({
      rateLimits: { perAddress: { capacity: 3, refillPerSecond: 0.001 }, perVoter: { capacity: 2, refillPerSecond: 0.001 } },
    });
    try {
      for (let i = 0; i < 3; i++) expectStatus(await limited.request('GET', '/api/elections', { address: '10.0.0.1' }), 200);
      expectError(await limited.request('GET', '/api/elections', { address: '10.0.0.1' }), 429, 'RATE_LIMITED');
      // another address has its own bucket
      expectStatus(await limited.request('GET', '/api/elections', { address: '10.0.0.2' }), 200);
      // guessing one voter's login code from many addresses still hits the voter's bucket
      const eid = expectStatus(
        await limited.request('POST', '/api/elections', { ...admin, body: loadDraft(), address: '10.0.1.1' }),
        201,
      ).json.id;
      const guess = (address: string) =>
        limited.request('POST', `/api/elections/${eid}/sessions`, { body: { voterId: 'v1', loginCode: 'GUESS' }, address });
      expectError(await guess('10.0.2.1'), 409, 'WRONG_STATE');
      expectError(await guess('10.0.2.2'), 409, 'WRONG_STATE');
      expectError(await guess('10.0.2.3'), 429, 'RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('server faults', () => {
  it('answers 500 INTERNAL (and logs it) only when the server itself fails', async () => {
    const logged: unknown[] = [];
    const broken = await startServer({ log: (_message, error) => logged.push(error) });
    const eid = expectStatus(await broken.request('POST', '/api/elections', { ...admin, body: loadDraft() }), 201).json.id;
    sqliteDb(broken.server).close();
    const answer = await broken.request('GET', `/api/elections/${eid}/turnout`);
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL } });
    expect(logged).toHaveLength(1);
    await broken.close();
  });

  it('keeps memory equal to the file when a transaction fails half-way (nothing half-stored)', async () => {
    const faulty = await startServer();
    try {
      const { eid } = await openElection(faulty, { medeu: 1, bostandyk: 1 });
      const election = await faulty.server.services.elections.require(eid);
      const before = { state: election.state, size: election.log.size, head: election.head };
      // the head is stored last in every transaction: failing there comes after the event, the state and the log changed
      sqliteDb(faulty.server).exec(
        "CREATE TEMP TRIGGER fail_head BEFORE INSERT ON tree_heads BEGIN SELECT RAISE(ABORT, 'injected fault'); END",
      );
      const close = await closeAtPeriodEnd(faulty, eid);
      expect([close.status, close.json.error.code]).toEqual([500, 'INTERNAL']);
      expect({ state: election.state, size: election.log.size, head: election.head }).toEqual(before);
      expect(await faulty.server.services.storage.board.count(eid)).toBe(before.size);
      sqliteDb(faulty.server).exec('DROP TRIGGER fail_head');
      expectStatus(await closeAtPeriodEnd(faulty, eid), 200);
      expect(election.log.size).toBe(before.size + 1);
    } finally {
      await faulty.close();
    }
  });
});
