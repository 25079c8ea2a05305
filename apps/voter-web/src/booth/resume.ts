// A reload during voting keeps the voter's place: this tab's sessionStorage holds the voter's login session, voter id
// and choices — never the login code, the signing code, the credential key, a ballot's seed or the verification key.
// After a reload the voter types the signing code again (the key was only in memory) and finds their choices kept.
// The session token alone cannot vote: a ballot must be signed with the credential key (spec §3.6.5). Logging out,
// closing the tab or the session's end forgets it.
import { z } from 'zod';
import { SessionAnswer } from '../api.ts';
import type { BoothState } from './state.ts';

const Saved = z.object({
  session: SessionAnswer,
  voterId: z.string().max(128),
  choices: z.record(z.string(), z.array(z.string())),
  /** This device's clock when saved: the server's session times are on the server's clock, which may differ. */
  savedAt: z.number(),
});

/** A place older than a server session lasts (30 minutes) is not restored: the voter logs in again. */
const KEEP_MS = 30 * 60_000;

function key(electionId: string): string {
  return `saylau:booth:${electionId}`;
}

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // storage disabled (a private mode, a policy): the booth works, a reload starts over
    return undefined;
  }
}

/** The screens a reload comes back to: between logging in and casting. */
const RESUMABLE = new Set(['credential', 'ballot', 'review', 'sealed', 'audit']);

/**
 * Saves where the voter is while they make a ballot, or forgets it: once logged out, and once the ballot is cast (a
 * voter who walks away from a shared computer after voting leaves nothing for the next person to resume).
 */
export function saveProgress(state: BoothState): void {
  const store = storage();
  if (!store || !state.electionId) return;
  if (!state.session || !RESUMABLE.has(state.screen)) {
    store.removeItem(key(state.electionId));
    return;
  }
  const saved: z.input<typeof Saved> = {
    session: state.session,
    voterId: state.voterId,
    choices: state.choices,
    savedAt: Date.now(),
  };
  store.setItem(key(state.electionId), JSON.stringify(saved));
}

/** Restores a saved place into `state` when its session has not ended; answers whether it did. */
export function restoreProgress(state: BoothState, now = Date.now()): boolean {
  const store = storage();
  if (!store || !state.electionId) return false;
  const raw = store.getItem(key(state.electionId));
  if (raw === null) return false;
  let parsed: z.output<typeof Saved> | undefined;
  try {
    const result = Saved.safeParse(JSON.parse(raw));
    parsed = result.success ? result.data : undefined;
  } catch {
    parsed = undefined;
  }
  // should the server have ended the session sooner, the next request says so and the booth goes back to the login
  if (!parsed || !(now - parsed.savedAt < KEEP_MS)) {
    store.removeItem(key(state.electionId));
    return false;
  }
  state.session = parsed.session;
  state.voterId = parsed.voterId;
  state.choices = parsed.choices;
  return true;
}
