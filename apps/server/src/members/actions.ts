// The commission's actions log (docs/api.md): who did what, when, to which election, and how it ended. Rows name
// the endpoint's pattern and the actor, never a token, a code or a body.
import type { Action, Actor } from '@saylau/protocol/commission-client';
import type { Context } from 'hono';
import type { ActionRow } from '../db/actions-store.ts';
import type { Services } from '../services.ts';

/** Most actions one read answers; read on with `after` the last id. */
export const ACTIONS_PAGE = 1000;

/** Records that `actor` begins a request to `route` (a pattern): its id, to finish with the answer's status. */
export async function beginAction(services: Services, c: Context, actor: Actor, route: string): Promise<number> {
  return services.storage.actions.begin({
    at: new Date(services.config.now()).toISOString(),
    actor: actor.kind,
    member: actor.kind === 'member' ? actor.member : null,
    memberName: actor.kind === 'member' ? actor.name : null,
    method: c.req.method,
    route,
    // as the client wrote it, bounded: an unknown election's id is worth logging too
    electionId: c.req.param('eid')?.slice(0, 128) ?? null,
  });
}

/** Records a request that is over (a sign-in, an enrollment: the actor is known only once it succeeded). */
export async function recordAction(services: Services, c: Context, actor: Actor, route: string, status: number): Promise<void> {
  await services.storage.actions.finish(await beginAction(services, c, actor, route), status);
}

export async function listActions(services: Services, electionId: string | null, after: number): Promise<Action[]> {
  const rows = await services.storage.actions.list(electionId, after, ACTIONS_PAGE);
  return rows.map(actionOf);
}

function actionOf(row: ActionRow): Action {
  const actor: Actor =
    row.actor === 'member' ? { kind: 'member', member: row.member ?? 0, name: row.member_name ?? '' } : { kind: 'admin-token' };
  return {
    id: Number(row.id),
    at: row.at,
    actor,
    method: row.method,
    route: row.route,
    election: row.election_id,
    status: row.status,
  };
}
