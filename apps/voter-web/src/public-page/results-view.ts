// Tables with bars for turnout and results. Every figure is text in a table cell; the SVG bars beside them are
// decoration (aria-hidden) sized with SVG attributes, so neither screen readers nor the CSP need anything else. With
// the commission's paper results, each table has electronic, paper and combined columns (protocol combinedResults).
import { combinedResults, isPractice, type Question, type ValidityRule } from '@saylau/protocol';
import type { ElectionResult, PaperResults, Turnout } from '../api.ts';
import { h, svg } from '../dom.ts';
import { districtById, type LoadedElection } from '../election.ts';
import { formatNumber, formatPercent, t, tr } from '../i18n/index.ts';

function bar(part: number, whole: number): SVGSVGElement {
  const width = whole > 0 ? Math.max(0, Math.min(100, (100 * part) / whole)) : 0;
  return svg(
    'svg',
    { class: 'bar', viewBox: '0 0 100 8', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
    svg('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 8 }),
    svg('rect', { class: 'bar-fill', x: 0, y: 0, width: width.toFixed(2), height: 8 }),
  );
}

export function turnoutTable(election: LoadedElection, turnout: Turnout): HTMLElement {
  const total = turnout.districts.reduce((a, d) => ({ registered: a.registered + d.registered, voted: a.voted + d.voted }), {
    registered: 0,
    voted: 0,
  });
  const row = (name: string, registered: number, voted: number, id: string, header = false): HTMLElement =>
    h(
      'tr',
      { 'data-district': id, class: header ? 'total' : undefined },
      h('th', { scope: 'row' }, name),
      h('td', { class: 'number', 'data-label': t().colRegistered }, formatNumber(registered)),
      h('td', { class: 'number', 'data-label': t().colVoted }, formatNumber(voted)),
      h(
        'td',
        { class: 'share', 'data-label': t().colTurnout },
        h('span', { class: 'share-text' }, formatPercent(voted, registered)),
        bar(voted, registered),
      ),
    );
  return h(
    'table',
    { class: 'data-table', id: 'turnout-table' },
    h('caption', null, t().turnoutTitle),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t().colDistrict),
        h('th', { scope: 'col', class: 'number' }, t().colRegistered),
        h('th', { scope: 'col', class: 'number' }, t().colVoted),
        h('th', { scope: 'col' }, t().colTurnout),
      ),
    ),
    h(
      'tbody',
      null,
      turnout.districts.map((d) => {
        const district = districtById(election, d.district);
        return row(district ? tr(district.name) : d.district, d.registered, d.voted, d.district);
      }),
      row(t().allDistricts, total.registered, total.voted, '*', true),
    ),
  );
}

type QuestionResult = ElectionResult['overall'][number];

function questionTable(question: Question, result: QuestionResult, caption: string): HTMLElement {
  return h(
    'table',
    { class: 'data-table', 'data-question': question.id },
    h('caption', null, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t().colOption),
        h('th', { scope: 'col', class: 'number' }, t().colVotes),
        h('th', { scope: 'col' }, t().colShare),
      ),
    ),
    h(
      'tbody',
      null,
      question.options.map((option) => {
        const votes = result.counts[option.id] ?? 0;
        return h(
          'tr',
          { 'data-option': option.id },
          h('th', { scope: 'row' }, tr(option.label)),
          h('td', { class: 'number', 'data-label': t().colVotes }, formatNumber(votes)),
          h(
            'td',
            { class: 'share', 'data-label': t().colShare },
            h('span', { class: 'share-text' }, formatPercent(votes, result.ballots)),
            bar(votes, result.ballots),
          ),
        );
      }),
    ),
  );
}

/** A question's table with electronic (verified), paper (attested) and combined votes; the share is of the combined. */
function splitQuestionTable(
  question: Question,
  e: QuestionResult,
  paper: QuestionResult,
  combined: QuestionResult,
  caption: string,
): HTMLElement {
  return h(
    'table',
    { class: 'data-table', 'data-question': question.id, 'data-paper': 'true' },
    h('caption', null, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t().colOption),
        h('th', { scope: 'col', class: 'number' }, t().colElectronic),
        h('th', { scope: 'col', class: 'number' }, t().colPaper),
        h('th', { scope: 'col', class: 'number' }, t().colCombined),
        h('th', { scope: 'col' }, t().colShare),
      ),
    ),
    h(
      'tbody',
      null,
      question.options.map((option) => {
        const [a, b, c] = [e, paper, combined].map((r) => r.counts[option.id] ?? 0) as [number, number, number];
        return h(
          'tr',
          { 'data-option': option.id },
          h('th', { scope: 'row' }, tr(option.label)),
          h('td', { class: 'number', 'data-label': t().colElectronic, 'data-kind': 'electronic' }, formatNumber(a)),
          h('td', { class: 'number', 'data-label': t().colPaper, 'data-kind': 'paper' }, formatNumber(b)),
          h('td', { class: 'number', 'data-label': t().colCombined, 'data-kind': 'combined' }, formatNumber(c)),
          h(
            'td',
            { class: 'share', 'data-label': t().colShare },
            h('span', { class: 'share-text' }, formatPercent(c, combined.ballots)),
            bar(c, combined.ballots),
          ),
        );
      }),
    ),
  );
}

function optionLabel(question: Question, id: string): string {
  const option = question.options.find((o) => o.id === id);
  return option ? tr(option.label) : id;
}

