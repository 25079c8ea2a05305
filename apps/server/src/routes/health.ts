// GET /api/health: whether this server can take ballots now, for a monitor or a load balancer. 200 when the file
// takes writes and a verifier thread is alive, else 503 with the same body. It says nothing a public board does not.
import { z } from 'zod';
import { isSqliteError } from '../db/open-error.ts';
import type { Api } from '../http/api.ts';
import type { Services } from '../services.ts';

const PROBE_WAIT_MS = 100;

export const HealthAnswer = z.object({
  ok: z.boolean(),
  database: z.object({ writable: z.boolean() }),
  intake: z.object({ workersAlive: z.number(), queued: z.number() }),
  elections: z.array(z.object({ id: z.string(), state: z.string(), lastHeadAgeSeconds: z.number().nullable() })),
});
export type HealthAnswer = z.infer<typeof HealthAnswer>;

export function healthRoutes(api: Api, services: Services): void {
  api.get(
    '/api/health',
    { role: 'public', summary: 'Whether the server can take ballots now (503 when not)', response: HealthAnswer },
    (c) => {
      const health = healthOf(services);
      c.header('cache-control', 'no-store');
      return health.ok ? health : c.json(health, 503);
    },
  );
}

export function healthOf(services: Services): HealthAnswer {
  const writable = databaseWritable(services);
  const { workersAlive, queued } = services.intake.status();
  const now = services.config.now();
  const elections = services.elections.list().map((e) => ({
    id: e.id,
    state: e.state,
    // How long since the board last grew (every append signs a head): a stalled board in an open election shows here.
    lastHeadAgeSeconds: e.head === null ? null : Math.max(0, Math.floor((now - Date.parse(e.head.timestamp)) / 1000)),
  }));
  return { ok: writable && workersAlive > 0, database: { writable }, intake: { workersAlive, queued }, elections };
}

/**
 * Takes the write lock of the main connection and gives it back: fails when the file is closed, read-only or
 * locked by someone else past the busy timeout. A full disk shows only on the next real write.
 */
function databaseWritable(services: Services): boolean {
  const { db } = services.storage;
  if (!db.open || db.readonly) return false;
  // Our own writes are synchronous, so the lock is free unless another process holds it: wait briefly, not the
  // connection's full busy timeout, so that a monitor's probe never stalls the server.
  const patience = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${PROBE_WAIT_MS}`);
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch (error) {
    // SQLite's refusal is the answer (`writable: false`, status 503); its text may name paths, so it is not shown.
    if (isSqliteError(error)) return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${patience}`);
  }
}
