// Worker-thread bootstrap: registers tsx's loader in this thread, then imports the TypeScript entry it was given.
// (On Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker whose entry is a .ts file; this does.)
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
