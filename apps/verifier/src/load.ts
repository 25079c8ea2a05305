// Reading a record leniently (spec §7.5): the same rules as the protocol's reader, but where that reader refuses a
// record at its first structural problem, this keeps every line it can parse so that each later check still runs;
// the structural problems become failures of `record.manifest`, `board.sequence` and `board.tree-heads`. Only a
// record with no manifest or no events is unreadable.
//
// events.jsonl is streamed (record-source.ts): one pass hashes the file, checks every line's form, builds the
// Merkle tree and keeps every event except the ballots, which are kept as their board facts in columns
// (ballot-stubs.ts); their ciphertexts and proofs are read again, in order, by the ballot stage (ballotLines). So
// memory grows by some tens of bytes per ballot, never by the ballots' kilobytes.
import { bytesToHex, concatBytes, encodeTuple, rawSha256, rawSha256Stream, type Sha256Stream, TAGS, u32 } from '@saylau/crypto';
import {
  type BoardEventJson,
  canonicalJson,
  decodeJsonLines,
  type ErrorCode,
  type EventJsonOf,
  EventShape,
  fingerprintBytes,
  MerkleLog,
  parseJsonFile,
  parseJsonLine,
  RECORD_FILES,
  RECORD_FORMAT,
  RECORD_VERSION,
  type RecordManifest,
  RecordManifestSchema,
  type SignedTreeHeadJson,
  TreeHeadShape,
} from '@saylau/protocol';
import { type BallotStub, BallotStubs, NumberColumn } from './ballot-stubs.ts';
import { Hashes } from './hashes.ts';
import { type EventsSource, type RecordSource, RecordUnreadable, unreadable } from './record-source.ts';

/** A problem found while reading, with the line (event seq or head index) it concerns. */
export interface ReadProblem {
  readonly file: string;
  readonly line?: number;
  readonly code: ErrorCode;
  readonly reason: string;
}

/** The counted-set event as the loader keeps it: its list of hashes as 32 bytes each, not 64-character strings. */
export type CountedSetKept = Omit<EventJsonOf<'counted-set'>, 'counted'> & { readonly counted: Hashes };

/** An event as the loader keeps it: every event whole but the counted set (CountedSetKept) and the ballots (LoadedRecord.ballots). */
export type KeptEvent = Exclude<BoardEventJson, { type: 'ballot' | 'counted-set' }> | CountedSetKept;

