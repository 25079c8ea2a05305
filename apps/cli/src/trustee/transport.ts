// The CLI's ApiClient as the shared trustee logic's transport (@saylau/protocol/trustee-client): the server's
// refusals and unreachability are CliErrors, which the logic reports (a refused complaint) rather than throws.
import type { TrusteeTransport } from '@saylau/protocol/trustee-client';
import type { ApiClient } from '../cli/client.ts';
import { CliError } from '../cli/errors.ts';

export function transportOf(client: ApiClient): TrusteeTransport {
  return {
    get: (path, what) => client.get(path, { what }),
    post: (path, body, what) => client.post(path, body, { what }),
    isRefusal: (error) => error instanceof CliError,
  };
}
