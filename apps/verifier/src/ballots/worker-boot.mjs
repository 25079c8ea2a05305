// Starts a verifier worker thread: registers tsx's TypeScript loader in this thread, then loads worker.ts.
// (Node 20 does not apply an `--import tsx` given in a worker's execArgv to the worker's own entry module.)
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