export interface LoadedRecord {
  /** Every file but events.jsonl, by name. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** How many files the record holds, events.jsonl included. */
  readonly fileCount: number;
  /** The manifest if it has the manifest's shape. */
  readonly manifest: RecordManifest | undefined;
  /**
   * Events by line; undefined where the line is not a well-formed event, and at the ballots' lines: a ballot is in
   * `ballots`, and `event(seq)` gives any line's event, ballots included.
   */
  readonly events: readonly (KeptEvent | undefined)[];
  /** The well-formed ballot events, in board order. */
  readonly ballots: BallotStubs;
  /** The event on a line, a ballot as its stub; undefined where the line is not a well-formed event. */
  event(seq: number): KeptEvent | BallotStub | undefined;
  /** The number of lines of events.jsonl. */
  readonly eventCount: number;
  /** The bytes of each line that did not parse as an event (for the checks that still look at them). */
  readonly badLines: ReadonlyMap<number, Uint8Array>;
  /**
   * The Merkle tree over every line, as LEAF(encodeTuple(event tag, [fp, line])) with the fingerprint of event 0's
   * definition (spec §4.1, §5.1); undefined when event 0 is not a definition. The board stage takes it (ctx.merkle).
   */
  merkle: MerkleLog | undefined;
  /** Heads by line of tree-heads.jsonl; undefined where the line is not a well-formed head. */
  readonly heads: readonly (SignedTreeHeadJson | undefined)[];
  /** Problems of the manifest and the files' hashes (record.manifest). */
  readonly manifestProblems: readonly ReadProblem[];
  /** Problems of the events file's lines (board.sequence). */
  readonly eventProblems: readonly ReadProblem[];
  /** Problems of the heads file's lines (board.tree-heads). */
  readonly headProblems: readonly ReadProblem[];
  /** The number of ballot events. */
  readonly ballotCount: number;
  /** Every well-formed ballot event in board order, whole, read again from the file. */
  ballotLines(): Iterable<Extract<BoardEventJson, { type: 'ballot' }>>;
  /** The same ballot events as their lines' bytes (each its own copy), unparsed. */
  ballotLineBytes(): Iterable<{ readonly seq: number; readonly bytes: Uint8Array }>;
  /** One line's bytes (without its line feed), read again from the file. */
  line(seq: number): Uint8Array;
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

interface Shape<T> {
  safeParse(
    v: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** One line's value against its shape; a problem (RECORD_BAD_LINE with the first issue) when it does not fit. */
function shaped<T>(file: string, line: number, value: unknown, shape: Shape<T>, problems: ReadProblem[]): T | undefined {
  const parsed = shape.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  problems.push({
    file,
    line,
    code: 'RECORD_BAD_LINE',
    reason: `${issue?.path.map(String).join('.') || 'line'}: ${issue?.message ?? 'not the right shape'}`,
  });
  return undefined;
}

/** The heads file: small, read whole. */
function readHeads(data: Uint8Array | undefined, problems: ReadProblem[]): (SignedTreeHeadJson | undefined)[] {
  if (data === undefined) return [];
  const file = RECORD_FILES.treeHeads;
  const decoded = decodeJsonLines(file, data);
  for (const p of decoded.problems) {
    const line = typeof p.path[1] === 'number' ? p.path[1] : undefined;
    problems.push({ file, ...(line === undefined ? {} : { line }), code: p.code, reason: p.message });
  }
  return decoded.lines.map((line, i) =>
    line.value === undefined ? undefined : shaped(file, i, line.value, TreeHeadShape, problems),
  );
}

/** The size and SHA-256 of each file, as the manifest vouches for them. */
type Digests = ReadonlyMap<string, { readonly bytes: number; readonly sha256: string }>;

/** Every file the manifest lists is present with its size and SHA-256, the required ones are listed, and nothing else is there. */
function fileProblems(manifest: RecordManifest | undefined, digests: Digests): ReadProblem[] {
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
    const data = digests.get(entry.path);
    if (data === undefined) mismatch('the manifest lists this file but it is missing');
    else if (data.bytes !== entry.bytes) mismatch(`the file has ${data.bytes} bytes, the manifest says ${entry.bytes}`);
    else if (data.sha256 !== entry.sha256) mismatch('the file’s SHA-256 differs from the manifest');
  }
  if (manifest) {
    for (const path of [RECORD_FILES.events, RECORD_FILES.treeHeads, RECORD_FILES.definition]) {
      if (!listed.has(path))
        out.push({ file: path, code: 'MANIFEST_MISMATCH', reason: 'the manifest does not list this required file' });
    }
  }
  for (const path of digests.keys()) {
    if (path !== RECORD_FILES.manifest && manifest && !listed.has(path)) {
      out.push({ file: path, code: 'MANIFEST_MISMATCH', reason: 'the record holds a file the manifest does not list' });
    }
  }
  return out;
}

const LF = 0x0a;

/** Every line of the events file with its offset, across chunk boundaries; `end` is true for a line with no line feed. */
function* linesOf(events: EventsSource): Generator<{ bytes: Uint8Array; offset: number; end: boolean }> {
  let carry: Uint8Array | undefined;
  let carryOffset = 0;
  let base = 0;
  for (const chunk of events.chunks()) {
    let start = 0;
    for (let nl = chunk.indexOf(LF); nl !== -1; nl = chunk.indexOf(LF, start)) {
      if (carry) {
        yield { bytes: concatBytes(carry, chunk.subarray(0, nl)), offset: carryOffset, end: false };
        carry = undefined;
      } else yield { bytes: chunk.subarray(start, nl), offset: base + start, end: false };
      start = nl + 1;
    }
    if (start < chunk.length) {
      // the chunk is reused by the reader: what is carried over is copied
      const rest = chunk.slice(start);
      if (carry) carry = concatBytes(carry, rest);
      else {
        carry = rest;
        carryOffset = base + start;
      }
    }
    base += chunk.length;
  }
  if (carry) yield { bytes: carry, offset: carryOffset, end: true };
}

/** LEAF(entry) = SHA-256(0x00 ‖ entry), entry = encodeTuple(event tag, [fp, line]): the fixed prefix hashed once per line. */
function leafHasher(fingerprint: Uint8Array): (line: Uint8Array) => Uint8Array {
  const header = encodeTuple(TAGS.event, [fingerprint, new Uint8Array(0)]);
  // the tuple's last field is empty here: strip its zero length, each line brings its own
  const prefix = concatBytes(new Uint8Array([0]), header.subarray(0, header.length - 4));
  return (line) => new Uint8Array(rawSha256Stream().update(prefix).update(u32(line.length)).update(line).digest());
}

/** Reads every file as far as it goes. Throws RecordUnreadable only when there is no record to speak of. */
export function loadRecord(source: RecordSource): LoadedRecord {
  const { files } = source;
  const manifestProblems: ReadProblem[] = [];
  const eventProblems: ReadProblem[] = [];
  const headProblems: ReadProblem[] = [];
  const manifest = readManifest(files, manifestProblems);
  const eventsSource = source.events;
  if (eventsSource === undefined || eventsSource.size === 0) throw unreadable(RECORD_FILES.events, 'the record holds no events');

  const file = RECORD_FILES.events;
  const events: (KeptEvent | undefined)[] = [];
  const ballots = new BallotStubs();
  const badLines = new Map<number, Uint8Array>();
  // where each line starts (and, last, where the file ends)
  const offsets = new NumberColumn();
  const fileHash = rawSha256Stream();
  // credential strings as the credential list has them, so a million ballots share them rather than copy them
  const credentialOf = new Map<string, string>();
  let merkle: MerkleLog | undefined;
  let leaf: ((line: Uint8Array) => Uint8Array) | undefined;
  let endsWithLf = true;
  let seq = 0;
  for (const { bytes, offset, end } of linesOf(hashing(eventsSource, fileHash))) {
    if (end) endsWithLf = false;
    offsets.push(offset);
    const parsed = parseJsonLine(bytes);
    let event: BoardEventJson | undefined;
    if ('problem' in parsed) eventProblems.push({ file, line: seq, code: parsed.problem, reason: parsed.message });
    else event = shaped(file, seq, parsed.value, EventShape, eventProblems);
    if (seq === 0 && event?.type === 'definition') {
      try {
        leaf = leafHasher(fingerprintBytes(event.definition));
        merkle = new MerkleLog();
      } catch {
        // the definition stage reports a definition whose fingerprint cannot be computed; no tree binds to it
        leaf = undefined;
      }
    }
    if (leaf && merkle) merkle.append(leaf(bytes));
    if (event === undefined) badLines.set(seq, bytes.slice());
    else if (event.type === 'credentials') for (const e of event.entries) credentialOf.set(e.credential, e.credential);
    if (event?.type === 'ballot') {
      ballots.push(seq, event, credentialOf.get(event.ballot.credential) ?? event.ballot.credential);
      events.push(undefined);
    } else if (event?.type === 'counted-set') events.push({ ...event, counted: Hashes.of(event.counted) });
    else if (event?.type === 'credentials') {
      // each entry as a literal of its two fields: the schema's copies have room for four (a million voters: 15 MB)
      events.push({ ...event, entries: event.entries.map(({ credential, district }) => ({ credential, district })) });
    } else events.push(event);
    seq++;
  }
  offsets.push(eventsSource.size + (endsWithLf ? 0 : 1));
  if (!endsWithLf) {
    // as decodeJsonLines reports it: first, for the whole file
    eventProblems.unshift({
      file,
      code: 'RECORD_BAD_LINE',
      reason: 'the file does not end with a line feed (a truncated last line?)',
    });
  }
  const eventCount = seq;

  const heads = readHeads(files.get(RECORD_FILES.treeHeads), headProblems);
  const digests = new Map<string, { bytes: number; sha256: string }>();
  for (const [path, data] of files) digests.set(path, { bytes: data.length, sha256: bytesToHex(rawSha256(data)) });
  digests.set(file, { bytes: eventsSource.size, sha256: bytesToHex(fileHash.digest()) });
  manifestProblems.push(...fileProblems(manifest, digests));

  const lineBytes = (i: number) => eventsSource.slice(offsets.get(i), offsets.get(i + 1) - offsets.get(i) - 1);
  return {
    files,
    fileCount: digests.size,
    manifest,
    events,
    ballots,
    event(seq) {
      const event = events[seq];
      if (event !== undefined) return event;
      const i = ballots.at(seq);
      return i === -1 ? undefined : ballots.stub(i);
    },
    eventCount,
    badLines,
    merkle,
    heads,
    manifestProblems,
    eventProblems,
    headProblems,
    ballotCount: ballots.length,
    *ballotLines() {
      for (const { bytes } of ballotLinesOf(eventsSource, ballots)) {
        // the lines that parsed the first time parse the same now
        yield JSON.parse(utf8.decode(bytes)) as Extract<BoardEventJson, { type: 'ballot' }>;
      }
    },
    *ballotLineBytes() {
      for (const line of ballotLinesOf(eventsSource, ballots)) yield { seq: line.seq, bytes: line.bytes.slice() };
    },
    line: lineBytes,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The lines of the ballot events (as the first pass found them), read again in order; the bytes are only valid until the next. */
function* ballotLinesOf(source: EventsSource, ballots: BallotStubs) {
  let seq = 0;
  let next = 0;
  for (const { bytes } of linesOf(source)) {
    if (next < ballots.length && ballots.line(next) === seq) {
      yield { seq, bytes };
      next++;
    }
    seq++;
  }
}

/** The same chunks, each also fed to the file's hash. */
function hashing(source: EventsSource, hash: Sha256Stream): EventsSource {
  return {
    size: source.size,
    *chunks() {
      for (const chunk of source.chunks()) {
        hash.update(chunk);
        yield chunk;
      }
    },
    slice: (offset, length) => source.slice(offset, length),
  };
}
