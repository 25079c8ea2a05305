// The election record (spec §7): write → read round trips in both forms, every reader problem code from a mutated
// file set, the two-stage reading (shape first, points later), the committed sample record, and the simulator.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex, decodePoint, hexToBytes, rawSha256 } from '@saylau/crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type BoardEventJson,
  buildRecordDocument,
  buildRecordFiles,
  canonicalBytes,
  canonicalJson,
  decodeEvent,
  decodeRecord,
  EventShape,
  EventWire,
  eventEntryBytes,
  fingerprintBytes,
  isCanonical,
  leafHash,
  MerkleLog,
  type Problem,
  RECORD_FILES,
  type Result,
  readRecordDocument,
  readRecordFiles,
  SignedTreeHeadWire,
  verifyTreeHead,
} from '../src/index.ts';
import { nodeSha256, readRecordDir, seededRandom, simulateElection, writeRecordDir } from '../src/node.ts';

const fixtures = new URL('../../../test/fixtures/', import.meta.url);
const draft = JSON.parse(readFileSync(new URL('definitions/city-referendum.json', fixtures), 'utf8'));
const sim = simulateElection({
  draft,
  voters: 12,
  seed: 'record-test',
  revoteShare: 0.3,
  paperShare: 0.2,
  abstainShare: 0.1,
  missingTrustee: 1,
  treeHeadEvery: 8,
});
const createdAt = '2026-03-01T12:00:00.000Z';
const original = buildRecordFiles(sim.events, sim.treeHeads, createdAt);

// ---- helpers: mutate a file set, optionally re-hashing the manifest so the mutation reaches the content checks ----

const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

function manifestOf(
  files: ReadonlyMap<string, Uint8Array>,
): Record<string, unknown> & { files: { path: string; sha256: string; bytes: number }[] } {
  return JSON.parse(utf8(files.get('manifest.json') as Uint8Array));
}

function withManifest(
  files: ReadonlyMap<string, Uint8Array>,
  edit: (m: ReturnType<typeof manifestOf>) => unknown,
): Map<string, Uint8Array> {
  const copy = new Map(files);
  copy.set('manifest.json', bytes(`${canonicalJson(edit(manifestOf(files)))}\n`));
  return copy;
}

/** Replaces a file; with rehash, the manifest is updated to vouch for the new bytes. */
function withFile(
  files: ReadonlyMap<string, Uint8Array>,
  path: string,
  data: Uint8Array,
  rehash = true,
): Map<string, Uint8Array> {
  const copy = new Map(files);
  copy.set(path, data);
  if (!rehash) return copy;
  return withManifest(copy, (m) => ({
    ...m,
    files: m.files.map((f) => (f.path === path ? { ...f, sha256: bytesToHex(rawSha256(data)), bytes: data.length } : f)),
  }));
}

function linesOf(files: ReadonlyMap<string, Uint8Array>, path: string): string[] {
  return utf8(files.get(path) as Uint8Array)
    .split('\n')
    .slice(0, -1);
}

function withLines(
  files: ReadonlyMap<string, Uint8Array>,
  path: string,
  edit: (lines: string[]) => string[],
): Map<string, Uint8Array> {
  return withFile(
    files,
    path,
    bytes(
      edit(linesOf(files, path))
        .map((l) => `${l}\n`)
        .join(''),
    ),
  );
}

/** Edits one event, keeping its line canonical. */
function withEvent(files: ReadonlyMap<string, Uint8Array>, seq: number, edit: (e: Record<string, unknown>) => unknown) {
  return withLines(files, 'events.jsonl', (lines) => lines.map((l, i) => (i === seq ? canonicalJson(edit(JSON.parse(l))) : l)));
}

function problemsOf<T>(result: Result<T>): readonly Problem[] {
  if (result.ok) throw new Error('expected the record to be rejected');
  return result.problems;
}

function codesOf<T>(result: Result<T>): string[] {
  return [...new Set(problemsOf(result).map((p) => p.code))];
}

