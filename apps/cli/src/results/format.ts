// The result as a person reads it: counts per district and overall, each question's validity verdict with the
// figures it rests on, and turnout. Works on the result event's JSON (docs/spec.md §6).
import type { ElectionDefinition, EventJsonOf, ValidityRule } from '@saylau/protocol';

type ResultEvent = EventJsonOf<'result'>;
type QuestionResult = ResultEvent['overall'][number];

function pct(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

function questionLine(definition: ElectionDefinition, q: QuestionResult): string[] {
  const question = definition.questions.find((x) => x.id === q.question);
  const order = question?.options.map((o) => o.id) ?? Object.keys(q.counts);
  const width = Math.max(...order.map((o) => o.length));
  const lines = [
    `    ${q.question} — ${q.ballots} ballots of ${q.registered} registered (turnout ${pct(q.ballots, q.registered)})`,
  ];
  for (const option of order) {
    const n = q.counts[option] ?? 0;
    lines.push(`      ${option.padEnd(width)} ${String(n).padStart(7)}  ${pct(n, q.ballots).padStart(6)}`);
  }
  return lines;
}

function figures(f: Record<string, number>): string {
  return Object.entries(f)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

const percentOfBp = (bp: number) => `${(bp / 100).toFixed(2)}%`;

/** A verdict's figures in words, using the definition's rule (same index) for the option and threshold. */
function ruleText(rule: ValidityRule | undefined, kind: string, f: Record<string, number>): string {
  const n = (key: string) => f[key] ?? 0;
  if (kind === 'turnout-quorum' && f.basisPoints !== undefined) {
    return `turnout ${n('ballots')} of ${n('registered')} registered = ${pct(n('ballots'), n('registered'))} (required ≥ ${percentOfBp(n('basisPoints'))})`;
  }
  if (kind === 'approval-quorum' && f.basisPoints !== undefined && rule?.kind === 'approval-quorum') {
    return `"${rule.option}" chosen by ${n('count')} of ${n('registered')} registered = ${pct(n('count'), n('registered'))} (required ≥ ${percentOfBp(n('basisPoints'))})`;
  }
  if (kind === 'majority' && f.base !== undefined && rule?.kind === 'majority') {
    const required = rule.threshold === 'simple' ? 'more than half' : 'at least two thirds';
    return `"${rule.option}" ${n('count')} of ${n('base')} non-blank answers = ${pct(n('count'), n('base'))} (required ${required})`;
  }
  if (kind === 'district-quorum' && f.minDistricts !== undefined) {
    const each = Object.entries(f)
      .filter(([k]) => k.startsWith('district:'))
      .map(([k, v]) => `${k.slice('district:'.length)} ${v ? 'passes' : 'fails'}`);
    return `${n('passing')} of ${n('districts')} districts pass the other rules (required ≥ ${n('minDistricts')}): ${each.join(', ')}`;
  }
  return figures(f);
}

export function validityLines(definition: ElectionDefinition, result: ResultEvent): string[] {
  return result.validity.flatMap((v) => {
    const rules = definition.questions.find((q) => q.id === v.question)?.rules ?? [];
    return [
      `  ${v.question}: ${v.valid ? 'VALID' : 'NOT VALID'}`,
      ...v.rules.map((r, i) => `    ${r.passed ? 'passed' : 'FAILED'} ${r.kind}: ${ruleText(rules[i], r.kind, r.figures)}`),
      ...(v.rules.length === 0 ? ['    (no validity rules)'] : []),
    ];
  });
}

export function resultLines(definition: ElectionDefinition, result: ResultEvent): string[] {
  const lines = [`Result of ${definition.id} — ${definition.title.en} (decrypted by trustees ${result.trustees.join(', ')})`];
  for (const d of result.districts) {
    const name = definition.districts.find((x) => x.id === d.district)?.name.en ?? d.district;
    lines.push(`  district ${d.district} (${name})`);
    for (const q of d.questions) lines.push(...questionLine(definition, q));
  }
  lines.push('  overall');
  for (const q of result.overall) lines.push(...questionLine(definition, q));
  lines.push('Validity');
  lines.push(...validityLines(definition, result));
  return lines;
}

export function turnoutLines(turnout: { districts: { district: string; registered: number; voted: number }[] }): string[] {
  const width = Math.max(8, ...turnout.districts.map((d) => d.district.length));
  let registered = 0;
  let voted = 0;
  const lines = [`  ${'district'.padEnd(width)}  registered      voted  turnout`];
  for (const d of turnout.districts) {
    registered += d.registered;
    voted += d.voted;
    lines.push(
      `  ${d.district.padEnd(width)}  ${String(d.registered).padStart(10)} ${String(d.voted).padStart(10)}  ${pct(d.voted, d.registered).padStart(7)}`,
    );
  }
  lines.push(
    `  ${'all'.padEnd(width)}  ${String(registered).padStart(10)} ${String(voted).padStart(10)}  ${pct(voted, registered).padStart(7)}`,
  );
  return lines;
}
