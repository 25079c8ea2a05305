// The result as a person reads it: counts per district and overall, each question's validity verdict with the
// figures it rests on, and turnout. Works on the result event's JSON (docs/spec.md §6). Questions, options and
// districts are shown by their labels in the reader's language, each with its id (what the record and --json use).
import { type ElectionDefinition, type EventJsonOf, type Language, optionName, shareText, verdictText } from '@saylau/protocol';

type ResultEvent = EventJsonOf<'result'>;
type QuestionResult = ResultEvent['overall'][number];

function questionLine(definition: ElectionDefinition, q: QuestionResult, language: Language): string[] {
  const question = definition.questions.find((x) => x.id === q.question);
  const order = question?.options.map((o) => o.id) ?? Object.keys(q.counts);
  const names = order.map((o) => optionName(definition, q.question, o, language));
  const width = Math.max(...names.map((o) => o.length));
  const lines = [
    `    ${q.question}: ${question?.text[language] ?? ''} — ${q.ballots} ballots of ${q.registered} registered (turnout ${shareText(q.ballots, q.registered)})`,
  ];
  order.forEach((option, i) => {
    const n = q.counts[option] ?? 0;
    lines.push(`      ${(names[i] as string).padEnd(width)} ${String(n).padStart(7)}  ${shareText(n, q.ballots).padStart(6)}`);
  });
  return lines;
}

export function validityLines(definition: ElectionDefinition, result: ResultEvent, language: Language = 'en'): string[] {
  return result.validity.flatMap((v) => {
    const question = definition.questions.find((q) => q.id === v.question);
    const rules = question?.rules ?? [];
    return [
      `  ${v.question}: ${v.valid ? 'VALID' : 'NOT VALID'}${question ? ` — ${question.text[language]}` : ''}`,
      ...v.rules.map(
        (r, i) =>
          `    ${r.passed ? 'passed' : 'FAILED'} ${r.kind}: ${verdictText(definition, v.question, language, rules[i], r.kind, r.figures)}`,
      ),
      ...(v.rules.length === 0 ? ['    (no validity rules)'] : []),
    ];
  });
}

export function resultLines(definition: ElectionDefinition, result: ResultEvent, language: Language = 'en'): string[] {
  const lines = [
    `Result of ${definition.id} — ${definition.title[language]} (decrypted by trustees ${result.trustees.join(', ')})`,
  ];
  for (const d of result.districts) {
    const name = definition.districts.find((x) => x.id === d.district)?.name[language] ?? d.district;
    lines.push(`  district ${d.district} (${name})`);
    for (const q of d.questions) lines.push(...questionLine(definition, q, language));
  }
  lines.push('  overall');
  for (const q of result.overall) lines.push(...questionLine(definition, q, language));
  lines.push('Validity');
  lines.push(...validityLines(definition, result, language));
  return lines;
}

/** A district as printed: its id and, when the definition is at hand, its name ("north (Север)"). */
function districtName(definition: ElectionDefinition | undefined, id: string, language: Language): string {
  const district = definition?.districts.find((d) => d.id === id);
  return district ? `${id} (${district.name[language]})` : id;
}

export function turnoutLines(
  turnout: { districts: { district: string; registered: number; voted: number }[] },
  definition?: ElectionDefinition,
  language: Language = 'en',
): string[] {
  const rows = turnout.districts.map((d) => ({ ...d, name: districtName(definition, d.district, language) }));
  const width = Math.max(8, ...rows.map((d) => d.name.length));
  let registered = 0;
  let voted = 0;
  const lines = [`  ${'district'.padEnd(width)}  registered      voted  turnout`];
  for (const d of rows) {
    registered += d.registered;
    voted += d.voted;
    lines.push(
      `  ${d.name.padEnd(width)}  ${String(d.registered).padStart(10)} ${String(d.voted).padStart(10)}  ${shareText(d.voted, d.registered).padStart(7)}`,
    );
  }
  lines.push(
    `  ${'all'.padEnd(width)}  ${String(registered).padStart(10)} ${String(voted).padStart(10)}  ${shareText(voted, registered).padStart(7)}`,
  );
  return lines;
}
