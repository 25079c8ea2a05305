// Our side of the Belenios comparison (docs/benchmarks.md): simulate a record of the belenios-shape election
// (yes/no + 1-of-5) with N ballots, one per voter, then time the whole verification of it.
// Usage: tsx bench/verify.bench.ts [N=1000] [--workers W] [--out DIR] [--keep]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordFiles } from '@saylau/protocol';
import { simulateElection, writeRecordDir } from '@saylau/protocol/node';
import { verifyRecord } from '../src/index.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const ballots = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const workers = flag('--workers') === undefined ? availableParallelism() : Number(flag('--workers'));
const out = flag('--out');
const dir = out ?? mkdtempSync(join(tmpdir(), 'saylau-bench-'));

if (!existsSync(join(dir, 'manifest.json'))) {
  const draft = JSON.parse(
    readFileSync(new URL('../../../test/fixtures/definitions/belenios-shape.json', import.meta.url), 'utf8'),
  );
  const t0 = performance.now();
  // every voter casts one ballot; trustee 3 stays away from the decryption, as in the tests
  const sim = simulateElection({
    draft,
    voters: ballots,
    seed: 'bench',
    abstainShare: 0,
    revoteShare: 0,
    paperShare: 0,
    missingTrustee: 3,
    treeHeadEvery: 256,
  });
  writeRecordDir(dir, buildRecordFiles(sim.events, sim.treeHeads, new Date().toISOString()));
  console.error(`simulated ${ballots} ballots into ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const report = await verifyRecord(dir, { workers });
if (!report.readable) throw new Error('the benchmark record is unreadable');
const failed = report.checks.filter((c) => c.failed > 0).map((c) => c.id);
const { ms, ballots: n } = report.timing;
console.log(
  JSON.stringify({ ballots: n, workers, ms, msPerBallot: Math.round((ms / n) * 100) / 100, ok: report.ok, failed, record: dir }),
);
if (out === undefined && !args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
