// Does the published result equal the simulated votes? Every district's and the overall counts, option by option,
// and the number of ballots behind each question.
import type { EventJsonOf } from '@saylau/protocol';
import type { ExpectedResult } from './behaviour.ts';

export function resultMismatches(result: EventJsonOf<'result'>, expected: ExpectedResult): string[] {
  const out: string[] = [];
  const compare = (where: string, counts: Record<string, number>, want: Record<string, number> | undefined) => {
    if (!want) return out.push(`${where}: not expected at all`);
    for (const option of new Set([...Object.keys(counts), ...Object.keys(want)])) {
      if ((counts[option] ?? 0) !== (want[option] ?? 0)) {
        out.push(`${where} option ${option}: published ${counts[option] ?? 0}, simulated ${want[option] ?? 0}`);
      }
    }
    return 0;
  };
  const seen = new Set<string>();
  for (const d of result.districts) {
    seen.add(d.district);
    const want = expected.districts[d.district];
    if (!want) {
      out.push(`district ${d.district}: not simulated`);
      continue;
    }
    for (const q of d.questions) {
      compare(`district ${d.district} question ${q.question}`, q.counts, want.counts[q.question]);
      if (q.ballots !== want.ballots)
        out.push(`district ${d.district} question ${q.question}: ${q.ballots} ballots, simulated ${want.ballots}`);
    }
  }
  for (const d of Object.keys(expected.districts)) if (!seen.has(d)) out.push(`district ${d}: missing from the result`);
  for (const q of result.overall) compare(`overall question ${q.question}`, q.counts, expected.overall[q.question]);
  return out;
}