const firstBallot = sim.events.find((e) => e.type === 'ballot') as BoardEventJson;

describe('record: write and read', () => {
  it('reads back what it wrote: events, bytes, heads, definition', () => {
    const read = readRecordFiles(original);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const record = read.value;
    expect(record.eventsJson).toEqual(sim.events);
    expect(record.treeHeads).toEqual(sim.treeHeads);
    expect(record.definition).toEqual(sim.definition);
    expect(record.manifest).toMatchObject({ format: 'saylau-record', version: 1, electionId: sim.definition.id, createdAt });
    expect(record.manifest.fingerprint).toBe(bytesToHex(sim.fingerprint));
    expect(record.manifest.finalTreeHead).toEqual(sim.treeHeads[sim.treeHeads.length - 1]);
    record.eventBytes.forEach((b, i) => {
      expect(b).toEqual(canonicalBytes(sim.events[i]));
    });
  });

  it('writes one file per kind, the manifest vouching for each with plain SHA-256 and size', () => {
    expect([...original.keys()].sort()).toEqual([
      'definition.json',
      'events.jsonl',
      'manifest.json',
      'result.json',
      'tree-heads.jsonl',
    ]);
    const manifest = manifestOf(original);
    expect(manifest.files.map((f) => f.path)).toEqual(['definition.json', 'events.jsonl', 'result.json', 'tree-heads.jsonl']);
    for (const f of manifest.files) {
      const data = original.get(f.path) as Uint8Array;
      expect(f.bytes).toBe(data.length);
      expect(f.sha256).toBe(bytesToHex(nodeSha256(data)));
    }
    expect(linesOf(original, 'events.jsonl')).toEqual(sim.events.map((e) => canonicalJson(e)));
    expect(utf8(original.get('definition.json') as Uint8Array)).toBe(`${canonicalJson(sim.definition)}\n`);
  });

  it('the single-document form reads to the same record through JSON text', () => {
    const doc = buildRecordDocument(sim.events, sim.treeHeads, createdAt);
    expect(doc.manifest).toEqual(manifestOf(original));
    const read = readRecordDocument(JSON.parse(JSON.stringify(doc)));
    const folder = readRecordFiles(original);
    expect(read.ok && folder.ok && read.value).toEqual(folder.ok && folder.value);
    // a changed event no longer matches the manifest's hash of events.jsonl
    const tampered = { ...doc, events: doc.events.map((e, i) => (i === 3 ? { ...e, time: '2020-01-01T00:00:00.000Z' } : e)) };
    expect(problemsOf(readRecordDocument(tampered))).toContainEqual(
      expect.objectContaining({ code: 'MANIFEST_MISMATCH', path: ['events.jsonl'] }),
    );
    expect(codesOf(readRecordDocument({ manifest: doc.manifest, events: doc.events }))).toEqual(['RECORD_UNREADABLE']);
    expect(codesOf(readRecordDocument('not a record'))).toEqual(['RECORD_UNREADABLE']);
    expect(codesOf(readRecordDocument({ manifest: doc.manifest, events: [1n], treeHeads: [] }))).toEqual(['RECORD_UNREADABLE']);
  });

  it('the builder refuses a board it cannot describe', () => {
    expect(() => buildRecordFiles(sim.events.slice(1), sim.treeHeads, createdAt)).toThrow(RangeError);
    expect(() => buildRecordFiles(sim.events, sim.treeHeads.slice(0, -1), createdAt)).toThrow(RangeError);
    expect(() => buildRecordFiles(sim.events, sim.treeHeads, '2026-03-01')).toThrow(TypeError);
  });

  describe('on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'saylau-record-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes a folder and reads it back', () => {
      writeRecordDir(join(dir, 'a'), original);
      const read = readRecordDir(join(dir, 'a'));
      expect(read.ok && read.value.eventsJson).toEqual(sim.events);
      expect(() => writeRecordDir(join(dir, 'a'), original)).toThrow(/not empty/);
    });

    it('reports a missing folder and anything in it that is not a listed file', () => {
      expect(codesOf(readRecordDir(join(dir, 'missing')))).toEqual(['RECORD_UNREADABLE']);
      writeRecordDir(join(dir, 'b'), original);
      mkdirSync(join(dir, 'b', 'extra'));
      expect(problemsOf(readRecordDir(join(dir, 'b')))).toEqual([
        expect.objectContaining({ code: 'MANIFEST_MISMATCH', path: ['extra'] }),
      ]);
      writeRecordDir(join(dir, 'c'), original);
      writeFileSync(join(dir, 'c', 'notes.txt'), 'hello');
      expect(problemsOf(readRecordDir(join(dir, 'c')))).toEqual([
        expect.objectContaining({ code: 'MANIFEST_MISMATCH', path: ['notes.txt'] }),
      ]);
    });
  });
});

