// Memory of a whole verification: the process's peak resident set (every thread) and what the main thread keeps
// live — its heap, and its array buffers (typed arrays hold their bytes outside the heap) — measured after a full
// garbage collection every second, so what the verifier keeps per ballot shows apart from the garbage V8 has not
// yet collected. Run: node --expose-gc --import tsx apps/verifier/bench/memory.bench.ts DIR
import { verifyRecord } from '../src/index.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: memory.bench.ts RECORD_DIR');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

let peakRss = 0;
let peakLive = 0;
let peakLiveWithBuffers = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
const rssTimer = setInterval(sample, 100);
const gcTimer = setInterval(() => {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  peakLive = Math.max(peakLive, heapUsed);
  peakLiveWithBuffers = Math.max(peakLiveWithBuffers, heapUsed + arrayBuffers);
}, 1000);
const started = performance.now();
const report = await verifyRecord(dir);
clearInterval(rssTimer);
clearInterval(gcTimer);
sample();
if (!report.readable) throw new Error('unreadable record');
const mb = (n: number) => Math.round(n / 1e6);
console.log(
  JSON.stringify({
    ballots: report.timing.ballots,
    ok: report.ok,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    msPerBallot: report.timing.msPerBallot,
    peakRssMB: mb(peakRss),
    peakLiveHeapMB: mb(peakLive),
    liveHeapBytesPerBallot: Math.round(peakLive / Math.max(1, report.timing.ballots)),
    peakLiveWithBuffersMB: mb(peakLiveWithBuffers),
  }),
);
