// The result as a person reads it: counts per district and overall, each question's validity verdict with the
// figures it rests on, and turnout. Works on the result event's JSON (docs/spec.md §6). Questions, options and
// districts are shown by their labels in the reader's language, each with its id (what the record and --json use).
// With the commission's paper results, each figure is shown electronic (verified), paper (attested) and combined.
import {
  type CombinedResults,
  combinedResults,
  type ElectionDefinition,
  type EventJsonOf,
  isPractice,
  type Language,
  optionName,
  shareText,
  type ValidityBasis,
  verdictText,
} from '@saylau/protocol';

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

/** One question with electronic, paper and combined figures side by side. */
function combinedQuestionLines(
  definition: ElectionDefinition,
  e: QuestionResult,
  paper: QuestionResult | undefined,
  both: QuestionResult | undefined,
  language: Language,
): string[] {
  if (!paper || !both) return questionLine(definition, e, language);
  const question = definition.questions.find((x) => x.id === e.question);
  const order = question?.options.map((o) => o.id) ?? Object.keys(e.counts);
  const names = order.map((o) => optionName(definition, e.question, o, language));
  const width = Math.max(...names.map((o) => o.length));
  const lines = [
    `    ${e.question}: ${question?.text[language] ?? ''} — electronic ${e.ballots} + paper ${paper.ballots} = ${both.ballots} ballots of ${both.registered} registered (turnout ${shareText(both.ballots, both.registered)})`,
    `      ${''.padEnd(width)} ${'electronic'.padStart(10)} ${'paper'.padStart(8)} ${'combined'.padStart(9)}`,
  ];
  order.forEach((option, i) => {
    const [a, b, c] = [e, paper, both].map((r) => r.counts[option] ?? 0) as [number, number, number];
    lines.push(
      `      ${(names[i] as string).padEnd(width)} ${String(a).padStart(10)} ${String(b).padStart(8)} ${String(c).padStart(9)}  ${shareText(c, both.ballots).padStart(6)}`,
    );
  });
  return lines;
}

/** The validity basis in words, for every display of the tools. */
export const BASIS_WORDS: Record<ValidityBasis, string> = {
  'e-votes': 'the electronic votes',
  paper: 'the paper votes (attested by the commission, not verifiable)',
  both: 'the electronic and paper votes together (paper votes attested by the commission, not verifiable)',
};

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

/** The register as the result states it: each district's `registered` figure. */
function registerOfResult(result: ResultEvent): Record<string, number> {
  return Object.fromEntries(result.districts.map((d) => [d.district, d.questions[0]?.registered ?? 0]));
}

/**
 * The result in lines: with `paper` (the paper-results event), every figure electronic, paper and combined, and who
 * attested the paper votes; the basis the verdicts were judged on; a practice election says so first.
 */
export function resultLines(
  definition: ElectionDefinition,
  result: ResultEvent,
  language: Language = 'en',
  paper?: EventJsonOf<'paper-results'>,
): string[] {
  const views: CombinedResults = combinedResults(definition, registerOfResult(result), result, paper);
  const lines = [
    ...(isPractice(definition) ? ['PRACTICE ELECTION — a test of the booth: none of these votes count.'] : []),
    `Result of ${definition.id} — ${definition.title[language]} (decrypted by trustees ${result.trustees.join(', ')})`,
  ];
  if (views.paper) {
    lines.push(
      `  electronic votes verified from the record; paper votes attested by the commission (members ${views.paper.signers.join(', ')}), not verifiable`,
    );
  }
  const paperOf = (district: string | null, question: string) =>
    (district === null
      ? views.paper?.tally.overall
      : views.paper?.tally.districts.find((x) => x.district === district)?.questions
    )?.find((x) => x.question === question);
  const bothOf = (district: string | null, question: string) =>
    (district === null
      ? views.combined?.overall
      : views.combined?.districts.find((x) => x.district === district)?.questions
    )?.find((x) => x.question === question);
  for (const d of result.districts) {
    const name = definition.districts.find((x) => x.id === d.district)?.name[language] ?? d.district;
    lines.push(`  district ${d.district} (${name})`);
    const sheet = views.paper?.districts.find((x) => x.district === d.district);
    if (sheet) {
      lines.push(
        `    paper ballots: ${sheet.ballotsIssued} issued, ${sheet.ballotsCast} cast, ${sheet.invalid} invalid (attested by the commission)`,
      );
    }
    for (const q of d.questions) {
      lines.push(
        ...combinedQuestionLines(definition, q, paperOf(d.district, q.question), bothOf(d.district, q.question), language),
      );
    }
  }
  lines.push('  overall');
  for (const q of result.overall) {
    lines.push(...combinedQuestionLines(definition, q, paperOf(null, q.question), bothOf(null, q.question), language));
  }
  lines.push(`Validity (judged on ${BASIS_WORDS[views.basis]})`);
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
