// A record folder written as the board grows (spec §7), for records too large to hold in memory: each event goes
// to events.jsonl as it is appended, its file hash and Merkle leaf computed on the way; the kept heads, the copies
// and the manifest are written at the end. Same bytes as buildRecordFiles makes from the whole board at once.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex, type Scalar, utf8ToBytes } from '@saylau/crypto';
import {
  type BoardEventJson,
  canonicalJson,
  type ElectionDefinition,
  encodeJsonFile,
  encodeJsonLines,
  eventEntryOfLine,
  fingerprintBytes,
  leafHash,
  MerkleLog,
  RECORD_FILES,
  recordManifest,
  type SignedTreeHeadJson,
  SignedTreeHeadWire,
  signTreeHead,
} from '@saylau/protocol';
import { z } from 'zod';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEventJson = DistributiveOmit<BoardEventJson, 'seq' | 'time'>;

/** Bytes gathered before each write to the events file. */
const CHUNK = 4 << 20;

export class StreamingRecordWriter {
  readonly definition: ElectionDefinition;
  private readonly fingerprint: Uint8Array;
  private readonly log = new MerkleLog();
  private readonly heads: SignedTreeHeadJson[] = [];
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private bytes = 0;
  private lastTime = '';
  private lastResult: BoardEventJson | undefined;

  /** Starts the record in `dir` (new or empty) with the definition event at `time`. */
  constructor(
    private readonly dir: string,
    definitionEvent: Extract<BoardEventJson, { type: 'definition' }>,
    private readonly boardSecret: Scalar,
    private readonly headEvery: number,
  ) {
    if (existsSync(dir) && readdirSync(dir).length > 0)
      throw new Error(`${dir} is not empty; a record is written to a new folder`);
    mkdirSync(dir, { recursive: true });
    this.definition = definitionEvent.definition;
    this.fingerprint = fingerprintBytes(this.definition);
    this.fd = openSync(join(dir, RECORD_FILES.events), 'w');
    this.appendEvent(definitionEvent);
  }

  get size(): number {
    return this.log.size;
  }

  /** The board's size and Merkle root now (what a trustee acknowledges). */
  prefix(): { treeSize: number; rootHash: string } {
    return { treeSize: this.log.size, rootHash: bytesToHex(this.log.root()) };
  }

  /** Appends an event with the next seq at this time (an ISO timestamp) and returns it. */
  append(event: NewEventJson, time: string): BoardEventJson {
    const json = { ...event, seq: this.log.size, time } as BoardEventJson;
    this.appendEvent(json);
    return json;
  }

  /** Appends an event whose seq and time are already set (an event of the board being carried over). */
  appendEvent(json: BoardEventJson): void {
    if (json.seq !== this.log.size) throw new RangeError(`event ${json.seq} appended at ${this.log.size}`);
    const line = utf8ToBytes(canonicalJson(json));
    this.log.append(leafHash(eventEntryOfLine(this.fingerprint, line)));
    this.write(line);
    this.write(LF);
    this.lastTime = json.time;
    if (json.type === 'result') this.lastResult = json;
    if (this.log.size % this.headEvery === 0) this.signHead();
  }

  private write(bytes: Uint8Array): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.hash.update(chunk);
    for (let at = 0; at < chunk.length; ) at += writeSync(this.fd, chunk, at);
    this.bytes += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private signHead(): void {
    const head = signTreeHead(this.boardSecret, this.fingerprint, this.log.size, this.log.root(), this.lastTime);
    this.heads.push(z.encode(SignedTreeHeadWire, head));
  }

  /** Signs the final head, writes the other files and the manifest; returns each file's size. */
  finish(createdAt: string): Record<string, number> {
    if (this.heads[this.heads.length - 1]?.treeSize !== this.log.size) this.signHead();
    this.flush();
    closeSync(this.fd);
    const listed: { path: string; sha256: string; bytes: number }[] = [
      { path: RECORD_FILES.events, sha256: this.hash.digest('hex'), bytes: this.bytes },
    ];
    const others = new Map<string, Uint8Array>([
      [RECORD_FILES.treeHeads, encodeJsonLines(this.heads)],
      [RECORD_FILES.definition, encodeJsonFile(this.definition)],
    ]);
    if (this.lastResult) others.set(RECORD_FILES.result, encodeJsonFile(this.lastResult));
    for (const [path, bytes] of others) {
      writeWhole(join(this.dir, path), bytes);
      listed.push({ path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    }
    const manifest = recordManifest({
      definition: this.definition,
      eventCount: this.log.size,
      heads: this.heads,
      files: listed,
      createdAt,
    });
    const manifestBytes = encodeJsonFile(manifest);
    writeWhole(join(this.dir, RECORD_FILES.manifest), manifestBytes);
    return Object.fromEntries([...listed.map((f) => [f.path, f.bytes]), [RECORD_FILES.manifest, manifestBytes.length]]);
  }
}

const LF = new Uint8Array([0x0a]);

function writeWhole(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
  } finally {
    closeSync(fd);
  }
}
