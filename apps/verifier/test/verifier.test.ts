// The verifier as an auditor runs it: the honest record passes every check (exit 0, the JSON report's shape), an
// unreadable record exits 2, and the outside anchors (published fingerprint, a head saved during voting) hold the
// record to what was published — a wrong fingerprint or a forged head fails its anchor check.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex, generateKeyPair } from '@saylau/crypto';
import { buildRecordDocument, type SignedTreeHeadJson, signTreeHead } from '@saylau/protocol';
import { type Simulation, writeRecordDir } from '@saylau/protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS, type Report, runVerifier, verifyRecord } from '../src/index.ts';
import { clone, headJson, hexToBytes, honestFiles, honestSimulation, renumber, resignHeads } from './fixture.ts';

/** Checked ballot slices, reused across the runs over this file's record (every run checks them the same way). */
const sliceCache = new Map();

/** Runs the command line in-process, capturing what it prints. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => ({
    write(s: string) {
      into.push(s);
      return true;
    },
  });
  const code = await runVerifier(args, { stdout: sink(out) as never, stderr: sink(err) as never }, { sliceCache });
  return { code, out: out.join(''), err: err.join('') };
}

let sim: Simulation;
let work: string;
let dir: string;

beforeAll(() => {
  sim = honestSimulation();
  work = mkdtempSync(join(tmpdir(), 'saylau-verifier-test-'));
  dir = join(work, 'record');
  writeRecordDir(dir, honestFiles(sim));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A kept head from the middle of voting: after some ballots, before the close. */
function midElectionHead(): SignedTreeHeadJson {
  const closed = sim.events.find((e) => e.type === 'state' && e.state === 'closed')?.seq ?? 0;
  const firstBallot = sim.events.find((e) => e.type === 'ballot')?.seq ?? 0;
  const head = sim.treeHeads.find((h) => h.treeSize > firstBallot + 1 && h.treeSize <= closed);
  if (!head) throw new Error('the simulation kept no head during voting');
  return head;
}

describe('the honest record', () => {
  it('passes every check and exits 0, with the JSON report’s shape', async () => {
    const { code, out } = await cli([dir, '--json']);
    const report = JSON.parse(out) as Report;
    const failed = report.checks.filter((c) => c.failed > 0);
    expect(failed).toEqual([]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(CHECK_IDS);
    for (const c of report.checks) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'title', 'checked', 'failed', 'failures']));
    }
    // every check that can apply to a published election did look at something (no letter was re-issued and no paper
    // results were entered here)
    const idle = report.checks.filter((c) => c.checked === 0).map((c) => c.id);
    expect(idle.sort()).toEqual([
      'anchor.fingerprint',
      'anchor.protocol',
      'anchor.trusted-head',
      'credentials.replacements',
      'paper.results',
      'trustees.complaints',
    ]);
    expect(report.anchors.statement).toMatch(/No outside anchor was given/);
  });

  it('recomputes the result the simulation expects', async () => {
    const report = (await verifyRecord(dir, { sliceCache })) as Report;
    const result = report.result;
    expect(result).not.toBeNull();
    expect(result?.published).toBe(true);
    expect(result?.matches).toBe(true);
    expect(result?.counted).toBe(sim.expected.counted);
    expect(result?.superseded).toBe(sim.expected.superseded);
    expect(result?.cancelled).toBe(sim.expected.cancelled);
    for (const q of result?.overall ?? []) expect(q.counts).toEqual(sim.expected.overall[q.question]);
    for (const d of result?.districts ?? []) {
      expect(d.questions[0]?.ballots).toBe(sim.expected.districts[d.district]?.ballots);
    }
  });

  it('says plainly in the text report that no anchor was given, and lists every check', async () => {
    const { code, out } = await cli([dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/No outside anchor was given/);
    for (const id of CHECK_IDS) expect(out).toContain(id);
    expect(out).toMatch(/ALL \d+ CHECKS PASSED/);
  });

  it('gives the same verdict on worker threads as on the main thread', async () => {
    const report = (await verifyRecord(dir, { workers: 2, sliceSize: 8 })) as Report;
    expect(report.checks.filter((c) => c.failed > 0)).toEqual([]);
    expect(report.timing.workers).toBeGreaterThan(0);
  });

  it('reads the single-document form (GET /api/elections/:eid/record) as well as the folder', async () => {
    const file = join(work, 'record.json');
    writeFileSync(file, JSON.stringify(buildRecordDocument(sim.events, sim.treeHeads, '2036-01-02T00:00:00.000Z')));
    const { code, out } = await cli([file, '--json']);
    expect(JSON.parse(out).checks.filter((c: { failed: number }) => c.failed > 0)).toEqual([]);
    expect(code).toBe(0);
  });

  it('writes a self-contained HTML report', async () => {
    const html = join(work, 'report.html');
    const { code } = await cli([dir, '--html', html]);
    expect(code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(page).toContain(`All ${CHECK_IDS.length} checks passed`);
    expect(page).toContain('class="bar"');
  });
});

