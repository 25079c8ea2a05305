// Worker-thread bootstrap: registers tsx's loader in this thread, then imports the TypeScript entry it was given.
// (On Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker whose entry is a .ts file; this does.)
// With `signalReady`, it then tells its parent that the module is loaded ({ workerReady: true }): loading takes
// seconds on a busy machine, and a pool must not count that time against the worker's first job.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
if (workerData.signalReady) parentPort?.postMessage({ workerReady: true });