describe('record: every reader problem', () => {
  const expectProblem = (files: ReadonlyMap<string, Uint8Array>, code: string, path?: (string | number)[]) => {
    const problems = problemsOf(readRecordFiles(files));
    expect(
      problems.map((p) => p.code),
      JSON.stringify(problems),
    ).toContain(code);
    if (path) expect(problems, JSON.stringify(problems)).toContainEqual(expect.objectContaining({ code, path }));
    return problems;
  };

  it('RECORD_UNREADABLE: no manifest, a manifest that is not JSON, another format, a malformed manifest', () => {
    const noManifest = new Map(original);
    noManifest.delete('manifest.json');
    expectProblem(noManifest, 'RECORD_UNREADABLE', ['manifest.json']);
    expectProblem(withFile(original, 'manifest.json', bytes('{"format":'), false), 'RECORD_UNREADABLE', ['manifest.json']);
    expectProblem(withFile(original, 'manifest.json', bytes('[]'), false), 'RECORD_UNREADABLE', ['manifest.json']);
    expectProblem(
      withManifest(original, (m) => ({ ...m, format: 'belenios' })),
      'RECORD_UNREADABLE',
      ['manifest.json', 'format'],
    );
    expectProblem(
      withManifest(original, (m) => ({ ...m, extra: 1 })),
      'RECORD_UNREADABLE',
    );
    expectProblem(
      withManifest(original, (m) => ({ ...m, createdAt: 'yesterday' })),
      'RECORD_UNREADABLE',
      ['manifest.json', 'createdAt'],
    );
    expectProblem(
      withManifest(original, (m) => ({ ...m, finalTreeHead: { treeSize: 1 } })),
      'RECORD_UNREADABLE',
    );
  });

  it('RECORD_NOT_CANONICAL: a manifest that is not canonical JSON', () => {
    const pretty = bytes(JSON.stringify(manifestOf(original), null, 2));
    expect(problemsOf(readRecordFiles(withFile(original, 'manifest.json', pretty, false)))).toEqual([
      expect.objectContaining({ code: 'RECORD_NOT_CANONICAL', path: ['manifest.json'] }),
    ]);
    const noNewline = (original.get('manifest.json') as Uint8Array).subarray(0, -1);
    expect(codesOf(readRecordFiles(withFile(original, 'manifest.json', noNewline, false)))).toEqual(['RECORD_NOT_CANONICAL']);
  });

  it('RECORD_VERSION: a version this reader does not know', () => {
    expect(codesOf(readRecordFiles(withManifest(original, (m) => ({ ...m, version: 2 }))))).toEqual(['RECORD_VERSION']);
    expect(codesOf(readRecordFiles(withManifest(original, (m) => ({ ...m, version: '1' }))))).toEqual(['RECORD_VERSION']);
  });

  it('MANIFEST_MISMATCH: a changed byte, a changed size, a missing file, an extra file, an unlisted required file', () => {
    const events = original.get('events.jsonl') as Uint8Array;
    const flipped = events.slice();
    flipped[100] = (flipped[100] as number) ^ 1;
    expectProblem(withFile(original, 'events.jsonl', flipped, false), 'MANIFEST_MISMATCH', ['events.jsonl']);
    expectProblem(withFile(original, 'events.jsonl', events.subarray(0, -1), false), 'MANIFEST_MISMATCH', ['events.jsonl']);
    const missing = new Map(original);
    missing.delete('tree-heads.jsonl');
    expectProblem(missing, 'MANIFEST_MISMATCH', ['tree-heads.jsonl']);
    expectProblem(new Map([...original, ['extra.json', bytes('{}')]]), 'MANIFEST_MISMATCH', ['extra.json']);
    const unlisted = withManifest(original, (m) => ({ ...m, files: m.files.filter((f) => f.path !== 'definition.json') }));
    unlisted.delete('definition.json');
    expectProblem(unlisted, 'MANIFEST_MISMATCH', ['definition.json']);
    // definition.json listed twice (in place of result.json, which is then an unlisted file)
    const twice = withManifest(original, (m) => ({
      ...m,
      files: m.files.map((f) => (f.path === 'result.json' ? m.files[0] : f)),
    }));
    expectProblem(twice, 'MANIFEST_MISMATCH', ['definition.json']);
    expectProblem(twice, 'MANIFEST_MISMATCH', ['result.json']);
  });

  it('MANIFEST_MISMATCH: a manifest naming another election or fingerprint than event 0', () => {
    expectProblem(
      withManifest(original, (m) => ({ ...m, electionId: 'other-election' })),
      'MANIFEST_MISMATCH',
      ['manifest.json', 'electionId'],
    );
    expectProblem(
      withManifest(original, (m) => ({ ...m, fingerprint: '00'.repeat(32) })),
      'MANIFEST_MISMATCH',
      ['manifest.json', 'fingerprint'],
    );
  });

  it('RECORD_BAD_LINE: not JSON, empty, not an object, a wrong event shape, an unknown type, a truncated last line', () => {
    expectProblem(
      withLines(original, 'events.jsonl', (l) => l.map((x, i) => (i === 2 ? '{"seq":' : x))),
      'RECORD_BAD_LINE',
      ['events.jsonl', 2],
    );
    expectProblem(
      withLines(original, 'events.jsonl', (l) => [...l.slice(0, 2), '', ...l.slice(2)]),
      'RECORD_BAD_LINE',
      ['events.jsonl', 2],
    );
    expectProblem(
      withLines(original, 'events.jsonl', (l) => l.map((x, i) => (i === 2 ? '[1,2]' : x))),
      'RECORD_BAD_LINE',
      ['events.jsonl', 2],
    );
    const noSignature = withEvent(original, firstBallot.seq, (e) => {
      const { signature: _, ...ballot } = e.ballot as Record<string, unknown>;
      return { ...e, ballot };
    });
    expectProblem(noSignature, 'RECORD_BAD_LINE', ['events.jsonl', firstBallot.seq, 'ballot', 'signature']);
    const shortHex = withEvent(original, firstBallot.seq, (e) => ({
      ...e,
      ballot: { ...(e.ballot as object), credential: 'abcd' },
    }));
    expectProblem(shortHex, 'RECORD_BAD_LINE', ['events.jsonl', firstBallot.seq, 'ballot', 'credential']);
    expectProblem(
      withEvent(original, 1, (e) => ({ ...e, type: 'vote' })),
      'RECORD_BAD_LINE',
      ['events.jsonl', 1, 'type'],
    );
    expectProblem(
      withEvent(original, 1, (e) => ({ ...e, note: 'hi' })),
      'RECORD_BAD_LINE',
      ['events.jsonl', 1],
    );
    const events = original.get('events.jsonl') as Uint8Array;
    expectProblem(withFile(original, 'events.jsonl', events.subarray(0, -1)), 'RECORD_BAD_LINE', ['events.jsonl']);
    expectProblem(withFile(original, 'events.jsonl', new Uint8Array([0xff, 0x0a])), 'RECORD_BAD_LINE', ['events.jsonl', 0]);
  });

  it('RECORD_NOT_CANONICAL: spaces, key order, escapes, number forms, repeated keys; a byte-order mark is not JSON at all', () => {
    const at = (edit: (line: string) => string, i = 1) =>
      withLines(original, 'events.jsonl', (l) => l.map((x, j) => (j === i ? edit(x) : x)));
    const state = linesOf(original, 'events.jsonl')[1] as string;
    expect(state).toMatch(/^\{"seq":1,"state":"key-ceremony","time":"[^"]+","type":"state"\}$/);
    expectProblem(
      at((x) => x.replace(',', ', ')),
      'RECORD_NOT_CANONICAL',
      ['events.jsonl', 1],
    );
    expectProblem(
      at((x) => x.replace('{"seq":1,', '{').replace('}', ',"seq":1}')),
      'RECORD_NOT_CANONICAL',
      ['events.jsonl', 1],
    );
    expectProblem(
      at((x) => x.replace('"state":"key', '"state":"\\u006bey')),
      'RECORD_NOT_CANONICAL',
      ['events.jsonl', 1],
    );
    expectProblem(
      at((x) => x.replace('"seq":1', '"seq":1.0')),
      'RECORD_NOT_CANONICAL',
      ['events.jsonl', 1],
    );
    expectProblem(
      at((x) => x.replace('"seq":1', '"seq":1,"seq":1')),
      'RECORD_NOT_CANONICAL',
      ['events.jsonl', 1],
    );
    expectProblem(
      at((x) => `\uFEFF${x}`, 0),
      'RECORD_BAD_LINE',
      ['events.jsonl', 0],
    );
  });

  it('RECORD_SEQ: a gap or repeat in the numbering, no events, a first event that is not the definition', () => {
    const problems = expectProblem(
      withEvent(original, 5, (e) => ({ ...e, seq: 6 })),
      'RECORD_SEQ',
      ['events.jsonl', 5, 'seq'],
    );
    expect(problems).toHaveLength(1);
    const dropped = withLines(original, 'events.jsonl', (l) => [...l.slice(0, 5), ...l.slice(6)]);
    expect(problemsOf(readRecordFiles(dropped)).filter((p) => p.code === 'RECORD_SEQ')).toHaveLength(1);
    expectProblem(withFile(original, 'events.jsonl', new Uint8Array()), 'RECORD_SEQ', ['events.jsonl']);
    const swapped = withLines(original, 'events.jsonl', (l) =>
      [l[1], l[0], ...l.slice(2)].map((x, i) => canonicalJson({ ...JSON.parse(x as string), seq: i })),
    );
    expectProblem(swapped, 'RECORD_SEQ', ['events.jsonl', 0, 'type']);
  });

  it('RECORD_BAD_LINE in tree-heads.jsonl: a head that does not parse', () => {
    const badRoot = withLines(original, 'tree-heads.jsonl', (l) =>
      l.map((x, i) => (i === 0 ? canonicalJson({ ...JSON.parse(x), rootHash: 'xyz' }) : x)),
    );
    expectProblem(badRoot, 'RECORD_BAD_LINE', ['tree-heads.jsonl', 0, 'rootHash']);
    const badTime = withLines(original, 'tree-heads.jsonl', (l) =>
      l.map((x, i) => (i === 0 ? canonicalJson({ ...JSON.parse(x), timestamp: '2026-03-01T12:00:00Z' }) : x)),
    );
    expectProblem(badTime, 'RECORD_BAD_LINE', ['tree-heads.jsonl', 0, 'timestamp']);
    expectProblem(
      withLines(original, 'tree-heads.jsonl', (l) => ['{"treeSize":1}', ...l]),
      'RECORD_BAD_LINE',
      ['tree-heads.jsonl', 0, 'signature'],
    );
  });

  it('RECORD_TREE_HEAD: no head, shrinking sizes, a head beyond the board, a final head not covering it or not the manifest’s', () => {
    const heads = linesOf(original, 'tree-heads.jsonl');
    expectProblem(withFile(original, 'tree-heads.jsonl', new Uint8Array()), 'RECORD_TREE_HEAD', ['tree-heads.jsonl']);
    const last = heads[heads.length - 1] as string;
    expectProblem(
      withLines(original, 'tree-heads.jsonl', (l) => [last, ...l]),
      'RECORD_TREE_HEAD',
      ['tree-heads.jsonl', 1, 'treeSize'],
    );
    expectProblem(
      withLines(original, 'tree-heads.jsonl', (l) => l.slice(0, -1)),
      'RECORD_TREE_HEAD',
      ['manifest.json', 'finalTreeHead'],
    );
    // the final head (in both places) one event short of the board
    const short = { ...JSON.parse(last), treeSize: sim.events.length - 1 };
    const shortFinal = withManifest(
      withLines(original, 'tree-heads.jsonl', (l) => [...l.slice(0, -1), canonicalJson(short)]),
      (m) => ({ ...m, finalTreeHead: short }),
    );
    expect(problemsOf(readRecordFiles(shortFinal))).toEqual([
      expect.objectContaining({ code: 'RECORD_TREE_HEAD', path: ['tree-heads.jsonl', heads.length - 1, 'treeSize'] }),
    ]);
    const beyond = canonicalJson({ ...JSON.parse(heads[0] as string), treeSize: sim.events.length + 1 });
    expectProblem(
      withLines(original, 'tree-heads.jsonl', (l) => [beyond, ...l]),
      'RECORD_TREE_HEAD',
      ['tree-heads.jsonl', 0, 'treeSize'],
    );
  });

  it('RECORD_COPY_MISMATCH: a definition or result copy that is not the board’s', () => {
    const definition = JSON.parse(utf8(original.get('definition.json') as Uint8Array));
    const retitled = bytes(`${canonicalJson({ ...definition, title: { ...definition.title, en: 'Another title' } })}\n`);
    expectProblem(withFile(original, 'definition.json', retitled), 'RECORD_COPY_MISMATCH', ['definition.json']);
    const pretty = bytes(JSON.stringify(definition, null, 2));
    expectProblem(withFile(original, 'definition.json', pretty), 'RECORD_COPY_MISMATCH', ['definition.json']);
    const result = JSON.parse(utf8(original.get('result.json') as Uint8Array));
    expectProblem(
      withFile(original, 'result.json', bytes(`${canonicalJson({ ...result, trustees: [9] })}\n`)),
      'RECORD_COPY_MISMATCH',
      ['result.json'],
    );
    // a record that stops before decryption must not carry a result
    const early = simulateElection({ draft, voters: 2, until: 'ready' });
    const earlyFiles = buildRecordFiles(early.events, early.treeHeads, createdAt);
    expect(earlyFiles.has('result.json')).toBe(false);
    expect(readRecordFiles(earlyFiles).ok).toBe(true);
    const withResult = withManifest(
      new Map([...earlyFiles, ['result.json', original.get('result.json') as Uint8Array]]),
      (m) => ({
        ...m,
        files: [...m.files, manifestOf(original).files.find((f) => f.path === 'result.json')],
      }),
    );
    expectProblem(withResult, 'RECORD_COPY_MISMATCH', ['result.json']);
  });

  it('never throws, whatever the bytes', () => {
    const names = [...original.keys()];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        fc.boolean(),
        (name, at, byte, cut, rehash) => {
          const data = (original.get(name) as Uint8Array).slice();
          const i = at % data.length;
          if (!cut) data[i] = byte;
          const changed = cut ? data.subarray(0, i) : data;
          const result = readRecordFiles(withFile(original, name, changed, rehash && name !== 'manifest.json'));
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof readRecordDocument(value).ok).toBe('boolean');
        expect(typeof readRecordFiles(new Map([['manifest.json', bytes(JSON.stringify(value) ?? '')]])).ok).toBe('boolean');
      }),
      { numRuns: 150 },
    );
  });
});

