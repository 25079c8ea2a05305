// Worker-thread bootstrap: registers tsx's loader in this thread, then imports the TypeScript entry it was given
// (on Node 20, a worker does not inherit the parent's --import tsx for a .ts entry).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
