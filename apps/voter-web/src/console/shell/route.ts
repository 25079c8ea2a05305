// Where the member is in the console, kept in the address's fragment so a reload returns to the same place:
// `#election=<id>&step=<step>`, `#new` (a new election's definition), `#invite=<token>` (an invitation link).
// The fragment never reaches the server, so an invitation token in it is not logged by any proxy.
import type { StepId } from '../step.ts';

export const STEP_IDS: readonly StepId[] = ['define', 'register', 'letters', 'ceremony', 'voting', 'after-close'];

export type Route =
  | { readonly kind: 'list' }
  | { readonly kind: 'new' }
  | { readonly kind: 'invite'; readonly token: string }
  | { readonly kind: 'election'; readonly election: string; readonly step: StepId | null };

const ELECTION_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function routeFromHash(hash: string): Route {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const invite = params.get('invite');
  if (invite !== null) return { kind: 'invite', token: invite };
  if (params.has('new')) return { kind: 'new' };
  const election = params.get('election');
  if (election && ELECTION_ID.test(election)) {
    const step = params.get('step');
    return { kind: 'election', election, step: STEP_IDS.includes(step as StepId) ? (step as StepId) : null };
  }
  return { kind: 'list' };
}

export function hashOf(route: Route): string {
  if (route.kind === 'list') return '';
  if (route.kind === 'new') return '#new';
  if (route.kind === 'invite') return `#invite=${route.token}`;
  return `#election=${encodeURIComponent(route.election)}${route.step ? `&step=${route.step}` : ''}`;
}

/** Sets the address's fragment without adding a history entry per click of a tab. */
export function replaceRoute(route: Route): void {
  const hash = hashOf(route);
  history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
}
