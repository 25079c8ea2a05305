// Reading an election record (spec §7.5) in two stages. readRecordFiles checks everything structural — manifest,
// file hashes, line format, event and head shapes, numbering, copies — and never decodes a group element, so a
// record of 10,000 ballots reads in well under a second; decodeEvent then decodes one event's points and scalars
// when the verifier gets to it, and a bad point there is that event's failure, not the record's.
import { bytesEqual, bytesToHex, rawSha256 } from '@saylau/crypto';
import type { z } from 'zod';
import type { SignedTreeHeadJson } from '../board/tree-head.ts';
import { canonicalJson } from '../canonical-json.ts';
import { fingerprint } from '../definition/fingerprint.ts';
import type { ElectionDefinition } from '../definition/schema.ts';
import { problemsFromZod } from '../definition/validate.ts';
import { type ErrorCode, fail, ok, type Problem, problem, type Result } from '../errors.ts';
import { type BoardEvent, type BoardEventJson, EventWire } from '../events/schema.ts';
import { lastResultEvent, recordDataFiles } from './build.ts';
import {
  RECORD_FILES,
  RECORD_FORMAT,
  RECORD_VERSION,
  RecordDocumentShape,
  type RecordHashing,
  type RecordManifest,
  RecordManifestSchema,
} from './format.ts';
import { decodeJsonLines, encodeJsonFile, parseJsonFile } from './lines.ts';
import { EventShape, TreeHeadShape } from './shape.ts';

/**
 * A record that passed every structural check. Events are shape-checked JSON: their group elements and scalars
 * are still 64-hex strings, to be decoded (and found canonical or not) by decodeEvent.
 */
export interface ElectionRecord {
  readonly manifest: RecordManifest;
  /** The definition in event 0 (shape-checked; its cross-field rules are the verifier's to check). */
  readonly definition: ElectionDefinition;
  /** Every event, index = seq. */
  readonly eventsJson: readonly BoardEventJson[];
  /** Each event's canonical JSON bytes (its line without the line feed): what its Merkle entry wraps (§4.1). */
  readonly eventBytes: readonly Uint8Array[];
  /** The kept signed heads in the order issued; the last is manifest.finalTreeHead and covers every event. */
  readonly treeHeads: readonly SignedTreeHeadJson[];
}

/** A record with every event decoded. */
export interface DecodedElectionRecord extends ElectionRecord {
  readonly events: readonly BoardEvent[];
}

function zodProblems(code: ErrorCode, at: readonly (string | number)[], error: z.ZodError): Problem[] {
  return error.issues.map((issue) =>
    problem(code, [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], issue.message),
  );
}

function readManifest(files: ReadonlyMap<string, Uint8Array>): Result<RecordManifest> {
  const at = RECORD_FILES.manifest;
  const data = files.get(at);
  if (data === undefined) return fail([problem('RECORD_UNREADABLE', [at], 'the record has no manifest.json')]);
  const value = parseJsonFile(data);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail([problem('RECORD_UNREADABLE', [at], 'manifest.json is not a UTF-8 JSON object')]);
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== RECORD_FORMAT) {
    return fail([
      problem('RECORD_UNREADABLE', [at, 'format'], `not a Saylau election record (format ${JSON.stringify(format)})`),
    ]);
  }
  if (version !== RECORD_VERSION) {
    return fail([
      problem('RECORD_VERSION', [at, 'version'], `record version ${JSON.stringify(version)}; this reader reads version 1`),
    ]);
  }
  const parsed = RecordManifestSchema.safeParse(value);
  if (!parsed.success) return fail(zodProblems('RECORD_UNREADABLE', [at], parsed.error));
  if (!bytesEqual(data, encodeJsonFile(value))) {
    return fail([problem('RECORD_NOT_CANONICAL', [at], 'manifest.json is not canonical JSON followed by one line feed')]);
  }
  return ok(parsed.data);
}

/** 2. Every listed file is present with its size and SHA-256; nothing else is present; the required ones are listed. */
function fileProblems(
  manifest: RecordManifest,
  files: ReadonlyMap<string, Uint8Array>,
  sha256: (data: Uint8Array) => Uint8Array,
): Problem[] {
  const out: Problem[] = [];
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    if (listed.has(entry.path)) {
      out.push(problem('MANIFEST_MISMATCH', [entry.path], 'the manifest lists this file twice'));
      continue;
    }
    listed.add(entry.path);
    const data = files.get(entry.path);
    if (data === undefined)
      out.push(problem('MANIFEST_MISMATCH', [entry.path], 'the manifest lists this file but it is missing'));
    else if (data.length !== entry.bytes) {
      out.push(problem('MANIFEST_MISMATCH', [entry.path], `the file has ${data.length} bytes, the manifest says ${entry.bytes}`));
    } else if (bytesToHex(sha256(data)) !== entry.sha256) {
      out.push(problem('MANIFEST_MISMATCH', [entry.path], 'the file’s SHA-256 differs from the manifest'));
    }
  }
  for (const path of [RECORD_FILES.events, RECORD_FILES.treeHeads, RECORD_FILES.definition]) {
    if (!listed.has(path)) out.push(problem('MANIFEST_MISMATCH', [path], 'the manifest does not list this required file'));
  }
  for (const path of files.keys()) {
    if (path !== RECORD_FILES.manifest && !listed.has(path)) {
      out.push(problem('MANIFEST_MISMATCH', [path], 'the record holds a file the manifest does not list'));
    }
  }
  return out;
}

