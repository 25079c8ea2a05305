// Test records for the verifier and the tamper suite: one honest simulated election, and the tools of an attacker
// who rewrites it — renumbering events, re-signing heads with the board key (when the test grants it) and
// recomputing every unsigned hash (the copies and the manifest) so that only the verifier's deeper checks remain.
import { readFileSync } from 'node:fs';
import { bytesToHex, encodePoint, encodeScalar, hexToBytes, rawSha256 } from '@saylau/crypto';
import {
  type BoardEventJson,
  encodeJsonFile,
  eventEntryBytes,
  fingerprint,
  fingerprintBytes,
  leafHash,
  MerkleLog,
  RECORD_FILES,
  RECORD_FORMAT,
  RECORD_VERSION,
  recordDataFiles,
  type SignedTreeHead,
  type SignedTreeHeadJson,
  signTreeHead,
} from '@saylau/protocol';
import { type Simulation, simulateElection } from '@saylau/protocol/node';

export function loadDraft(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/definitions/${name}.json`, import.meta.url), 'utf8'));
}

/**
 * The honest election every test starts from: the city referendum with 40 voters, re-votes and paper votes, 2-of-3
 * trustees with trustee 3 missing at decryption, heads kept every 16 events.
 */
export function honestSimulation(): Simulation {
  return simulateElection({
    draft: loadDraft('city-referendum') as never,
    voters: 40,
    seed: 'verifier-tamper',
    revoteShare: 0.25,
    paperShare: 0.1,
    abstainShare: 0.15,
    missingTrustee: 3,
    treeHeadEvery: 16,
    commission: { members: 3, threshold: 2 },
    witnesses: { members: 2, quorum: 2 },
  });
}

/** A deep copy, so a test can edit events freely. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export const CREATED_AT = '2036-01-02T00:00:00.000Z';

/**
 * The record's files for these events and heads, with every unsigned hash recomputed: the copies are rebuilt from
 * the board (then `editData` may change them, as an attacker editing files would), and the manifest lists each file's SHA-256 and size and the last head as the final one. Unlike the
 * protocol's writer it accepts any board, as an attacker's tool would.
 */
export function sealFiles(
  events: readonly BoardEventJson[],
  heads: readonly SignedTreeHeadJson[],
  editData?: (files: Map<string, Uint8Array>) => void,
): Map<string, Uint8Array> {
  const files = recordDataFiles(events, heads);
  editData?.(files);
  const first = events[0];
  const definition = first?.type === 'definition' ? first.definition : undefined;
  const manifest = {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    electionId: definition?.id ?? 'unknown',
    fingerprint: definition ? fingerprint(definition) : '00'.repeat(32),
    createdAt: CREATED_AT,
    files: [...files]
      .map(([path, bytes]) => ({ path, sha256: bytesToHex(rawSha256(bytes)), bytes: bytes.length }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    finalTreeHead: heads[heads.length - 1],
  };
  return new Map([[RECORD_FILES.manifest, encodeJsonFile(manifest)], ...files]);
}

/** Sets every event's seq to its index (an attacker who inserts, removes or moves events does this). */
export function renumber(events: BoardEventJson[]): BoardEventJson[] {
  events.forEach((event, i) => {
    event.seq = i;
  });
  return events;
}

/**
 * Signs fresh heads over the changed board with the board's secret key, at the same sizes (capped at the board's
 * length) and times as the original heads, and a final head covering every event — what an attacker holding the
 * board key could publish.
 */
export function resignHeads(
  events: readonly BoardEventJson[],
  originals: readonly SignedTreeHeadJson[],
  boardSecret: bigint,
): SignedTreeHeadJson[] {
  const first = events[0];
  if (first?.type !== 'definition') throw new Error('no definition');
  const fp = fingerprintBytes(first.definition);
  const log = MerkleLog.from(events.map((e) => leafHash(eventEntryBytes(fp, e))));
  const sizes = originals.map((h) => Math.min(h.treeSize, log.size));
  if (sizes[sizes.length - 1] !== log.size) sizes.push(log.size);
  const lastTime = originals[originals.length - 1]?.timestamp ?? CREATED_AT;
  return sizes.map((size, i) =>
    headJson(signTreeHead(boardSecret, fp, size, log.root(size), originals[i]?.timestamp ?? lastTime)),
  );
}

export function headJson(head: SignedTreeHead): SignedTreeHeadJson {
  // signTreeHead's heads carry no co-signatures
  const { signature, cosignatures: _none, ...fields } = head;
  return {
    ...fields,
    signature: {
      commitment: bytesToHex(encodePoint(signature.commitment)),
      response: bytesToHex(encodeScalar(signature.response)),
    },
  };
}

/** The record of a simulation, untouched. */
export function honestFiles(sim: Simulation): Map<string, Uint8Array> {
  return sealFiles(sim.events, sim.treeHeads);
}

export { hexToBytes };
