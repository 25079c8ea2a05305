// How the trustee's logic talks to the server: the CLI passes its ApiClient, the page its fetch wrapper. Paths are
// the API's (docs/api.md); answers are checked by the caller here before use.
import type { ElectionDefinition } from '../definition/index.ts';

export interface TrusteeTransport {
  get<T = unknown>(path: string, what: string): Promise<T>;
  post<T = unknown>(path: string, body: unknown, what: string): Promise<T>;
  /**
   * Whether an error thrown by get/post is the server's answer (or no answer) rather than a bug: a refused complaint
   * or acknowledgement is reported to the trustee, and the shares already verified are kept.
   */
  isRefusal(error: unknown): boolean;
}

/** The part of an election the trustee's logic needs: its id, its fingerprint (checked by the caller) and its definition. */
export interface TrusteeElection {
  readonly id: string;
  readonly fingerprint: Uint8Array;
  readonly definition: ElectionDefinition;
}

export const electionPath = (id: string): string => `/api/elections/${encodeURIComponent(id)}`;

/**
 * Checks once or polls until `check` is ready: the CLI waits up to --wait seconds; the page checks once and shows
 * what is missing. Either way the value is returned when ready, and a NOT_YET error (or the caller's own) otherwise.
 */
export type WaitFor = <T>(check: () => Promise<{ ready: true; value: T } | { ready: false; missing: string }>) => Promise<T>;
