// What every route needs, built once per server: settings, the file, the elections, the ballot intake, limits.
import type { ServerConfig } from './config.ts';
import type { Storage } from './db/index.ts';
import type { Elections } from './election/registry.ts';
import type { Limiter, RateLimiter } from './http/rate-limit.ts';
import type { Intake } from './intake/types.ts';

export interface Services {
  readonly config: ServerConfig;
  readonly storage: Storage;
  readonly elections: Elections;
  readonly intake: Intake;
  /** Per address in this process (a proxy limits per client in front); per voter across every server of the database. */
  readonly limiters: { readonly address: RateLimiter; readonly voter: Limiter };
  /** sha256 hex of the commission's token (the token itself is not kept). */
  readonly adminTokenHash: string;
}
