// The election record format, version 1 (spec §7): the file names, the manifest and the single-document form.
import { z } from 'zod';
import { TimestampWire } from '../board/tree-head.ts';
import { DigestHex } from '../codec.ts';
import { IdSchema } from '../definition/schema.ts';
import { TreeHeadShape } from './shape.ts';

export const RECORD_FORMAT = 'saylau-record';
export const RECORD_VERSION = 1;

/** The files of a version-1 record folder. The manifest lists every one of them except itself. */
export const RECORD_FILES = {
  manifest: 'manifest.json',
  events: 'events.jsonl',
  treeHeads: 'tree-heads.jsonl',
  definition: 'definition.json',
  result: 'result.json',
} as const;

/** A file the manifest vouches for: its name, plain SHA-256 of its bytes (64 hex) and its length in bytes. */
export const ManifestFileSchema = z
  .object({
    path: z.enum([RECORD_FILES.events, RECORD_FILES.treeHeads, RECORD_FILES.definition, RECORD_FILES.result]),
    sha256: DigestHex,
    bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const RecordManifestSchema = z
  .object({
    format: z.literal(RECORD_FORMAT),
    version: z.literal(RECORD_VERSION),
    electionId: IdSchema,
    /** The election fingerprint (spec §3.4) of the definition in event 0, 64 hex. */
    fingerprint: DigestHex,
    createdAt: TimestampWire,
    files: z.array(ManifestFileSchema).max(4),
    /** The last line of tree-heads.jsonl: the signed head of the whole board, with its co-signatures if any (§5.9). */
    finalTreeHead: TreeHeadShape,
  })
  .strict();
export type RecordManifest = z.infer<typeof RecordManifestSchema>;

/** The record as one JSON document (the public download, spec §7.6): the folder's files are a function of it. */
export const RecordDocumentShape = z
  .object({
    manifest: z.unknown(),
    events: z.array(z.unknown()),
    treeHeads: z.array(z.unknown()),
  })
  .strict();

export interface RecordHashing {
  /**
   * Plain SHA-256 of a file's bytes (default: the crypto core's). Node callers may pass node:crypto's, which is
   * some twenty times faster on a record of many ballots; the result must be the same 32 bytes.
   */
  readonly sha256?: (data: Uint8Array) => Uint8Array;
}
