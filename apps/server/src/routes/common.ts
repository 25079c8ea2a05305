// Pieces shared by the route modules: path parameters, the empty body, and cache headers for public reads.
import type { Context } from 'hono';
import { z } from 'zod';
import type { Election } from '../election/election.ts';
import type { Services } from '../services.ts';

/** `{}`: the body of commission actions that take no input. */
export const EmptyBody = z.object({}).strict();

export const StateAnswer = z.object({ state: z.string() });

/** Each request's election, looked up (and on a shared database refreshed) once per request. */
const loaded = new WeakMap<Context, Election>();

/** The election named by `:eid`, or 404. */
export async function electionOf(c: Context, services: Services): Promise<Election> {
  const known = loaded.get(c);
  if (known) return known;
  const election = await services.elections.require(c.req.param('eid') ?? '');
  loaded.set(c, election);
  return election;
}

/** The election electionOf found earlier in this request, for a check that must answer at once (a body limit). */
export function electionLoaded(c: Context): Election {
  const election = loaded.get(c);
  if (!election) throw new Error('electionOf must run (in `before`) before electionLoaded');
  return election;
}

/**
 * Public reads are cacheable (brief §5): what can never change (a full board page, a proof for fixed sizes) for a
 * year; what grows or changes state only after revalidation.
 */
export function cache(c: Context, kind: 'immutable' | 'live'): void {
  c.header('cache-control', kind === 'immutable' ? 'public, max-age=31536000, immutable' : 'public, no-cache');
}
