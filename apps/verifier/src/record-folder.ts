// A record on disk (Node only): a folder, whose events.jsonl is read in chunks and never held whole (a record of a
// million ballots is gigabytes), or a single-document JSON file. The in-memory forms are record-source.ts.
import { closeSync, type Dirent, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Problem, parseJsonFile, RECORD_FILES, type RecordDocument } from '@saylau/protocol';
import {
  documentSource,
  type EventsSource,
  filesSource,
  type RecordSource,
  RecordUnreadable,
  unreadable,
} from './record-source.ts';

/** Chunk size for reading events.jsonl from disk. */
const CHUNK = 8 << 20;

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
  if (input instanceof Map) return filesSource(input);
  if (typeof input === 'string') {
    if (!existsSync(input)) throw unreadable(input, 'no such file or folder');
    if (statSync(input).isDirectory()) return fromFolder(input);
    const document = parseJsonFile(new Uint8Array(readFileSync(input)));
    if (document === undefined) throw unreadable(input, 'the file is neither a record folder nor a JSON record document');
    return documentSource(document);
  }
  return documentSource(input);
}