/** 3. events.jsonl: canonical lines, event shapes, numbered 0…n−1, the definition first. */
function readEvents(data: Uint8Array): { events: BoardEventJson[]; bytes: Uint8Array[]; problems: Problem[] } {
  const at = RECORD_FILES.events;
  const { lines, problems } = decodeJsonLines(at, data);
  const events: BoardEventJson[] = [];
  let firstSeqProblem = true;
  lines.forEach((line, i) => {
    if (line.value === undefined) return;
    const parsed = EventShape.safeParse(line.value);
    if (!parsed.success) {
      problems.push(...zodProblems('RECORD_BAD_LINE', [at, i], parsed.error));
      return;
    }
    events[i] = parsed.data;
    if (parsed.data.seq !== i && firstSeqProblem) {
      // Only the first: after a gap every later line would repeat it.
      problems.push(
        problem(
          'RECORD_SEQ',
          [at, i, 'seq'],
          `line ${i} holds event seq ${parsed.data.seq}; events are numbered 0, 1, … in line order`,
        ),
      );
      firstSeqProblem = false;
    }
  });
  if (lines.length === 0) problems.push(problem('RECORD_SEQ', [at], 'the record holds no events'));
  else if (events[0] !== undefined && events[0].type !== 'definition') {
    problems.push(problem('RECORD_SEQ', [at, 0, 'type'], 'event 0 must be the definition'));
  }
  return { events, bytes: lines.map((l) => l.bytes), problems };
}

/** 4. tree-heads.jsonl: canonical lines, head shapes, sizes never shrinking, the last one the manifest's and covering every event. */
function readTreeHeads(
  data: Uint8Array,
  manifest: RecordManifest,
  eventCount: number,
): { heads: SignedTreeHeadJson[]; problems: Problem[] } {
  const at = RECORD_FILES.treeHeads;
  const { lines, problems } = decodeJsonLines(at, data);
  const heads: SignedTreeHeadJson[] = [];
  lines.forEach((line, i) => {
    if (line.value === undefined) return;
    const parsed = TreeHeadShape.safeParse(line.value);
    if (!parsed.success) problems.push(...zodProblems('RECORD_BAD_LINE', [at, i], parsed.error));
    else heads[i] = parsed.data;
  });
  if (problems.length > 0) return { heads, problems };
  heads.forEach((head, i) => {
    const previous = heads[i - 1];
    if (previous && head.treeSize < previous.treeSize) {
      problems.push(problem('RECORD_TREE_HEAD', [at, i, 'treeSize'], `head ${i} is smaller than the head before it`));
    }
    if (head.treeSize > eventCount) {
      problems.push(
        problem(
          'RECORD_TREE_HEAD',
          [at, i, 'treeSize'],
          `head ${i} covers ${head.treeSize} events; the record has ${eventCount}`,
        ),
      );
    }
  });
  const last = heads[heads.length - 1];
  if (last === undefined) problems.push(problem('RECORD_TREE_HEAD', [at], 'the record keeps no tree head'));
  else {
    if (canonicalJson(last) !== canonicalJson(manifest.finalTreeHead)) {
      problems.push(
        problem(
          'RECORD_TREE_HEAD',
          [RECORD_FILES.manifest, 'finalTreeHead'],
          'the final tree head is not the last line of tree-heads.jsonl',
        ),
      );
    }
    if (last.treeSize !== eventCount) {
      problems.push(
        problem(
          'RECORD_TREE_HEAD',
          [at, heads.length - 1, 'treeSize'],
          `the final head covers ${last.treeSize} of ${eventCount} events`,
        ),
      );
    }
  }
  return { heads, problems };
}

