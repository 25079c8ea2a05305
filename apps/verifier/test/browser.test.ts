// The verifier's browser entry (@saylau/verifier/browser, what the commission's console runs after publication):
// on the sample record as one document it gives exactly the report the command gives on the folder, a tampered
// document fails the same named checks in both, and nothing it loads is a Node module.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BoardEventJson,
  encodeJsonFile,
  RECORD_FILES,
  type RecordDocument,
  recordDataFiles,
  type SignedTreeHeadJson,
} from '@saylau/protocol';
import { writeRecordDir } from '@saylau/protocol/node';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyRecordDocument } from '../src/browser.ts';
import { CHECK_IDS, type Report, type UnreadableReport, verifyRecord } from '../src/index.ts';

const SAMPLE = fileURLToPath(new URL('../../../test/fixtures/sample-record', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'saylau-verifier-browser-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const jsonLines = (file: string): unknown[] =>
  readFileSync(join(SAMPLE, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

/** The sample record folder as the server's GET …/record gives it: the manifest, every event, every kept head. */
function sampleDocument(): RecordDocument {
  return {
    manifest: JSON.parse(readFileSync(join(SAMPLE, RECORD_FILES.manifest), 'utf8')),
    events: jsonLines(RECORD_FILES.events) as BoardEventJson[],
    treeHeads: jsonLines(RECORD_FILES.treeHeads) as SignedTreeHeadJson[],
  };
}

/** A document written out as a record folder, byte for byte as the exporter writes it (its manifest kept as it is). */
function folderOf(document: RecordDocument, name: string): string {
  const files = recordDataFiles(document.events, document.treeHeads);
  files.set(RECORD_FILES.manifest, encodeJsonFile(document.manifest));
  const dir = join(work, name);
  writeRecordDir(dir, files);
  return dir;
}

function readable(report: Report | UnreadableReport): Report {
  if (!report.readable) throw new Error(`unreadable: ${JSON.stringify(report.problems)}`);
  return report;
}

/** What a report says, without its timings. */
const verdict = (report: Report) => ({
  ok: report.ok,
  election: report.election,
  checks: report.checks,
  result: report.result,
  anchors: report.anchors,
});

describe('verifyRecordDocument', () => {
  it('gives on the sample record’s document the report the folder gives: every check, count and the result', async () => {
    const progress: [number, number][] = [];
    const inBrowser = readable(
      await verifyRecordDocument(sampleDocument(), { onProgress: (done, total) => progress.push([done, total]) }),
    );
    const onFolder = readable(await verifyRecord(SAMPLE));
    expect(verdict(inBrowser)).toEqual(verdict(onFolder));
    expect(inBrowser.ok).toBe(true);
    expect(inBrowser.checks.length).toBe(CHECK_IDS.length);
    expect(inBrowser.result?.matches).toBe(true);
    expect(inBrowser.timing.workers).toBe(0);
    expect(progress.at(-1)).toEqual([inBrowser.election.ballots, inBrowser.election.ballots]);
  });

  it('fails a tampered document on the same named checks as the same record on disk', async () => {
    const document = sampleDocument();
    const ballot = document.events.find((e) => e.type === 'ballot');
    if (ballot?.type !== 'ballot') throw new Error('the sample record has no ballot');
    // the two branches' challenges swapped: their sum still matches, the proof's equations do not
    const proof = ballot.ballot.answers[0]?.selections[0]?.proof as unknown as { branches: { challenge: string }[] };
    const [first, second] = proof.branches;
    if (!first || !second) throw new Error('a selection proof has two branches');
    [first.challenge, second.challenge] = [second.challenge, first.challenge];

    const inBrowser = readable(await verifyRecordDocument(document));
    const onFolder = readable(await verifyRecord(folderOf(document, 'tampered')));
    expect(verdict(inBrowser)).toEqual(verdict(onFolder));
    const failed = inBrowser.checks.filter((c) => c.failed > 0).map((c) => c.id);
    expect(failed).toContain('ballots.selection-proofs');
    expect(inBrowser.checks.find((c) => c.id === 'ballots.selection-proofs')?.failures[0]?.seq).toBe(ballot.seq);
  });

  it('says a document that is no record is unreadable, as the command does', async () => {
    for (const document of [null, 42, { events: [] }, { manifest: {}, events: [], treeHeads: [] }]) {
      const report = await verifyRecordDocument(document);
      expect(report.readable).toBe(false);
      expect(report).toEqual(await verifyRecord(document as RecordDocument));
    }
  });

  it('loads no Node module: the browser entry bundles for a browser', () => {
    // the esbuild tsx runs on (as ballots/bundle.ts uses it), with the browser's resolution: a node: import fails
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    const esbuild = fromTsx('esbuild') as {
      buildSync(options: object): { metafile: { inputs: Record<string, unknown> } };
    };
    const built = esbuild.buildSync({
      entryPoints: [fileURLToPath(new URL('../src/browser.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(built.metafile.inputs);
    expect(inputs.some((path) => path.endsWith('verifier/src/verify-source.ts'))).toBe(true);
    expect(inputs.filter((path) => /^node:|record-folder|ballots\/pool|protocol\/src\/node/.test(path))).toEqual([]);
  });
});
