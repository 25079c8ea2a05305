// Pieces shared by the route modules: path parameters, the empty body, and cache headers for public reads.
import type { Context } from 'hono';
import { z } from 'zod';
import type { Election } from '../election/election.ts';
import type { Services } from '../services.ts';

/** `{}`: the body of commission actions that take no input. */
export const EmptyBody = z.object({}).strict();

export const StateAnswer = z.object({ state: z.string() });

/** The election named by `:eid`, or 404. */
export function electionOf(c: Context, services: Services): Election {
  return services.elections.require(c.req.param('eid') ?? '');
}

/**
 * Public reads are cacheable (brief §5): what can never change (a full board page, a proof for fixed sizes) for a
 * year; what grows or changes state only after revalidation.
 */
export function cache(c: Context, kind: 'immutable' | 'live'): void {
  c.header('cache-control', kind === 'immutable' ? 'public, max-age=31536000, immutable' : 'public, no-cache');
}
