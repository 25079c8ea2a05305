// Reading a record leniently (spec §7.5): the same rules as the protocol's reader, but where that reader refuses a
// record at its first structural problem, this keeps every line it can parse so that each later check still runs;
// the structural problems become failures of `record.manifest`, `board.sequence` and `board.tree-heads`. Only a
// record with no manifest or no events is unreadable.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { bytesToHex } from '@saylau/crypto';
import {
  type BoardEventJson,
  canonicalJson,
  decodeJsonLines,
  type ErrorCode,
  EventShape,
  encodeJsonFile,
  type Problem,
  parseJsonFile,
  RECORD_FILES,
  RECORD_FORMAT,
  RECORD_VERSION,
  type RecordDocument,
  type RecordManifest,
  RecordManifestSchema,
  recordDataFiles,
  type SignedTreeHeadJson,
  TreeHeadShape,
} from '@saylau/protocol';
import { nodeSha256, readRecordDirFiles } from '@saylau/protocol/node';

/** What the verifier can be given: a folder or a single-document JSON file, the folder's files, or the document. */
export type RecordInput = string | ReadonlyMap<string, Uint8Array> | RecordDocument;

export class RecordUnreadable extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.path.join('/')}: ${p.message}`).join('; '));
    this.name = 'RecordUnreadable';
  }
}

/** A problem found while reading, with the line (event seq or head index) it concerns. */
export interface ReadProblem {
  readonly file: string;
  readonly line?: number;
  readonly code: ErrorCode;
  readonly reason: string;
}

export interface LoadedRecord {
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** The manifest if it has the manifest's shape. */
  readonly manifest: RecordManifest | undefined;
  /** Events by line; undefined where the line is not a well-formed event. */
  readonly events: readonly (BoardEventJson | undefined)[];
  /** Each line's bytes (what the event's Merkle entry wraps when the line is canonical). */
  readonly eventBytes: readonly Uint8Array[];
  /** Heads by line of tree-heads.jsonl; undefined where the line is not a well-formed head. */
  readonly heads: readonly (SignedTreeHeadJson | undefined)[];
  /** Problems of the manifest and the files' hashes (record.manifest). */
  readonly manifestProblems: readonly ReadProblem[];
  /** Problems of the events file's lines (board.sequence). */
  readonly eventProblems: readonly ReadProblem[];
  /** Problems of the heads file's lines (board.tree-heads). */
  readonly headProblems: readonly ReadProblem[];
}

function unreadable(path: string, message: string): RecordUnreadable {
  return new RecordUnreadable([{ code: 'RECORD_UNREADABLE', path: [path], message }]);
}

/** The record's files from whatever form it was given in. */
export function recordFiles(input: RecordInput): ReadonlyMap<string, Uint8Array> {
  if (input instanceof Map) return input;
  if (typeof input === 'string') {
    if (!existsSync(input)) throw unreadable(input, 'no such file or folder');
    if (statSync(input).isDirectory()) {
      const files = readRecordDirFiles(input);
      if (!files.ok) throw new RecordUnreadable(files.problems);
      return files.value;
    }
    const document = parseJsonFile(new Uint8Array(readFileSync(input)));
    if (document === undefined) throw unreadable(input, 'the file is neither a record folder nor a JSON record document');
    return documentFiles(document);
  }
  return documentFiles(input);
}

/** The folder form of the single-document form, exactly as the writer makes it. */
function documentFiles(document: unknown): Map<string, Uint8Array> {
  const doc = document as Partial<RecordDocument> | null;
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.events) || !Array.isArray(doc.treeHeads)) {
    throw unreadable('document', 'a record document has manifest, events and treeHeads');
  }
  if (typeof doc.manifest !== 'object' || doc.manifest === null)
    throw unreadable('document', 'the record document has no manifest');
  const files = recordDataFiles(doc.events, doc.treeHeads);
  files.set(RECORD_FILES.manifest, encodeJsonFile(doc.manifest));
  return files;
}

function readManifest(files: ReadonlyMap<string, Uint8Array>, problems: ReadProblem[]): RecordManifest | undefined {
  const at = RECORD_FILES.manifest;
  const data = files.get(at);
  if (data === undefined) throw unreadable(at, 'the record has no manifest.json');
  const value = parseJsonFile(data);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw unreadable(at, 'manifest.json is not a JSON object');
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== RECORD_FORMAT) throw unreadable(at, `not a Saylau election record (format ${JSON.stringify(format)})`);
  if (version !== RECORD_VERSION) {
    throw new RecordUnreadable([
      { code: 'RECORD_VERSION', path: [at], message: `record version ${JSON.stringify(version)}; this verifier reads version 1` },
    ]);
  }
  const parsed = RecordManifestSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file: at, code: 'MANIFEST_MISMATCH', reason: `${issue.path.join('.')}: ${issue.message}` });
    }
    return undefined;
  }
  if (canonicalJson(value) !== new TextDecoder().decode(data).replace(/\n$/, '')) {
    problems.push({ file: at, code: 'RECORD_NOT_CANONICAL', reason: 'manifest.json is not canonical JSON' });
  }
  return parsed.data;
}

function lines<T>(
  file: string,
  data: Uint8Array | undefined,
  shape: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  problems: ReadProblem[],
): { values: (T | undefined)[]; bytes: Uint8Array[] } {
  if (data === undefined) return { values: [], bytes: [] };
  const decoded = decodeJsonLines(file, data);
  for (const p of decoded.problems) {
    const line = typeof p.path[1] === 'number' ? p.path[1] : undefined;
    problems.push({ file, ...(line === undefined ? {} : { line }), code: p.code, reason: p.message });
  }
  const values = decoded.lines.map((line, i) => {
    if (line.value === undefined) return undefined;
    const parsed = shape.safeParse(line.value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    problems.push({
      file,
      line: i,
      code: 'RECORD_BAD_LINE',
      reason: `${issue?.path.map(String).join('.') || 'line'}: ${issue?.message ?? 'not the right shape'}`,
    });
    return undefined;
  });
  return { values, bytes: decoded.lines.map((l) => l.bytes) };
}

/** Every file the manifest lists is present with its size and SHA-256, the required ones are listed, and nothing else is there. */
function fileProblems(manifest: RecordManifest | undefined, files: ReadonlyMap<string, Uint8Array>): ReadProblem[] {
  const out: ReadProblem[] = [];
  const listed = new Set<string>();
  const paths = (manifest?.files ?? []).map((f) => f.path);
  if (paths.some((path, i) => i > 0 && (paths[i - 1] as string) > path)) {
    out.push({
      file: RECORD_FILES.manifest,
      code: 'MANIFEST_MISMATCH',
      reason: 'the manifest’s files are not sorted by path (spec §7.2)',
    });
  }
  for (const entry of manifest?.files ?? []) {
    const mismatch = (reason: string) => out.push({ file: entry.path, code: 'MANIFEST_MISMATCH', reason });
    if (listed.has(entry.path)) {
      mismatch('the manifest lists this file twice');
      continue;
    }
    listed.add(entry.path);
    const data = files.get(entry.path);
    if (data === undefined) mismatch('the manifest lists this file but it is missing');
    else if (data.length !== entry.bytes) mismatch(`the file has ${data.length} bytes, the manifest says ${entry.bytes}`);
    else if (bytesToHex(nodeSha256(data)) !== entry.sha256) mismatch('the file’s SHA-256 differs from the manifest');
  }
  if (manifest) {
    for (const path of [RECORD_FILES.events, RECORD_FILES.treeHeads, RECORD_FILES.definition]) {
      if (!listed.has(path))
        out.push({ file: path, code: 'MANIFEST_MISMATCH', reason: 'the manifest does not list this required file' });
    }
  }
  for (const path of files.keys()) {
    if (path !== RECORD_FILES.manifest && manifest && !listed.has(path)) {
      out.push({ file: path, code: 'MANIFEST_MISMATCH', reason: 'the record holds a file the manifest does not list' });
    }
  }
  return out;
}

/** Reads every file as far as it goes. Throws RecordUnreadable only when there is no record to speak of. */
export function loadRecord(input: RecordInput): LoadedRecord {
  const files = recordFiles(input);
  const manifestProblems: ReadProblem[] = [];
  const eventProblems: ReadProblem[] = [];
  const headProblems: ReadProblem[] = [];
  const manifest = readManifest(files, manifestProblems);
  const eventsFile = files.get(RECORD_FILES.events);
  if (eventsFile === undefined || eventsFile.length === 0) throw unreadable(RECORD_FILES.events, 'the record holds no events');
  const events = lines(RECORD_FILES.events, eventsFile, EventShape, eventProblems);
  const heads = lines(RECORD_FILES.treeHeads, files.get(RECORD_FILES.treeHeads), TreeHeadShape, headProblems);

  manifestProblems.push(...fileProblems(manifest, files));
  return {
    files,
    manifest,
    events: events.values,
    eventBytes: events.bytes,
    heads: heads.values,
    manifestProblems,
    eventProblems,
    headProblems,
  };
}
