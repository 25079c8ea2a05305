// The trustee's page's way to the server for the shared trustee logic: the pages' one JSON request (api.ts), so a
// server error keeps its code and the page can say what was refused.
import type { TrusteeTransport } from '@saylau/protocol/trustee-client';
import { ApiError, fetchJson } from '../api.ts';

export const pageTransport: TrusteeTransport = {
  get: async <T>(path: string) => (await fetchJson(path)).json as T,
  post: async <T>(path: string, body: unknown) => (await fetchJson(path, { method: 'POST', body })).json as T,
  isRefusal: (error) => error instanceof ApiError,
};