/** 5. The manifest names this board's election, and the convenience copies are exactly the board's objects. */
function copyProblems(
  manifest: RecordManifest,
  events: readonly BoardEventJson[],
  files: ReadonlyMap<string, Uint8Array>,
): Problem[] {
  const out: Problem[] = [];
  const first = events[0];
  if (first?.type !== 'definition') return out;
  if (manifest.electionId !== first.definition.id) {
    out.push(
      problem('MANIFEST_MISMATCH', [RECORD_FILES.manifest, 'electionId'], 'the manifest names another election than event 0'),
    );
  }
  if (manifest.fingerprint !== fingerprint(first.definition)) {
    out.push(
      problem(
        'MANIFEST_MISMATCH',
        [RECORD_FILES.manifest, 'fingerprint'],
        'the manifest’s fingerprint is not that of the definition in event 0',
      ),
    );
  }
  const definitionCopy = files.get(RECORD_FILES.definition);
  if (definitionCopy === undefined || !bytesEqual(definitionCopy, encodeJsonFile(first.definition))) {
    out.push(
      problem(
        'RECORD_COPY_MISMATCH',
        [RECORD_FILES.definition],
        'definition.json is not the canonical JSON of the definition in event 0',
      ),
    );
  }
  const result = lastResultEvent(events);
  const resultCopy = files.get(RECORD_FILES.result);
  if (result === undefined && resultCopy !== undefined) {
    out.push(problem('RECORD_COPY_MISMATCH', [RECORD_FILES.result], 'result.json is present but the board has no result event'));
  } else if (result !== undefined && (resultCopy === undefined || !bytesEqual(resultCopy, encodeJsonFile(result)))) {
    out.push(
      problem(
        'RECORD_COPY_MISMATCH',
        [RECORD_FILES.result],
        'result.json is not the canonical JSON of the board’s last result event',
      ),
    );
  }
  return out;
}

/**
 * Reads a record folder given as file name → bytes. Rejects anything malformed with coded problems (never throws
 * on bad input): RECORD_UNREADABLE, RECORD_VERSION, RECORD_NOT_CANONICAL, MANIFEST_MISMATCH, RECORD_BAD_LINE,
 * RECORD_SEQ, RECORD_TREE_HEAD, RECORD_COPY_MISMATCH. Does not check any signature, proof or Merkle root and does
 * not decode group elements: those are the verifier's checks (decodeEvent, the board and ballot checks).
 */
export function readRecordFiles(files: ReadonlyMap<string, Uint8Array>, options: RecordHashing = {}): Result<ElectionRecord> {
  // 1. the manifest
  const manifest = readManifest(files);
  if (!manifest.ok) return manifest;
  // 2. the files it vouches for; their contents are not looked at unless all match
  const mismatches = fileProblems(manifest.value, files, options.sha256 ?? rawSha256);
  if (mismatches.length > 0) return fail(mismatches);
  // 3–5. contents: every problem is reported
  const events = readEvents(files.get(RECORD_FILES.events) as Uint8Array);
  const heads = readTreeHeads(files.get(RECORD_FILES.treeHeads) as Uint8Array, manifest.value, events.bytes.length);
  const problems = [...events.problems, ...heads.problems];
  if (problems.length === 0) problems.push(...copyProblems(manifest.value, events.events, files));
  if (problems.length > 0) return fail(problems);
  const definitionEvent = events.events[0] as Extract<BoardEventJson, { type: 'definition' }>;
  return ok({
    manifest: manifest.value,
    definition: definitionEvent.definition,
    eventsJson: events.events,
    eventBytes: events.bytes,
    treeHeads: heads.heads,
  });
}

/**
 * Reads the single-document form { manifest, events, treeHeads }: its files are rebuilt exactly as the writer
 * makes them and read as a folder, so the manifest's hashes check the document too.
 */
export function readRecordDocument(input: unknown, options: RecordHashing = {}): Result<ElectionRecord> {
  const shape = RecordDocumentShape.safeParse(input);
  if (!shape.success) return fail(zodProblems('RECORD_UNREADABLE', [], shape.error));
  const doc = shape.data;
  let files: Map<string, Uint8Array>;
  try {
    files = recordDataFiles(doc.events as BoardEventJson[], doc.treeHeads as SignedTreeHeadJson[]);
    files.set(RECORD_FILES.manifest, encodeJsonFile(doc.manifest));
  } catch (error) {
    // canonicalJson refuses values JSON cannot hold (only reachable when the input did not come from JSON.parse)
    return fail([problem('RECORD_UNREADABLE', [], error instanceof Error ? error.message : 'not JSON')]);
  }
  return readRecordFiles(files, options);
}

/** Decodes one event's group elements and scalars: non-canonical encodings come back as that event's problems. */
export function decodeEvent(json: BoardEventJson): Result<BoardEvent> {
  const parsed = EventWire.safeParse(json);
  return parsed.success ? ok(parsed.data) : fail(problemsFromZod(parsed.error));
}

/** Decodes every event; fails with every event's problems (path: events.jsonl, seq, …) if any does not decode. */
export function decodeRecord(record: ElectionRecord): Result<DecodedElectionRecord> {
  const events: BoardEvent[] = [];
  const problems: Problem[] = [];
  record.eventsJson.forEach((json, seq) => {
    const decoded = decodeEvent(json);
    if (decoded.ok) events.push(decoded.value);
    else problems.push(...decoded.problems.map((p) => problem(p.code, [RECORD_FILES.events, seq, ...p.path], p.message)));
  });
  return problems.length > 0 ? fail(problems) : ok({ ...record, events });
}
