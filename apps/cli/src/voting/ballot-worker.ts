// A ballot-building worker thread: holds one election context (its key table made once) and builds, encrypts,
// proves and signs the ballots it is sent. Used by the demo's simulated voters to use every core.
import { parentPort, workerData } from 'node:worker_threads';
import { bytesToHex, decodePoint, decodeScalar, hexToBytes, prepareElectionKey } from '@saylau/crypto';
import { buildBallot, type ElectionContext, ElectionDefinitionSchema, fingerprintBytes } from '@saylau/protocol';
import type { BuilderElection, BuildJob, BuildReply } from './ballot-pool.ts';

const port = parentPort;
if (!port) throw new Error('ballot-worker.ts runs as a worker thread only');
const spec = (workerData as { data: BuilderElection }).data;
const definition = ElectionDefinitionSchema.parse(JSON.parse(spec.definition));
const ctx: ElectionContext = {
  definition,
  fingerprint: fingerprintBytes(definition),
  electionKey: prepareElectionKey(decodePoint(hexToBytes(spec.electionKey))),
};

port.on('message', (job: BuildJob) => {
  let reply: BuildReply;
  try {
    const built = buildBallot(ctx, {
      district: job.district,
      choices: job.choices,
      credentialSecret: decodeScalar(hexToBytes(job.secret)),
    });
    reply = built.ok
      ? { id: job.id, json: built.value.json, hash: built.value.hash, seed: bytesToHex(built.value.seed) }
      : { id: job.id, error: built.problems.map((p) => `${p.code}: ${p.message}`).join('; ') };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
