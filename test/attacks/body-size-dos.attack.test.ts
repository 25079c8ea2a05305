// Attack: stall the server without credentials (body-size and slow-client denial of service).
// Known from: Saylau's red-team review (2026); the class is CWE-400 and slowloris (R. Hansen, 2009).
// Attack B: trustee endpoints took 8 MiB bodies and decoded every group element on the main
// thread before the election, state, trustee or signature were checked, so one unauthenticated request blocked
// the event loop for seconds. Now state, trustee and the body's bound (from n, t and the aggregate) come before
// the body is read and the signature before any point is decoded; Node's header and request clocks close slow
// connections; a client that hangs up mid-body is not an internal error. Over real HTTP, on a real server.
import { connect, type Socket } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Listening, listen } from '../../apps/server/src/index.ts';
import {
  admin,
  closeAtPeriodEnd,
  expectStatus,
  openElection,
  startServer,
  type TestServer,
} from '../../apps/server/test/helpers.ts';
import { aggregateLayout } from '../../packages/protocol/src/index.ts';

let t: TestServer;
let listening: Listening;
let base: string;
let setup: Awaited<ReturnType<typeof openElection>>;
const logged: string[] = [];

const HEADERS_TIMEOUT_MS = 600;
const REQUEST_TIMEOUT_MS = 1_200;
const CHECK_INTERVAL_MS = 100;

beforeAll(async () => {
  t = await startServer({
    log: (message) => logged.push(message),
    http: {
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      checkIntervalMs: CHECK_INTERVAL_MS,
    },
  });
  setup = await openElection(t, { medeu: 2, bostandyk: 1 }, undefined, false);
  // the decryption endpoint is open to trustees once the aggregates exist
  expectStatus(await closeAtPeriodEnd(t, setup.eid), 200);
  expectStatus(await t.request('POST', `/api/elections/${setup.eid}/process`, { ...admin, body: {} }), 200);
  listening = await listen(t.server, { port: 0, hostname: '127.0.0.1' });
  base = `http://127.0.0.1:${listening.address.port}`;
});
afterAll(async () => {
  await listening.close();
  await t.close();
});

/** A well-formed decryption share whose points are all `point` (a valid encoding, or not). */
function share(point: string) {
  return { share: point, proof: { commitment1: point, commitment2: point, response: '03'.repeat(32) } };
}

/** Runs a request while watching the event loop: its answer, the wall time, the longest the loop was blocked. */
async function watched<T>(run: () => Promise<T>) {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const start = performance.now();
  const value = await run();
  const ms = performance.now() - start;
  loop.disable();
  return { value, ms, stalledMs: loop.max / 1e6 };
}

async function post(path: string, body: string) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, json: (await res.json()) as { error: { code: string } } };
}

