// GET /api/health: whether this server can take ballots now, for a monitor or a load balancer. 200 when the
// database takes writes and a verifier thread is alive, else 503 with the same body. It says nothing a public board does not.
import { z } from 'zod';
import type { Api } from '../http/api.ts';
import type { Services } from '../services.ts';

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
    async (c) => {
      const health = await healthOf(services);
      c.header('cache-control', 'no-store');
      return health.ok ? health : c.json(health, 503);
    },
  );
}

export async function healthOf(services: Services): Promise<HealthAnswer> {
  const writable = await services.storage.writable();
  const { workersAlive, queued } = services.intake.status();
  const now = services.config.now();
  // without the database, what this server last saw (the answer is 503 either way)
  const elections = (writable ? await services.elections.list() : services.elections.known()).map((e) => ({
    id: e.id,
    state: e.state,
    // How long since the board last grew (every append signs a head): a stalled board in an open election shows here.
    lastHeadAgeSeconds: e.head === null ? null : Math.max(0, Math.floor((now - Date.parse(e.head.timestamp)) / 1000)),
  }));
  return { ok: writable && workersAlive > 0, database: { writable }, intake: { workersAlive, queued }, elections };
}
