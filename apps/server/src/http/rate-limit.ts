// Token buckets, one per key (an address, a voter): in memory, cheap flood protection for one server process; or in
// the database, for the limits that must hold across the servers sharing it (a voter's login attempts).
import type { BucketConfig } from '../config.ts';
import type { PostgresStorage } from '../db/index.ts';
import { ApiError } from './errors.ts';

export interface Limiter {
  /** Takes a token for the key, or throws RATE_LIMITED when its bucket is empty. */
  take(key: string): void | Promise<void>;
}

function limited(waitSeconds: number): ApiError {
  return new ApiError('RATE_LIMITED', `too many requests; retry in about ${waitSeconds} s`);
}

/** The buckets in the shared database: with three servers a voter id still gets one bucket of login attempts. */
export class SharedRateLimiter implements Limiter {
  constructor(
    private readonly storage: PostgresStorage,
    private readonly config: BucketConfig,
    private readonly now: () => number,
  ) {}

  async take(key: string): Promise<void> {
    if (!(await this.storage.takeToken(key, this.config, this.now()))) {
      throw limited(Math.ceil(1 / this.config.refillPerSecond));
    }
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Keeps at most this many buckets; beyond that the full (idle) ones are dropped first. */
const MAX_BUCKETS = 100_000;

export class RateLimiter implements Limiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: BucketConfig,
    private readonly now: () => number,
  ) {}

  /** Takes a token for the key, or throws RATE_LIMITED when its bucket is empty. */
  take(key: string): void {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.evictIdle(now);
      bucket = { tokens: this.config.capacity, at: now };
      this.buckets.set(key, bucket);
    }
    // A clock that steps back refills nothing (rather than draining the bucket).
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.config.capacity, bucket.tokens + (elapsed / 1000) * this.config.refillPerSecond);
    bucket.at = Math.max(bucket.at, now);
    if (bucket.tokens < 1) {
      throw limited(Math.ceil((1 - bucket.tokens) / this.config.refillPerSecond));
    }
    bucket.tokens -= 1;
  }

  private evictIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const refilled = bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.config.refillPerSecond;
      if (refilled >= this.config.capacity) this.buckets.delete(key);
    }
    // Everyone is mid-burst: drop the oldest half rather than grow without bound.
    if (this.buckets.size >= MAX_BUCKETS) {
      let n = 0;
      for (const key of this.buckets.keys()) {
        if (n++ >= MAX_BUCKETS / 2) break;
        this.buckets.delete(key);
      }
    }
  }
}
