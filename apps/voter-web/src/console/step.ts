// One step of the commission's console (define, register, letters, ceremony, voting, after close): what the shell
// (main.ts) gives every step, and what a step tells the shell. Steps change an election only through the server's
// public API (docs/api.md), as a signed-in commission member.
import type { Scalar } from '@saylau/crypto';
import type { ElectionDefinition, ElectionState, Language } from '@saylau/protocol';

export type StepId = 'define' | 'register' | 'letters' | 'ceremony' | 'voting' | 'after-close';

/** The election as GET /api/elections/:eid answers it, its definition checked against its fingerprint. */
export interface ConsoleElection {
  readonly id: string;
  readonly fingerprint: string;
  readonly state: ElectionState;
  readonly definition: ElectionDefinition;
  readonly electionKey: string | null;
  readonly registerSizes: Readonly<Record<string, number>> | null;
}

/** The commission's requests: the session cookie and the CSRF header are added; a failure throws ApiError (../api.ts). */
export interface ConsoleApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

export interface SignedInMember {
  readonly member: number;
  readonly name: string;
  readonly publicKey: string;
}

export interface StepContext {
  readonly language: Language;
  readonly api: ConsoleApi;
  readonly election: ConsoleElection;
  readonly member: SignedInMember;
  /**
   * The member's secret signing key, to sign a commission statement (decision, paper voters, early close, results
   * protocol): kept in memory since sign-in, or asked for again (key file and passphrase) after a reload. Never stored.
   */
  memberKey(): Promise<Scalar>;
  /** Re-reads the election and renders the console again (after an action changed its state). */
  refresh(): Promise<void>;
  /** Called when the member leaves the step or the page re-renders: stop polls and timers here. */
  onLeave(stop: () => void): void;
}

export interface Step {
  readonly id: StepId;
  /** Whether the step can be used in this state, and if not, the sentence shown on its disabled tab. */
  available(election: ConsoleElection, language: Language): { readonly ok: true } | { readonly ok: false; readonly why: string };
  render(host: HTMLElement, context: StepContext): void | Promise<void>;
}
