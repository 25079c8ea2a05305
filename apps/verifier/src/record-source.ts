// Where a record's bytes come from, as the loader reads them: the small files held whole, and events.jsonl — all
// but a few kilobytes of a record of many ballots — in chunks, as often as a stage needs it. This module has the
// in-memory forms (a record document, the folder's files), which run anywhere, the browser included; a folder on
// disk is record-folder.ts (Node).
import { encodeJsonFile, type Problem, RECORD_FILES, type RecordDocument, recordDataFiles } from '@saylau/protocol';

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

function bytesSource(bytes: Uint8Array): EventsSource {
  return {
    size: bytes.length,
    chunks: () => [bytes],
    slice: (offset, length) => bytes.subarray(offset, offset + length),
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
  try {
    const files = recordDataFiles(doc.events, doc.treeHeads);
    files.set(RECORD_FILES.manifest, encodeJsonFile(doc.manifest));
    return files;
  } catch (error) {
    // a value JSON cannot write canonically (a document built in memory, not parsed from JSON)
    throw unreadable('document', `the record document cannot be written as files: ${(error as Error).message}`);
  }
}

/** The source of a record given as its files (events.jsonl among them, held whole). */
export function filesSource(files: ReadonlyMap<string, Uint8Array>): RecordSource {
  const rest = new Map(files);
  const events = rest.get(RECORD_FILES.events);
  rest.delete(RECORD_FILES.events);
  return { files: rest, events: events === undefined ? undefined : bytesSource(events) };
}

/** The source of a record given as one document (GET …/record, or a document file already parsed). */
export function documentSource(document: unknown): RecordSource {
  return filesSource(documentFiles(document));
}
