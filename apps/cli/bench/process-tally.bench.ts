// Processing, tally and decryption of a recorded election, timed as the server runs them after close
// (apps/server/src/tally/tally.ts, with the protocol's functions): the counted set from the ballots' hashes and
// credentials, the counted ballots' ciphertexts decoded, the homomorphic aggregates, the decryption from the
// trustees' shares on the board (every share proof checked, t combined, discrete logs solved) and the result —
// which must equal the record's. Reading the record is timed apart: the server has its ballots in its database.
// Run: npx tsx apps/cli/bench/process-tally.bench.ts RECORD_DIR   (e.g. a record made by saylau simulate)
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Ciphertext } from '@saylau/crypto';
import {
  aggregate,
  type BallotJson,
  type BoardBallot,
  type BoardEventJson,
  ballotHash,
  buildResultEvent,
  CiphertextWire,
  type CountedBallot,
  canonicalJson,
  countedSet,
  DecryptionShareEvent,
  decodeEvent,
  decryptAggregates,
  type EventJsonOf,
  type EventOf,
  fingerprintBytes,
} from '@saylau/protocol';

const dir = process.argv[2];
if (!dir) throw new Error('usage: process-tally.bench.ts RECORD_DIR');

type Answers = EventJsonOf<'ballot'>['ballot']['answers'];
const t0 = performance.now();
const ballots: BoardBallot[] = [];
const ciphertexts = new Map<string, Answers>();
const districtOf = new Map<string, string>();
const others: BoardEventJson[] = [];
for await (const line of createInterface({ input: createReadStream(join(dir, 'events.jsonl')), crlfDelay: Infinity })) {
  const event = JSON.parse(line) as BoardEventJson;
  if (event.type === 'ballot') {
    const hash = ballotHash(event.ballot as BallotJson);
    ballots.push({ hash, credential: event.ballot.credential, seq: event.seq });
    // what the server keeps per ballot: its ciphertexts (the proofs were checked at intake)
    ciphertexts.set(hash, event.ballot.answers);
  } else {
    if (event.type === 'credentials') for (const e of event.entries) districtOf.set(e.credential, e.district);
    others.push(event);
  }
}
const readMs = performance.now() - t0;
const of = <T extends BoardEventJson['type']>(type: T) =>
  others.filter((e): e is Extract<BoardEventJson, { type: T }> => e.type === type);
const definition = (of('definition')[0] as EventJsonOf<'definition'>).definition;

// 1. the counted set
const cpu0 = process.cpuUsage();
const t1 = performance.now();
const cancelled = new Set(of('cancellation').flatMap((e) => e.credentials));
const set = countedSet(ballots, cancelled);
const credentialOf = new Map(ballots.map((b) => [b.hash, b.credential]));
const setMs = performance.now() - t1;

// 2. the counted ballots' ciphertexts decoded (as the server does), and their sums
const t2 = performance.now();
const counted: CountedBallot[] = set.counted.map((hash) => ({
  district: districtOf.get(credentialOf.get(hash) as string) as string,
  ballot: {
    answers: (ciphertexts.get(hash) ?? []).map((a) => ({
      question: a.question,
      selections: a.selections.map((s) => ({ ciphertext: CiphertextWire.parse(s.ciphertext) as Ciphertext })),
    })),
  },
}));
const decodeMs = performance.now() - t2;
const t3 = performance.now();
const entries = aggregate(definition, counted);
const aggregateMs = performance.now() - t3;

// 3. decryption from the shares on the board, and the result
const t4 = performance.now();
const qualified = new Set((of('election-key')[0] as EventJsonOf<'election-key'>).qualified);
const dealers = of('trustee-commitment')
  .filter((e) => qualified.has(e.trustee))
  .map((e) => {
    const decoded = decodeEvent(e);
    if (!decoded.ok) throw new Error('a commitment does not decode');
    const c = decoded.value as EventOf<'trustee-commitment'>;
    return { dealer: c.trustee, commitments: c.commitments, proofs: [] };
  });
const submissions = of('decryption-share').map((e) => {
  const decoded = DecryptionShareEvent.parse(e);
  return { trustee: decoded.trustee, shares: decoded.shares };
});
const setup = { fingerprint: fingerprintBytes(definition), trustees: definition.trustees, dealers, entries };
const decryption = decryptAggregates(setup, submissions);
if (!decryption.ok) throw new Error(`decryption failed: ${decryption.problems.map((p) => p.message).join('; ')}`);
const register = (of('register')[0] as EventJsonOf<'register'>).sizes;
const result = buildResultEvent(definition, register, entries, decryption.value);
const decryptMs = performance.now() - t4;
const cpu = process.cpuUsage(cpu0);

const posted = of('result').at(-1);
const { seq: _seq, time: _time, ...postedBody } = posted ?? { seq: 0, time: '' };
const same = posted !== undefined && canonicalJson(result) === canonicalJson(postedBody);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `${ballots.length} ballots, ${set.counted.length} counted (${set.superseded} superseded, ${set.cancelled} cancelled)`,
);
console.log(`read and parse the record (not part of the server's work): ${s(readMs)}`);
console.log(
  `counted set ${s(setMs)}; decode counted ciphertexts ${s(decodeMs)}; aggregate ${s(aggregateMs)}; decrypt + result ${s(decryptMs)}`,
);
console.log(
  `process + tally + decrypt: ${s(setMs + decodeMs + aggregateMs + decryptMs)} (CPU ${s((cpu.user + cpu.system) / 1000)}, load average ${(await import('node:os')).loadavg()[0]?.toFixed(1)}); result equal to the record's: ${same}`,
);
if (!same) process.exitCode = 1;
