// A simulator worker thread: makes credential key pairs and builds ballots for the election it was started with,
// and keeps the running aggregate of the ballots it built that will count, so the main thread never decodes them.
import { parentPort, workerData } from 'node:worker_threads';
import {
  bytesToHex,
  decodePoint,
  decodeScalar,
  encodePoint,
  encodeScalar,
  generateKeyPair,
  hexToBytes,
  prepareElectionKey,
} from '@saylau/crypto';
import {
  AggregateSums,
  buildBallot,
  type ElectionContext,
  ElectionDefinitionSchema,
  fingerprintBytes,
  ProtocolError,
} from '@saylau/protocol';
import type { SimulatorElection, SimulatorReply, SimulatorRequest } from './pool.ts';

const port = parentPort;
if (!port) throw new Error('simulate/worker.ts runs as a worker thread only');
const spec = (workerData as { data: SimulatorElection }).data;
const definition = ElectionDefinitionSchema.parse(JSON.parse(spec.definition));
const election: ElectionContext | undefined = spec.electionKey
  ? {
      definition,
      fingerprint: fingerprintBytes(definition),
      electionKey: prepareElectionKey(decodePoint(hexToBytes(spec.electionKey))),
    }
  : undefined;
const sums = new AggregateSums(definition);

function answer(request: SimulatorRequest): SimulatorReply {
  switch (request.kind) {
    case 'keys':
      return {
        id: request.id,
        kind: 'keys',
        keys: Array.from({ length: request.count }, () => {
          const pair = generateKeyPair();
          return [bytesToHex(encodeScalar(pair.secretKey)), bytesToHex(encodePoint(pair.publicKey))] as const;
        }),
      };
    case 'ballots': {
      if (!election) throw new Error('this worker was started without an election key');
      const ballots = request.jobs.map((job) => {
        const built = buildBallot(election, {
          district: job.district,
          choices: job.choices,
          credentialSecret: decodeScalar(hexToBytes(job.secret)),
        });
        if (!built.ok) throw new ProtocolError(built.problems);
        if (job.counted) sums.add({ district: job.district, ballot: built.value.ballot });
        return { json: built.value.json, hash: built.value.hash };
      });
      return { id: request.id, kind: 'ballots', ballots };
    }
    case 'sums':
      return { id: request.id, kind: 'sums', sums: sums.toJson() };
  }
}

port.on('message', (request: SimulatorRequest) => {
  let reply: SimulatorReply;
  try {
    reply = answer(request);
  } catch (error) {
    reply = { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
