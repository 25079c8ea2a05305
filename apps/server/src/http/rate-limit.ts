// Token buckets in memory, one per key (an address, a voter): cheap flood protection for a single server process.
import type { BucketConfig } from '../config.ts';
import { ApiError } from './errors.ts';

interface Bucket {
  tokens: number;
  at: number;
}

/** Keeps at most this many buckets; beyond that the full (idle) ones are dropped first. */
const MAX_BUCKETS = 100_000;

export class RateLimiter {
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
      const waitSeconds = Math.ceil((1 - bucket.tokens) / this.config.refillPerSecond);
      throw new ApiError('RATE_LIMITED', `too many requests; retry in about ${waitSeconds} s`);
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
