// Who acts for the commission: a script with the admin token (Authorization: Bearer, which wins when both are
// sent) or a member signed in to the console (session cookie + X-Saylau-CSRF). Every commission route runs this
// first (http/api.ts Guards) and is recorded in the actions log with its actor and, once answered, its status.
import type { Actor } from '@saylau/protocol/commission-client';
import type { Context, MiddlewareHandler } from 'hono';
import { requireAdminToken } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { beginAction } from './actions.ts';
import { memberSessionOf, requireMemberSession, type SignedIn } from './sign-in.ts';

/** Reading the log is not itself logged: a console polling it would otherwise always find something new. */
const UNLOGGED = new Set(['get /api/commission/actions']);

/** The commission actor of the request, or 401/403. */
export async function authenticateCommission(services: Services, c: Context): Promise<Actor> {
  if (c.req.header('authorization') !== undefined) {
    requireAdminToken(c, services.adminTokenHash);
    return { kind: 'admin-token' };
  }
  const signedIn = await memberSessionOf(services, c, true);
  if (!signedIn) {
    throw new ApiError(
      'UNAUTHENTICATED',
      'this endpoint needs the admin token (Authorization: Bearer) or a commission member’s console session',
    );
  }
  return { kind: 'member', member: signedIn.session.member, name: signedIn.session.name };
}

/** The operator: the admin token alone (a console session is refused, with the command to use instead). */
async function authenticateOperator(services: Services, c: Context): Promise<Actor> {
  if (c.req.header('authorization') === undefined) {
    throw new ApiError(
      'FORBIDDEN',
      'members are invited and disabled by the server’s operator with the admin token (saylau commission invite / disable-member), not from a console session',
    );
  }
  requireAdminToken(c, services.adminTokenHash);
  return { kind: 'admin-token' };
}

/** The guard of every `commission` route: authenticate, log the action, run the route, log its status. */
export function commissionGuard(services: Services, route: { method: 'get' | 'post'; path: string }): MiddlewareHandler {
  return loggedGuard(services, route, authenticateCommission);
}

/** The guard of every `operator` route (members' accounts): the admin token, logged like a commission action. */
export function operatorGuard(services: Services, route: { method: 'get' | 'post'; path: string }): MiddlewareHandler {
  return loggedGuard(services, route, authenticateOperator);
}

function loggedGuard(
  services: Services,
  route: { method: 'get' | 'post'; path: string },
  authenticate: (services: Services, c: Context) => Promise<Actor>,
): MiddlewareHandler {
  const logged = !UNLOGGED.has(`${route.method} ${route.path}`);
  return async (c, next) => {
    const actor = await authenticate(services, c);
    if (!logged) return next();
    const id = await beginAction(services, c, actor, route.path);
    await next();
    await services.storage.actions.finish(id, c.res.status);
  };
}

const sessions = new WeakMap<Context, SignedIn>();

/**
 * The guard of `member` routes (the console session itself, where the admin token means nothing): the session
 * cookie, and its CSRF header on anything but a read (the page reads its session after a reload to learn the CSRF
 * token; SameSite=Strict and the same-origin policy keep other sites from reading that answer).
 */
export function memberGuard(services: Services, route: { method: 'get' | 'post' }): MiddlewareHandler {
  return async (c, next) => {
    sessions.set(c, await requireMemberSession(services, c, route.method !== 'get'));
    await next();
  };
}

/** The session memberGuard found for this request. */
export function signedInOf(c: Context): SignedIn {
  const signedIn = sessions.get(c);
  if (!signedIn) throw new Error('memberGuard must run before signedInOf');
  return signedIn;
}
