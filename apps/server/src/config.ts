// Server settings with their defaults: limits, windows and the intake's batching. Every figure is a deliberate
// choice a deployment may tune; tests and the benchmark override them through `resolveConfig`.

export interface BucketConfig {
  /** Requests allowed in a burst. */
  readonly capacity: number;
  /** Tokens added back per second. */
  readonly refillPerSecond: number;
}

export interface ServerConfig {
  /** The commission's bearer token. */
  readonly adminToken: string;
  /** How long a voter session lasts. */
  readonly sessionTtlMs: number;
  /**
   * Second-device verification: at most `maxFetches` fetches of a ballot within `windowMs` of its casting; every
   * `sweepMs` the sealed seeds whose window has ended are deleted.
   */
  readonly verification: { readonly maxFetches: number; readonly windowMs: number; readonly sweepMs: number };
  readonly rateLimits: {
    /** Every API request from one network address. */
    readonly perAddress: BucketConfig;
    /** Logins naming one voter id (guessing a login code) and ballots from one voter session. */
    readonly perVoter: BucketConfig;
  };
  /**
   * Body size limits in bytes, by kind of request. `trustee` is a ceiling: each trustee request is held to the
   * bound its election's n, t and aggregate give it (routes/trustee-bounds.ts).
   */
  readonly bodyLimits: { readonly ballot: number; readonly commission: number; readonly trustee: number; readonly small: number };
  readonly intake: {
    /** How long the queue waits for more submissions before verifying what it has (when a verifier is idle). */
    readonly batchWindowMs: number;
    /** Most ballots verified in one batch. */
    readonly maxBatch: number;
    /** Worker threads verifying proofs; 0 verifies on the main thread. */
    readonly workers: number;
    /** A verification worker silent this long on one batch is ended and replaced (the batch is re-verified apart). */
    readonly jobTimeoutMs: number;
  };
  /**
   * The Node HTTP server's clocks against clients that send slowly (slowloris): all headers must arrive within
   * `headersTimeoutMs` and the whole request within `requestTimeoutMs` of the connection's first byte, else it
   * is answered 408 and closed; Node checks them every `checkIntervalMs`. An idle keep-alive connection closes
   * after `keepAliveTimeoutMs`.
   */
  readonly http: {
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly checkIntervalMs: number;
  };
  /**
   * On shutdown, how long the batches being verified may take to commit (their voters get receipts), and then
   * how long open connections may take to finish, before each is cut off.
   */
  readonly shutdownGraceMs: number;
  /** The clock (tests move it to reach the verification window's end or the voting period's). */
  readonly now: () => number;
  /** Reverse proxies whose X-Forwarded-For names the voter's address (http/auth.ts clientAddress); none by default. */
  readonly trustedProxies: readonly string[];
}

export const DEFAULT_CONFIG: Omit<ServerConfig, 'adminToken'> = {
  sessionTtlMs: 30 * 60_000,
  verification: { maxFetches: 3, windowMs: 30 * 60_000, sweepMs: 60_000 },
  rateLimits: {
    // generous: many voters can share one address (a campus, a carrier's NAT)
    perAddress: { capacity: 600, refillPerSecond: 200 },
    perVoter: { capacity: 10, refillPerSecond: 0.2 },
  },
  bodyLimits: { ballot: 1 << 20, commission: 64 << 20, trustee: 8 << 20, small: 16 << 10 },
  intake: { batchWindowMs: 4, maxBatch: 32, workers: 0, jobTimeoutMs: 60_000 },
  // a 64 MiB register at 1 MB/s takes about a minute: a commission on a slower link raises requestTimeoutMs
  http: { headersTimeoutMs: 10_000, requestTimeoutMs: 90_000, keepAliveTimeoutMs: 5_000, checkIntervalMs: 1_000 },
  shutdownGraceMs: 10_000,
  now: () => Date.now(),
  trustedProxies: [],
};

export type ConfigOverrides = Partial<Omit<ServerConfig, 'rateLimits' | 'intake' | 'verification' | 'bodyLimits' | 'http'>> & {
  readonly rateLimits?: Partial<ServerConfig['rateLimits']>;
  readonly intake?: Partial<ServerConfig['intake']>;
  readonly verification?: Partial<ServerConfig['verification']>;
  readonly bodyLimits?: Partial<ServerConfig['bodyLimits']>;
  readonly http?: Partial<ServerConfig['http']>;
};

export function resolveConfig(overrides: ConfigOverrides & { adminToken: string }): ServerConfig {
  if (overrides.adminToken.length < 16) throw new RangeError('the admin token must be at least 16 characters');
  return {
    ...DEFAULT_CONFIG,
    ...overrides,
    rateLimits: { ...DEFAULT_CONFIG.rateLimits, ...overrides.rateLimits },
    intake: { ...DEFAULT_CONFIG.intake, ...overrides.intake },
    verification: { ...DEFAULT_CONFIG.verification, ...overrides.verification },
    bodyLimits: { ...DEFAULT_CONFIG.bodyLimits, ...overrides.bodyLimits },
    http: { ...DEFAULT_CONFIG.http, ...overrides.http },
  };
}
