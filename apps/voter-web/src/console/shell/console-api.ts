// The commission's requests from the console, through the member's CommissionClient (same-origin cookie and the
// session's CSRF header, @saylau/protocol/commission-client): every refusal becomes a ConsoleApiError — an ApiError
// with the server's code, so steps handle it like the other pages' errors — carrying, for a validation failure,
// every problem with its path.
import { CommissionApiError, type CommissionClient } from '@saylau/protocol/commission-client';
import { ApiError, answerJson, type ServerRefusal } from '../../api.ts';
import type { ConsoleApi } from '../step.ts';

/** One problem of a validation failure, as the server lists it (`problems` beside the error's code). */
export interface ServerProblem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** An ApiError (so steps can test `instanceof ApiError`) that also carries the server's list of problems. */
export class ConsoleApiError extends ApiError {
  constructor(
    code: string,
    status: number,
    message: string,
    readonly problems: readonly ServerProblem[] = [],
  ) {
    super(code, status, message);
    this.name = 'ConsoleApiError';
  }
}

function problemsOf(error: ServerRefusal | undefined): ServerProblem[] {
  if (!Array.isArray(error?.problems)) return [];
  return error.problems.flatMap((p: unknown) => {
    const { code, path, message } = (p ?? {}) as Record<string, unknown>;
    if (typeof code !== 'string') return [];
    const where = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    return [{ code, path: where, message: typeof message === 'string' ? message : '' }];
  });
}

/** The shared client's refusals as the console's errors (the same code and message). */
export function asConsoleError(error: unknown): unknown {
  if (error instanceof CommissionApiError) return new ConsoleApiError(error.code, error.status, error.message);
  if (error instanceof TypeError) return new ConsoleApiError('NETWORK', 0, 'the server could not be reached');
  return error;
}

/** One JSON request with the member's session: the answer's JSON, or a ConsoleApiError. */
export async function consoleRequest<T>(
  client: CommissionClient,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' }, cache: 'no-store' };
  if (method === 'POST') {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await client.fetch(path, init);
  } catch {
    throw new ConsoleApiError('NETWORK', 0, 'the server could not be reached');
  }
  const json = await answerJson(
    response,
    path,
    (code, status, message, refusal) => new ConsoleApiError(code, status, message, problemsOf(refusal)),
  );
  return json as T;
}

/**
 * The ConsoleApi a step gets. `onUnauthenticated` is told when the server no longer knows the session (expired,
 * ended elsewhere), so the shell asks the member to sign in again.
 */
export function consoleApi(client: CommissionClient, onUnauthenticated: () => void): ConsoleApi {
  const run = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    try {
      return await consoleRequest<T>(client, method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') onUnauthenticated();
      throw error;
    }
  };
  return {
    get: <T>(path: string) => run<T>('GET', path),
    post: <T>(path: string, body?: unknown) => run<T>('POST', path, body),
  };
}
