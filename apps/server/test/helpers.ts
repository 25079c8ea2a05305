// Test helpers: a server on a real SQLite file in a temp dir with a clock the test moves, requests through
// app.request(); the election's parties come from scripts/election-driver.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Answer, answerOf, type Requester, type RequestOptions, requestInit } from '../scripts/election-driver.ts';
import type { Db } from '../src/db/index.ts';
import { createServer, type Server, type ServerOptions } from '../src/index.ts';

export * from '../scripts/election-driver.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** Inside the fixture's voting period (2026-01-01 … 2036-01-01). */
export const IN_PERIOD = Date.parse('2026-06-01T10:00:00.000Z');

export interface TestServer extends Requester {
  readonly server: Server;
  readonly file: string;
  readonly clock: { now: number };
  /** Closes the server and opens a new one on the same file (a restart). */
  restart(): Promise<TestServer>;
  close(): Promise<void>;
}

/** Generous limits unless a test is about them. */
const TEST_LIMITS = { perAddress: { capacity: 1e9, refillPerSecond: 1e9 }, perVoter: { capacity: 1e9, refillPerSecond: 1e9 } };

export async function startServer(
  overrides: Partial<ServerOptions> = {},
  existing?: { file: string; dir: string; clock: { now: number } },
): Promise<TestServer> {
  const dir = existing?.dir ?? mkdtempSync(join(tmpdir(), 'saylau-server-'));
  const file = existing?.file ?? join(dir, 'saylau.db');
  const clock = existing?.clock ?? { now: IN_PERIOD };
  const server = await createServer({
    db: file,
    adminToken: ADMIN_TOKEN,
    now: () => clock.now,
    rateLimits: TEST_LIMITS,
    intake: { workers: 0, batchWindowMs: 2, maxBatch: 32 },
    log: () => {},
    ...overrides,
  });
  const request = async (method: string, path: string, options: RequestOptions = {}): Promise<Answer> => {
    const env = { incoming: { socket: { remoteAddress: options.address ?? '127.0.0.1' } } };
    return answerOf(await server.app.request(path, requestInit(method, options), env));
  };
  const test: TestServer = {
    adminToken: ADMIN_TOKEN,
    server,
    file,
    clock,
    request,
    restart: async () => {
      await server.close();
      return await startServer(overrides, { file, dir, clock });
    },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return test;
}

export const admin = { token: ADMIN_TOKEN };

/** The main SQLite connection of a server on a file, for tests that look into (or break) the file itself. */
export function sqliteDb(server: Server): Db {
  const { storage } = server.services;
  if (storage.kind !== 'sqlite') throw new Error('this test needs a server on a SQLite file');
  return storage.db;
}

/**
 * Closes voting where no early close is needed (spec §4.5): the test clock moves to the end of the election's voting
 * period first. Later board times follow it, since the server never stamps a time earlier than one it issued.
 */
export async function closeAtPeriodEnd(t: TestServer, eid: string): Promise<Answer> {
  const closes = (await t.server.services.elections.require(eid)).definition.votingPeriod.closes;
  t.clock.now = Math.max(t.clock.now, Date.parse(closes));
  return t.request('POST', `/api/elections/${eid}/close`, { ...admin, body: {} });
}