function ruleText(question: Question, rule: ValidityRule | { kind: string }): string {
  const label = (id: string): string => optionLabel(question, id);
  const r = rule as ValidityRule;
  switch (r.kind) {
    case 'turnout-quorum':
      return t().ruleTurnoutQuorum(r.percent);
    case 'approval-quorum':
      return t().ruleApprovalQuorum(label(r.option), r.percent);
    case 'majority':
      return t().ruleMajority(label(r.option), r.threshold === 'two-thirds');
    case 'district-quorum':
      return t().ruleDistrictQuorum(r.minDistricts);
    default:
      return rule.kind;
  }
}

/**
 * One figure of a rule's verdict, as the server's result event names them (packages/protocol processing/results.ts):
 * ballots, registered, basisPoints (the required share, in hundredths of a percent), count (votes for the rule's
 * option), blank, base (ballots less blank ones), minDistricts, districts, passing, and district:<id> (1 when that
 * district meets the other rules, 0 when not).
 */
function figureText(
  election: LoadedElection,
  question: Question,
  rule: ValidityRule | { kind: string },
  name: string,
  value: number,
): string {
  if (name.startsWith('district:')) {
    const id = name.slice('district:'.length);
    const district = districtById(election, id);
    return `${district ? tr(district.name) : id} — ${value ? t().ruleMet : t().ruleNotMet}`;
  }
  if (name === 'basisPoints') return `${t().figureNames.basisPoints} ${formatPercent(value, 10_000)}`;
  if (name === 'count' && 'option' in rule)
    return `${t().figureVotesFor(optionLabel(question, rule.option))} ${formatNumber(value)}`;
  const names: Readonly<Record<string, string>> = t().figureNames;
  return `${names[name] ?? name} ${formatNumber(value)}`;
}

function validityView(
  election: LoadedElection,
  question: Question,
  validity: ElectionResult['validity'][number] | undefined,
): HTMLElement | null {
  if (!validity) return null;
  return h(
    'div',
    { class: validity.valid ? 'validity validity-valid' : 'validity validity-invalid', 'data-valid': String(validity.valid) },
    h('h4', null, t().validityTitle),
    h('p', { class: 'validity-verdict' }, h('strong', null, validity.valid ? t().resultValid : t().resultInvalid)),
    validity.rules.length > 0
      ? h(
          'ul',
          null,
          validity.rules.map((verdict, i) => {
            // verdicts come in the question's rule order; the definition gives their parameters
            const rule = question.rules[i] ?? { kind: verdict.kind };
            const figures = Object.entries(verdict.figures)
              .map(([name, value]) => figureText(election, question, rule, name, value))
              .join(', ');
            return h(
              'li',
              null,
              `${ruleText(question, rule)}: `,
              h('strong', null, verdict.passed ? t().ruleMet : t().ruleNotMet),
              figures ? h('span', { class: 'hint' }, ` (${t().figures}: ${figures})`) : null,
            );
          }),
        )
      : null,
  );
}

/** The register as the result states it: each district's registered voters. */
function registerOfResult(result: ElectionResult): Record<string, number> {
  return Object.fromEntries(result.districts.map((d) => [d.district, d.questions[0]?.registered ?? 0]));
}

export function resultsView(election: LoadedElection, result: ElectionResult, paper?: PaperResults): HTMLElement {
  const { definition } = election;
  const views = combinedResults(definition, registerOfResult(result), result, paper);
  const questionOf = (id: string): Question | undefined => definition.questions.find((q) => q.id === id);
  const partOf = (tally: typeof views.combined, district: string, question: string): QuestionResult | undefined =>
    (district === '*' ? tally?.overall : tally?.districts.find((d) => d.district === district)?.questions)?.find(
      (r) => r.question === question,
    );
  const block = (title: string, results: readonly QuestionResult[], withValidity: boolean, id: string): HTMLElement => {
    const sheet = views.paper?.districts.find((d) => d.district === id);
    return h(
      'section',
      { class: 'results-block', 'aria-label': title, 'data-district': id },
      h('h3', null, title),
      sheet
        ? h('p', { class: 'hint paper-ballots' }, t().paperBallots(sheet.ballotsIssued, sheet.ballotsCast, sheet.invalid))
        : null,
      results.map((r) => {
        const question = questionOf(r.question);
        if (!question) return null;
        const onPaper = partOf(views.paper?.tally, id, r.question);
        const both = partOf(views.combined, id, r.question);
        return h(
          'div',
          { class: 'question-result' },
          onPaper && both
            ? splitQuestionTable(question, r, onPaper, both, tr(question.text))
            : questionTable(question, r, tr(question.text)),
          h('p', { class: 'hint' }, t().ballotsCounted(both?.ballots ?? r.ballots, r.registered)),
          withValidity
            ? validityView(
                election,
                question,
                result.validity.find((v) => v.question === r.question),
              )
            : null,
        );
      }),
    );
  };
  return h(
    'div',
    { class: 'results', id: 'results', 'data-basis': views.basis },
    isPractice(definition) ? h('p', { class: 'practice-note', id: 'practice-results' }, t().practiceResults) : null,
    views.paper
      ? h(
          'div',
          { class: 'note', id: 'paper-note' },
          h('p', null, h('strong', null, t().paperTitle), ': ', t().paperNote),
          h('p', null, t().paperSigned(views.paper.signers.join(', '))),
        )
      : null,
    h('p', { id: 'validity-basis' }, t().basis[views.basis]),
    block(t().allDistricts, result.overall, true, '*'),
    result.districts.map((d) => {
      const district = districtById(election, d.district);
      return block(district ? tr(district.name) : d.district, d.questions, false, d.district);
    }),
  );
}
