// The trustee's page's way to the server for the shared trustee logic: same-origin JSON, no cookies, no cache; a
// server error keeps its code, so the page can say what was refused.
import type { TrusteeTransport } from '@saylau/protocol/trustee-client';
import { ApiError } from '../api.ts';

async function request<T>(method: 'GET' | 'POST', path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers:
        body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError('NETWORK', 0, 'the server could not be reached');
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new ApiError(
      typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
      response.status,
      typeof error?.message === 'string' ? error.message : response.statusText,
    );
  }
  if (json === undefined) throw new ApiError('BAD_ANSWER', response.status, `unexpected answer from ${path}`);
  return json as T;
}

export const pageTransport: TrusteeTransport = {
  get: (path) => request('GET', path, undefined),
  post: (path, body) => request('POST', path, body),
  isRefusal: (error) => error instanceof ApiError,
};
