// Sending a ballot again when the answer was lost. The server answers a ballot it already holds as the voter's
// latest with that ballot's receipt (spec §5.3), so re-sending the *same* ballot is always safe: it is never stored
// twice and never counts twice. The booth and `saylau vote` share this rule: which failures leave the outcome
// unknown (and are retried), and how long to wait between tries.

/** How a submission attempt failed, as the client saw it. */
export type SubmissionFailure =
  /** No HTTP answer at all: refused, reset, cut mid-answer, timed out. */
  | { readonly kind: 'network' }
  /** An HTTP answer whose body was not a receipt (cut short, or a proxy's error page). */
  | { readonly kind: 'unreadable'; readonly status: number }
  /** A well-formed error from the server. */
  | { readonly kind: 'refused'; readonly status: number; readonly code: string };

/** Waits before the 2nd, 3rd and 4th tries: about 7 s in all, short enough for a voter to wait. */
export const SUBMISSION_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000];

/**
 * Whether the ballot may have been recorded although no receipt came back, so that the same ballot must be sent
 * again. A refusal the server stated (4xx with a code) is final: sending the same ballot again changes nothing. A
 * 5xx (including the proxy's 502/503/504 and the server's own 503 when it is overloaded or its database is away)
 * is not.
 */
export function outcomeUnknown(failure: SubmissionFailure): boolean {
  return failure.kind !== 'refused' || failure.status >= 500;
}

/**
 * Runs attempt() until it succeeds, fails finally, or the tries run out; before each retry calls onRetry(n, failure)
 * (n = the try about to start, 2…) and waits. The last failure is rethrown. `failureOf` classifies a thrown error.
 */
export async function submitWithRetries<T>(
  attempt: () => Promise<T>,
  failureOf: (error: unknown) => SubmissionFailure,
  options: {
    onRetry?: (nextTry: number, failure: SubmissionFailure) => void;
    sleep?: (ms: number) => Promise<void>;
    delaysMs?: readonly number[];
  } = {},
): Promise<T> {
  const delays = options.delaysMs ?? SUBMISSION_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const failure = failureOf(error);
      const delay = delays[tried];
      if (!outcomeUnknown(failure) || delay === undefined) throw error;
      options.onRetry?.(tried + 2, failure);
      await sleep(delay);
    }
  }
}
