// Writing an election record (spec §7): the folder's files from the board's events and signed heads, and the
// single-document form. Pure: the caller writes the bytes (record/fs.ts does it for Node).
import { bytesToHex, rawSha256 } from '@saylau/crypto';
import { z } from 'zod';
import { isTimestamp, type SignedTreeHead, type SignedTreeHeadJson, SignedTreeHeadWire } from '../board/tree-head.ts';
import { fingerprint } from '../definition/fingerprint.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import type { BoardEventJson, EventJsonOf } from '../events/schema.ts';
import { RECORD_FILES, RECORD_FORMAT, RECORD_VERSION, type RecordHashing, type RecordManifest } from './format.ts';
import { encodeJsonFile, encodeJsonLines } from './lines.ts';

/**
 * The record as one JSON document: the manifest of the folder form, every event and every kept head. A head keeps
 * the witnesses' co-signatures it is given (spec §5.9); the server gives them only for heads that have some.
 */
export interface RecordDocument {
  readonly manifest: RecordManifest;
  readonly events: readonly BoardEventJson[];
  readonly treeHeads: readonly SignedTreeHeadJson[];
}

function treeHeadJson(head: SignedTreeHead | SignedTreeHeadJson): SignedTreeHeadJson {
  return typeof head.signature.commitment === 'string'
    ? (head as SignedTreeHeadJson)
    : z.encode(SignedTreeHeadWire, head as SignedTreeHead);
}

/** The last result event, if the board has one: result.json is its copy. */
export function lastResultEvent(events: readonly BoardEventJson[]): EventJsonOf<'result'> | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === 'result') return event;
  }
  return undefined;
}

/** The data files (all but the manifest), named as in RECORD_FILES. */
export function recordDataFiles(
  events: readonly BoardEventJson[],
  treeHeads: readonly SignedTreeHeadJson[],
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  files.set(RECORD_FILES.events, encodeJsonLines(events));
  files.set(RECORD_FILES.treeHeads, encodeJsonLines(treeHeads));
  const first = events[0];
  if (first?.type === 'definition') files.set(RECORD_FILES.definition, encodeJsonFile(first.definition));
  const result = lastResultEvent(events);
  if (result) files.set(RECORD_FILES.result, encodeJsonFile(result));
  return files;
}

/**
 * Every file of the record folder, manifest included. The events are the whole board in seq order, starting with
 * the definition; the heads are those the server issued and the record keeps, in order, the last one covering
 * every event. Throws on misuse (the caller holds the board; nothing here is untrusted input).
 */
export function buildRecordFiles(
  events: readonly BoardEventJson[],
  treeHeads: readonly (SignedTreeHead | SignedTreeHeadJson)[],
  createdAt: string,
  options: RecordHashing = {},
): Map<string, Uint8Array> {
  const heads = treeHeads.map(treeHeadJson);
  const files = recordDataFiles(events, heads);
  const manifest = manifestOf(events, heads, files, createdAt, options);
  return new Map([[RECORD_FILES.manifest, encodeJsonFile(manifest)], ...files]);
}

/** The record as one JSON document (its manifest is the folder's, so either form checks against it). */
export function buildRecordDocument(
  events: readonly BoardEventJson[],
  treeHeads: readonly (SignedTreeHead | SignedTreeHeadJson)[],
  createdAt: string,
  options: RecordHashing = {},
): RecordDocument {
  const heads = treeHeads.map(treeHeadJson);
  const manifest = manifestOf(events, heads, recordDataFiles(events, heads), createdAt, options);
  return { manifest, events, treeHeads: heads };
}

function manifestOf(
  events: readonly BoardEventJson[],
  heads: readonly SignedTreeHeadJson[],
  files: ReadonlyMap<string, Uint8Array>,
  createdAt: string,
  { sha256 = rawSha256 }: RecordHashing,
): RecordManifest {
  const first = events[0];
  if (first?.type !== 'definition') throw new RangeError('a record starts with the definition event');
  events.forEach((event, i) => {
    if (event.seq !== i) throw new RangeError(`event ${i} has seq ${event.seq}`);
  });
  const listed = [...files].map(([path, bytes]) => ({ path, sha256: bytesToHex(sha256(bytes)), bytes: bytes.length }));
  return recordManifest({ definition: first.definition, eventCount: events.length, heads, files: listed, createdAt });
}

/**
 * The manifest of a record whose files are already written (a writer that streams its events computes each
 * file's SHA-256 and length as it goes): the files sorted by path, the last head covering every event.
 */
export function recordManifest(parts: {
  readonly definition: ElectionDefinition;
  readonly eventCount: number;
  readonly heads: readonly SignedTreeHeadJson[];
  readonly files: readonly { readonly path: string; readonly sha256: string; readonly bytes: number }[];
  readonly createdAt: string;
}): RecordManifest {
  const { definition, eventCount, heads, createdAt } = parts;
  const finalTreeHead = heads[heads.length - 1];
  if (finalTreeHead?.treeSize !== eventCount) {
    throw new RangeError(`the final tree head must cover all ${eventCount} events`);
  }
  if (!isTimestamp(createdAt)) throw new TypeError('createdAt is YYYY-MM-DDTHH:MM:SS.sssZ');
  const listed = [...parts.files].sort((a, b) => (a.path < b.path ? -1 : 1)) as RecordManifest['files'];
  return {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    electionId: definition.id,
    fingerprint: fingerprint(definition),
    createdAt,
    files: listed,
    finalTreeHead,
  };
}
