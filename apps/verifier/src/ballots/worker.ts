// A worker thread of the verifier: receives the record's setup once, then slices of ballots, and answers each
// slice with its outcomes and partial aggregates (slice.ts). Started by pool.ts with tsx as its loader.
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from './pool.ts';
import { checkSlice, type PreparedSetup, prepareSetup } from './slice.ts';

if (!parentPort) throw new Error('worker.ts runs as a worker thread');
const port = parentPort;
let setup: PreparedSetup | undefined;

// The setup is answered only when it fails; the slices sent right behind it are answered each with its result.
port.on('message', (message: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    if (message.kind === 'setup') {
      setup = prepareSetup(message.setup);
      return;
    }
    if (!setup) throw new Error('a slice arrived before the setup');
    response = { kind: 'slice', id: message.id, result: checkSlice(setup, message.jobs) };
  } catch (error) {
    response = {
      kind: 'error',
      id: message.kind === 'slice' ? message.id : -1,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  port.postMessage(response);
});