describe('an unreadable record', () => {
  it('exits 2 when the folder does not exist', async () => {
    const { code, out } = await cli([join(work, 'nothing-here')]);
    expect(code).toBe(2);
    expect(out).toMatch(/COULD NOT BE READ/);
  });

  it('exits 2 when the manifest is not a record manifest', async () => {
    const broken = join(work, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'manifest.json'), '{"format":"something-else"}\n');
    const { code, out } = await cli([broken, '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(out)).toMatchObject({ ok: false, readable: false });
  });

  it('exits 2 on a usage error', async () => {
    expect((await cli([dir, '--workers', 'many'])).code).toBe(2);
  });
});

describe('outside anchors', () => {
  it('passes when the published fingerprint matches', async () => {
    const fp = bytesToHex(sim.fingerprint);
    const { code, out } = await cli([dir, '--json', '--expect-fingerprint', fp]);
    const report = JSON.parse(out) as Report;
    expect(code).toBe(0);
    expect(report.anchors.fingerprint).toMatchObject({ ok: true, expected: fp });
    expect(report.checks.find((c) => c.id === 'anchor.fingerprint')).toMatchObject({ checked: 1, failed: 0 });
  });

  it('fails anchor.fingerprint when the published fingerprint differs', async () => {
    const other = 'ab'.repeat(32);
    const { code, out } = await cli([dir, '--json', '--expect-fingerprint', other]);
    const report = JSON.parse(out) as Report;
    expect(code).toBe(1);
    expect(report.checks.filter((c) => c.failed > 0).map((c) => c.id)).toEqual(['anchor.fingerprint']);
  });

  it('passes with a head saved during voting that the final board extends', async () => {
    const saved = join(work, 'head.json');
    const head = midElectionHead();
    writeFileSync(saved, JSON.stringify(head));
    const { code, out } = await cli([dir, '--json', '--trusted-head', saved]);
    const report = JSON.parse(out) as Report;
    expect(report.checks.filter((c) => c.failed > 0)).toEqual([]);
    expect(code).toBe(0);
    expect(report.anchors.trustedHead).toMatchObject({ ok: true, treeSize: head.treeSize });
  });

  it('accepts a receipt holding the head', async () => {
    const saved = join(work, 'receipt.json');
    writeFileSync(saved, JSON.stringify({ ballotHash: 'x', treeHead: midElectionHead() }));
    expect((await cli([dir, '--trusted-head', saved])).code).toBe(0);
  });

  it('fails anchor.trusted-head for a head signed by another key', async () => {
    const head = midElectionHead();
    const forged = headJson(
      signTreeHead(generateKeyPair().secretKey, sim.fingerprint, head.treeSize, hexToBytes(head.rootHash), head.timestamp),
    );
    const saved = join(work, 'forged.json');
    writeFileSync(saved, JSON.stringify(forged));
    const { code, out } = await cli([dir, '--json', '--trusted-head', saved]);
    const report = JSON.parse(out) as Report;
    expect(code).toBe(1);
    expect(report.checks.filter((c) => c.failed > 0).map((c) => c.id)).toEqual(['anchor.trusted-head']);
  });

  it('fails anchor.trusted-head for a genuine head of a board the record does not extend', async () => {
    // The board key signs a head over a different history (a ballot dropped): the record cannot extend both.
    const head = midElectionHead();
    const events = clone(sim.events.slice(0, head.treeSize));
    const ballotIndex = events.findIndex((e) => e.type === 'ballot');
    events.splice(ballotIndex, 1);
    const heads = resignHeads(renumber(events), [], sim.secrets.boardSecret);
    const fork = heads[heads.length - 1] as SignedTreeHeadJson;
    const saved = join(work, 'fork.json');
    writeFileSync(saved, JSON.stringify(fork));
    const { code, out } = await cli([dir, '--json', '--trusted-head', saved]);
    const report = JSON.parse(out) as Report;
    expect(code).toBe(1);
    expect(report.checks.filter((c) => c.failed > 0).map((c) => c.id)).toEqual(['anchor.trusted-head']);
    expect(report.checks.find((c) => c.id === 'anchor.trusted-head')?.failures[0]?.reason).toMatch(/does not extend/);
  });

  it('fails anchor.trusted-head for a file that holds no head', async () => {
    const saved = join(work, 'garbage.json');
    writeFileSync(saved, '{"hello":1}');
    const { code } = await cli([dir, '--trusted-head', saved]);
    expect(code).toBe(1);
  });
});
