// saylau simulate's small record: written without a server, on worker threads, it verifies; and the streaming
// verifier says of it exactly what the verifier said before it streamed (the report kept in
// simulate-200.expected.json: every check's counts and notes, and the result, which follow the seed alone).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeRecord, RECORD_FILES } from '@saylau/protocol';
import { readRecordDir } from '@saylau/protocol/node';
import { type Report, verifyRecord } from '@saylau/verifier';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateRecord } from '../src/simulate/simulate.ts';
import { REPO } from './helpers.ts';

const expected = JSON.parse(readFileSync(new URL('./simulate-200.expected.json', import.meta.url), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'saylau-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saylau simulate', () => {
  it('writes a 200-ballot record that verifies, with the report of the verifier before streaming', async () => {
    const out = join(dir, 'record');
    const summary = await simulateRecord({
      ballots: 200,
      out,
      draft: JSON.parse(readFileSync(join(REPO, 'test/fixtures/definitions/belenios-shape.json'), 'utf8')),
      seed: 'saylau-simulate',
      workers: 2,
    });
    expect(summary.ballots).toBe(200);
    expect(summary.counted + summary.superseded + summary.cancelled).toBe(200);
    // the protocol's own strict reader accepts it
    const read = readRecordDir(out);
    expect(read.ok && decodeRecord(read.value).ok).toBe(true);

    const report = (await verifyRecord(out, { workers: 2, sliceSize: 16 })) as Report;
    expect(report.ok).toBe(true);
    const checks = report.checks.map((c) => ({
      id: c.id,
      checked: c.checked,
      failed: c.failed,
      ...(c.note ? { note: c.note } : {}),
    }));
    expect(checks).toEqual(expected.checks);
    expect(report.result).toEqual(expected.result);
    expect(report.election.events).toBe(summary.events);

    // the same record given as files in memory reads the same
    const files = new Map(
      Object.values(RECORD_FILES).map((name) => [name, new Uint8Array(readFileSync(join(out, name)))] as const),
    );
    const fromMemory = (await verifyRecord(files, { workers: 0 })) as Report;
    expect(fromMemory.checks).toEqual(report.checks);
  }, 120_000);

  it('refuses a folder that is not empty', async () => {
    await expect(
      simulateRecord({
        ballots: 1,
        out: REPO,
        draft: JSON.parse(readFileSync(join(REPO, 'test/fixtures/definitions/belenios-shape.json'), 'utf8')),
        seed: 'x',
        workers: 1,
      }),
    ).rejects.toThrow(/not empty/);
  });
});
