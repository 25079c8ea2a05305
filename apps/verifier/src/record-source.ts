// Where a record's bytes come from: a folder on disk, a record document, or files already in memory. The small
// files are held whole; events.jsonl — all but a few kilobytes of a record of many ballots — is read in chunks, as
// often as a stage needs it, and never held whole (a record of a million ballots is gigabytes).
import { closeSync, type Dirent, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeJsonFile,
  type Problem,
  parseJsonFile,
  RECORD_FILES,
  type RecordDocument,
  recordDataFiles,
} from '@saylau/protocol';

/** events.jsonl, read in order as often as needed, or a line of it at a known place. */
export interface EventsSource {
  readonly size: number;
  /** The file's bytes in order, in chunks (each chunk is only valid until the next is asked for). */
  chunks(): Iterable<Uint8Array>;
  /** `length` bytes from `offset` (a line whose place the loader noted). */
  slice(offset: number, length: number): Uint8Array;
}

export interface RecordSource {
  /** Every file but events.jsonl, by name. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** events.jsonl, when the record has one. */
  readonly events: EventsSource | undefined;
}

export class RecordUnreadable extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.path.join('/')}: ${p.message}`).join('; '));
    this.name = 'RecordUnreadable';
  }
}

export function unreadable(path: string, message: string): RecordUnreadable {
  return new RecordUnreadable([{ code: 'RECORD_UNREADABLE', path: [path], message }]);
}

/** Chunk size for reading events.jsonl from disk. */
const CHUNK = 8 << 20;

function bytesSource(bytes: Uint8Array): EventsSource {
  return {
    size: bytes.length,
    chunks: () => [bytes],
    slice: (offset, length) => bytes.subarray(offset, offset + length),
  };
}

function fileSource(path: string): EventsSource {
  const size = statSync(path).size;
  return {
    size,
    *chunks() {
      const fd = openSync(path, 'r');
      try {
        if (fstatSync(fd).size !== size) throw new Error(`${path} changed while it was being verified`);
        const buffer = new Uint8Array(Math.min(CHUNK, Math.max(1, size)));
        for (let at = 0; at < size; ) {
          const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - at), at);
          if (n === 0) throw new Error(`${path} ended early while it was being read`);
          at += n;
          yield buffer.subarray(0, n);
        }
      } finally {
        closeSync(fd);
      }
    },
    slice(offset, length) {
      const fd = openSync(path, 'r');
      try {
        const out = new Uint8Array(length);
        for (let at = 0; at < length; ) {
          const n = readSync(fd, out, at, length - at, offset + at);
          if (n === 0) throw new Error(`${path} ended early while it was being read`);
          at += n;
        }
        return out;
      } finally {
        closeSync(fd);
      }
    },
  };
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

function fromFiles(files: ReadonlyMap<string, Uint8Array>): RecordSource {
  const rest = new Map(files);
  const events = rest.get(RECORD_FILES.events);
  rest.delete(RECORD_FILES.events);
  return { files: rest, events: events === undefined ? undefined : bytesSource(events) };
}

/** A record folder: every regular file read whole except events.jsonl. Anything that is not a file is a problem. */
function fromFolder(dir: string): RecordSource {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new RecordUnreadable([
      { code: 'RECORD_UNREADABLE', path: [dir], message: `cannot list the record folder (${reason})` },
    ]);
  }
  const files = new Map<string, Uint8Array>();
  const problems: Problem[] = [];
  let events: EventsSource | undefined;
  for (const entry of entries) {
    if (!entry.isFile()) {
      problems.push({
        code: 'MANIFEST_MISMATCH',
        path: [entry.name],
        message: 'the record folder holds something that is not a file',
      });
    } else if (entry.name === RECORD_FILES.events) events = fileSource(join(dir, entry.name));
    else files.set(entry.name, new Uint8Array(readFileSync(join(dir, entry.name))));
  }
  if (problems.length > 0) throw new RecordUnreadable(problems);
  return { files, events };
}

/** What the verifier can be given: a folder or a single-document JSON file, the folder's files, or the document. */
export type RecordInput = string | ReadonlyMap<string, Uint8Array> | RecordDocument;

/** The record's source from whatever form it was given in. */
export function recordSource(input: RecordInput): RecordSource {
  if (input instanceof Map) return fromFiles(input);
  if (typeof input === 'string') {
    if (!existsSync(input)) throw unreadable(input, 'no such file or folder');
    if (statSync(input).isDirectory()) return fromFolder(input);
    const document = parseJsonFile(new Uint8Array(readFileSync(input)));
    if (document === undefined) throw unreadable(input, 'the file is neither a record folder nor a JSON record document');
    return fromFiles(documentFiles(document));
  }
  return fromFiles(documentFiles(input));
}