describe('record: two-stage reading', () => {
  it('the shape schema accepts exactly the events the wire schema decodes, and returns them unchanged', () => {
    for (const event of sim.events) {
      const shape = EventShape.safeParse(event);
      expect(shape.success && shape.data).toEqual(event);
      expect(EventWire.safeParse(event).success).toBe(true);
    }
  });

  it('a ballot with a non-canonical point reads cleanly and fails only its own decode', () => {
    // 0xff…ff is 64 hex characters but not a canonical ristretto255 encoding.
    const bad = 'ff'.repeat(32);
    expect(() => decodePoint(hexToBytes(bad))).toThrow();
    const files = withEvent(original, firstBallot.seq, (e) => {
      const ballot = structuredClone(e.ballot) as { answers: { selections: { ciphertext: { alpha: string } }[] }[] };
      const selection = ballot.answers[0]?.selections[0];
      if (!selection) throw new Error('the ballot has no selection');
      selection.ciphertext.alpha = bad;
      return { ...e, ballot };
    });
    const read = readRecordFiles(files);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const event = read.value.eventsJson[firstBallot.seq] as BoardEventJson;
    expect(problemsOf(decodeEvent(event))).toEqual([
      expect.objectContaining({
        code: 'POINT_NOT_CANONICAL',
        path: ['ballot', 'answers', 0, 'selections', 0, 'ciphertext', 'alpha'],
      }),
    ]);
    expect(problemsOf(decodeRecord(read.value))).toEqual([
      expect.objectContaining({
        code: 'POINT_NOT_CANONICAL',
        path: ['events.jsonl', firstBallot.seq, 'ballot', 'answers', 0, 'selections', 0, 'ciphertext', 'alpha'],
      }),
    ]);
    const others = read.value.eventsJson.filter((e) => e.seq !== firstBallot.seq).map(decodeEvent);
    expect(others.every((d) => d.ok)).toBe(true);
  });

  it('isCanonical agrees with canonicalJson, integer-like keys included', () => {
    expect(isCanonical({ '1': 0, '10': 0, '2': 0 }, '{"1":0,"10":0,"2":0}')).toBe(true);
    expect(isCanonical({ '1': 0, '2': 0, '10': 0 }, '{"1":0,"2":0,"10":0}')).toBe(false);
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, canonical) => {
        const text = canonical ? canonicalJson(value) : JSON.stringify(value);
        const parsed = JSON.parse(text);
        expect(isCanonical(parsed, text)).toBe(canonicalJson(parsed) === text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('record: the committed sample', () => {
  it('reads cleanly, decodes, and its final head is signed over the Merkle root of its events', () => {
    const read = readRecordDir(new URL('sample-record/', fixtures).pathname);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const record = read.value;
    expect(record.manifest.files.map((f) => f.path)).toContain(RECORD_FILES.result);
    expect(decodeRecord(record).ok).toBe(true);
    const fp = fingerprintBytes(record.definition);
    const log = MerkleLog.from(record.eventsJson.map((e) => leafHash(eventEntryBytes(fp, e))));
    const final = SignedTreeHeadWire.parse(record.manifest.finalTreeHead);
    expect(final.rootHash).toBe(bytesToHex(log.root()));
    expect(verifyTreeHead(decodePoint(hexToBytes(record.definition.boardKey)), fp, final)).toBe(true);
    const types = new Set(record.eventsJson.map((e) => e.type));
    for (const type of [
      'trustee-key',
      'trustee-commitment',
      'trustee-shares',
      'election-key',
      'credentials',
      'register',
      'ballot',
      'cancellation',
      'counted-set',
      'aggregate',
      'decryption-share',
      'result',
    ]) {
      expect(types).toContain(type);
    }
    expect(record.eventsJson.some((e) => e.type === 'ballot' && e.supersedes !== null)).toBe(true);
  });
});

describe('simulation', () => {
  const states = (events: readonly BoardEventJson[]) => events.flatMap((e) => (e.type === 'state' ? [e.state] : []));

  it('runs the life cycle in order and keeps heads that verify', () => {
    expect(states(sim.events)).toEqual(['key-ceremony', 'ready', 'open', 'closed', 'processed', 'decrypted', 'published']);
    const fp = sim.fingerprint;
    const log = new MerkleLog();
    const heads = new Map(sim.treeHeads.map((h) => [h.treeSize, h]));
    for (const event of sim.events) {
      log.append(leafHash(eventEntryBytes(fp, event)));
      const head = heads.get(log.size);
      if (head) expect(head.rootHash).toBe(bytesToHex(log.root()));
    }
    const sizes = sim.treeHeads.map((h) => h.treeSize);
    expect(sizes.slice(0, -1)).toEqual(Array.from({ length: Math.floor((sim.events.length - 1) / 8) }, (_, i) => 8 * (i + 1)));
    expect(sizes[sizes.length - 1]).toBe(sim.events.length);
    const boardKey = decodePoint(hexToBytes(sim.definition.boardKey));
    expect(sim.treeHeads.every((h) => verifyTreeHead(boardKey, fp, SignedTreeHeadWire.parse(h)))).toBe(true);
  });

  it('its result event says what the plaintext votes say', () => {
    const counted = sim.events.find((e) => e.type === 'counted-set');
    expect(counted).toMatchObject({ superseded: sim.expected.superseded, cancelled: sim.expected.cancelled });
    expect(counted?.type === 'counted-set' && counted.counted.length).toBe(sim.expected.counted);
    const result = sim.events.find((e) => e.type === 'result');
    if (result?.type !== 'result') throw new Error('no result event');
    expect(result.trustees).not.toContain(1);
    for (const { district, questions } of result.districts) {
      const want = sim.expected.districts[district];
      for (const q of questions) {
        expect(q.counts).toEqual(want?.counts[q.question]);
        expect(q.ballots).toBe(want?.ballots);
      }
    }
    for (const q of result.overall) expect(q.counts).toEqual(sim.expected.overall[q.question]);
  });

  it('publishes the credential list in chunks and can stop in any state', () => {
    const open = simulateElection({ draft, voters: 10, credentialChunk: 4, until: 'open' });
    expect(open.events.filter((e) => e.type === 'credentials').map((e) => e.type === 'credentials' && e.entries.length)).toEqual([
      4, 4, 2,
    ]);
    expect(open.events.at(-1)).toMatchObject({ type: 'state', state: 'open' });
    expect(open.events.at(-2)).toMatchObject({ type: 'register', sizes: expect.any(Object) });
    expect(open.treeHeads.at(-1)?.treeSize).toBe(open.events.length);
    expect(() => simulateElection({ draft, voters: 1, missingTrustee: 4 })).toThrow(RangeError);
    expect(() => simulateElection({ draft, voters: 1, paperShare: 2 })).toThrow(RangeError);
  });

  it('follows its seed: the same voters behave the same, another seed differs', () => {
    const run = (seed: string) => simulateElection({ draft, voters: 6, seed, until: 'closed' });
    const plan = (s: ReturnType<typeof run>) =>
      s.secrets.voters.map((v) => [v.district, v.paper, v.ballots.map((b) => b.choices)]);
    const a = run('x');
    const b = run('x');
    expect(plan(a)).toEqual(plan(b));
    expect(a.expected).toEqual(b.expected);
    expect(a.events[0]).not.toEqual(b.events[0]); // the board key is fresh each run
    expect(plan(run('y'))).not.toEqual(plan(a));
    const r = seededRandom(1);
    const draws = Array.from({ length: 1000 }, () => r.next());
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBe(1000);
  });
});
