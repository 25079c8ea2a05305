// Starting a worker thread on a TypeScript module (the sources run through tsx; there is no build step).
import { Worker } from 'node:worker_threads';

const BOOT = new URL('./boot.mjs', import.meta.url);

/** What a worker started with `signalReady` posts once its module has loaded, before any answer of its own. */
export interface WorkerReady {
  readonly workerReady: true;
}

export function isWorkerReady(message: unknown): message is WorkerReady {
  return typeof message === 'object' && message !== null && (message as { workerReady?: unknown }).workerReady === true;
}

/** A worker running `entry` (a .ts module URL); `data` reaches it as workerData.data. */
export function startTsWorker(entry: URL, data?: unknown, options: { signalReady?: boolean } = {}): Worker {
  return new Worker(BOOT, { workerData: { entry: entry.href, data, signalReady: options.signalReady === true } });
}
