// A ballot verification worker: receives batches from WorkerPoolVerifier, answers with their outcomes.
import { parentPort } from 'node:worker_threads';
import { ContextCache, type ElectionSpec, type WorkerReply } from './verifier.ts';
import type { VerifyItem } from './verify-batch.ts';
import { verifyBatch } from './verify-batch.ts';

const contexts = new ContextCache();
const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread only');

port.on('message', (job: { id: number; spec: ElectionSpec; items: VerifyItem[] }) => {
  let reply: WorkerReply;
  try {
    reply = { id: job.id, outcomes: verifyBatch(contexts.get(job.spec), job.items) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
