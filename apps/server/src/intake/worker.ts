// A ballot verification worker: receives batches from WorkerPoolVerifier (worker-pool.ts), answers their outcomes.
import { parentPort } from 'node:worker_threads';
import { answerJob, ContextCache, type WorkerJob } from './verifier.ts';

const contexts = new ContextCache();
const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread only');

port.on('message', (job: WorkerJob) => port.postMessage(answerJob(contexts, job)));