describe('an unauthenticated trustee request', () => {
  it('of 1 MiB of points is refused with a 4xx in well under 100 ms of server time; a public read meanwhile answers fast', async () => {
    const point = setup.definition.boardKey;
    const shares = Array.from({ length: 3_300 }, () => share(point));
    const body = JSON.stringify({ shares, signature: { commitment: point, response: '02'.repeat(32) } });
    expect(body.length).toBeGreaterThan(1 << 20);
    const path = `/api/elections/${setup.eid}/trustees/1/decryption`;
    // warm the connection pool and the route
    await post(path, '{}');
    const run = await watched(() =>
      Promise.all([
        post(path, body),
        (async () => {
          const start = performance.now();
          const res = await fetch(`${base}/api/elections/${setup.eid}`);
          await res.arrayBuffer();
          return { status: res.status, ms: performance.now() - start };
        })(),
      ]),
    );
    const [attack, read] = run.value;
    // the bound for this election (one share per aggregate entry) is a few KiB: refused on its declared length
    expect([attack.status, attack.json.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(read.status).toBe(200);
    expect(run.stalledMs).toBeLessThan(50);
    expect(run.ms).toBeLessThan(500);
    expect(read.ms).toBeLessThan(500);
  });

  it('within its bound is refused on the signature before any point is decoded (non-canonical points: 401, not 400)', async () => {
    const entries = aggregateLayout(setup.definition).length;
    const bogus = 'ff'.repeat(32);
    const body = JSON.stringify({
      shares: Array.from({ length: entries }, () => share(bogus)),
      signature: { commitment: setup.definition.boardKey, response: '02'.repeat(32) },
    });
    const run = await watched(() => post(`/api/elections/${setup.eid}/trustees/1/decryption`, body));
    expect([run.value.status, run.value.json.error.code]).toEqual([401, 'BAD_TRUSTEE_SIGNATURE']);
    expect(run.stalledMs).toBeLessThan(50);
    // one item more than the aggregate has entries: refused by count, before the signature
    const longer = JSON.stringify({
      shares: Array.from({ length: entries + 1 }, () => share(bogus)),
      signature: { commitment: setup.definition.boardKey, response: '02'.repeat(32) },
    });
    const tooMany = await post(`/api/elections/${setup.eid}/trustees/1/decryption`, longer);
    expect([tooMany.status, tooMany.json.error.code]).toEqual([422, 'BAD_DECRYPTION_SHARE']);
  });

  it('is refused before its body is read when the state, the trustee or the size is wrong', async () => {
    const big = JSON.stringify({ commitments: Array(4_000).fill(setup.definition.boardKey) });
    // a ceremony message after the ceremony
    const late = await post(`/api/elections/${setup.eid}/trustees/1/commitment`, big);
    expect([late.status, late.json.error.code]).toEqual([409, 'WRONG_STATE']);
    // a trustee the election does not have
    const nobody = await post(`/api/elections/${setup.eid}/trustees/9/decryption`, big);
    expect([nobody.status, nobody.json.error.code]).toEqual([404, 'NOT_FOUND']);
    // an election that does not exist
    const unknown = await post('/api/elections/nope/trustees/1/decryption', big);
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'UNKNOWN_ELECTION']);
    // nor a key message outside the ceremony
    const key = await post(`/api/elections/${setup.eid}/trustees/1/key`, big);
    expect([key.status, key.json.error.code]).toEqual([409, 'WRONG_STATE']);
  });
});

/** A raw connection: resolves with how long after opening it the server closed it. */
function rawConnection(): { socket: Socket; closed: Promise<number> } {
  const opened = performance.now();
  const socket = connect(listening.address.port, '127.0.0.1');
  // a reset is what these tests provoke; what the server sends back is not what they look at
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now() - opened)));
  return { socket, closed };
}

/** Writes `text` one character every `everyMs` until the socket closes. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) {
      clearInterval(timer);
      return;
    }
    socket.write(text[i++] as string);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

describe('slow clients', () => {
  it('a connection sending its headers slowly is closed once the headers clock runs out', async () => {
    const { socket, closed } = rawConnection();
    socket.write(`GET /api/elections/${setup.eid} HTTP/1.1\r\nHost: x\r\n`);
    trickle(socket, `X-Slow: ${'a'.repeat(1_000)}\r\n`, 50);
    const after = await closed;
    expect(after).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(after).toBeLessThan(HEADERS_TIMEOUT_MS + 3 * CHECK_INTERVAL_MS + 400);
    expect((await fetch(`${base}/api/elections/${setup.eid}`)).status).toBe(200);
  });

  it('a connection sending its body slowly is closed once the request clock runs out', async () => {
    const { socket, closed } = rawConnection();
    const body = JSON.stringify({ voterId: 'medeu-0', loginCode: 'x'.repeat(1_000) });
    socket.write(
      `POST /api/elections/${setup.eid}/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\n\r\n`,
    );
    trickle(socket, body, 50);
    const after = await closed;
    expect(after).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(after).toBeLessThan(REQUEST_TIMEOUT_MS + 3 * CHECK_INTERVAL_MS + 400);
  });

  it('a client that hangs up half-way through its body is not logged as an internal error; the server goes on', async () => {
    const before = logged.length;
    for (const framing of ['length', 'chunked'] as const) {
      const { socket, closed } = rawConnection();
      const half = `{"voterId":"medeu-0","loginCode":"${'x'.repeat(4_000)}`;
      const head = `POST /api/elections/${setup.eid}/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`;
      socket.write(
        framing === 'length'
          ? `${head}Content-Length: 10000\r\n\r\n${half}`
          : `${head}Transfer-Encoding: chunked\r\n\r\n${half.length.toString(16)}\r\n${half}\r\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      await closed;
    }
    // let the server notice and settle both requests
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logged.slice(before)).toEqual([]);
    const res = await fetch(`${base}/api/elections/${setup.eid}`);
    expect(res.status).toBe(200);
  });
});
