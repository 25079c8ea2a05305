import { fingerprintBytes } from '@saylau/protocol';
import { readRecordDir } from '@saylau/protocol/node';
import { checkSlice, prepareSetup } from '../src/ballots/slice.ts';
const rec = readRecordDir('/tmp/saylau-bench-300');
if (!rec.ok) throw new Error('x');
const r = rec.value;
const key = r.eventsJson.find((e) => e.type === 'election-key') as { publicKey: string };
const creds: [string, string][] = [];
for (const e of r.eventsJson) if (e.type === 'credentials') for (const x of e.entries) creds.push([x.credential, x.district]);
const setup = prepareSetup({ definition: r.definition, fingerprint: fingerprintBytes(r.definition), electionKey: key.publicKey, credentials: creds });
const jobs = r.eventsJson.flatMap((e) => (e.type === 'ballot' ? [{ seq: e.seq, ballot: e.ballot, counted: true }] : [])).slice(0, 200);
const sizes = [25, 50, 100, 200];
const acc = new Map(sizes.map((s) => [s, 0]));
checkSlice(setup, jobs.slice(0, 20));
for (let rep = 0; rep < 3; rep++) {
  for (const size of sizes) {
    const t = performance.now();
    for (let i = 0; i < jobs.length; i += size) checkSlice(setup, jobs.slice(i, i + size));
    acc.set(size, (acc.get(size) ?? 0) + (performance.now() - t) / jobs.length);
  }
}
for (const size of sizes) console.log(size, ((acc.get(size) ?? 0) / 3).toFixed(2));
