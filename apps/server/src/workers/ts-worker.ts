// Starting a worker thread on a TypeScript module (the sources run through tsx; there is no build step).
import { Worker } from 'node:worker_threads';

const BOOT = new URL('./boot.mjs', import.meta.url);

/** A worker running `entry` (a .ts module URL); `data` reaches it as workerData.data. */
export function startTsWorker(entry: URL, data?: unknown): Worker {
  return new Worker(BOOT, { workerData: { entry: entry.href, data } });
}
