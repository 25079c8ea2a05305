// The paper results after close (spec §4.4.3): the clerk picks the file the CLI reads (@saylau/documents' reader), sees
// the figures per district and every problem with its line before sending them (POST …/paper-results); each member
// reads the pending figures as tables and signs them with their own key — only figures that are consistent and, when
// sent or read in this console, exactly those — and sees them on the board once the threshold has signed.
import { hexToBytes } from '@saylau/crypto';
import { DocumentError, type PaperFileProblem, paperResultsFormat, readPaperResultsFile } from '@saylau/documents';
import {
  canonicalJson,
  type EventJsonOf,
  type PaperDistrict,
  PaperResultsStatementSchema,
  paperResultsProblems,
  questionsOfStyle,
  styleOfDistrict,
  validityBasis,
  validPaperBallots,
  verifyCommissionSignatures,
} from '@saylau/protocol';
import { ApiError } from '../../../api.ts';
import { h, replaceChildren } from '../../../dom.ts';
import { statusBox } from '../../../ui.ts';
import type { ConsoleElection, StepContext } from '../../step.ts';
import { PAPER_RESULTS_TEXTS, type PaperResultsTexts } from '../../texts/paper-results.ts';
import { actionBlock, failureText, pastOutcome, StepRefusal } from '../kit/action.ts';
import { electionPath, memberOf } from '../kit/election.ts';
import { draftStore } from '../kit/poll.ts';
import { readStatement, signStatement } from './statements.ts';

const PAPER_STATES = new Set(['closed', 'processed', 'decrypted']);
/** The districts this console sent or read, kept for the tab's life: what a member here signs must be exactly them. */
const sentKey = (eid: string) => `saylau.console.paper-results.${eid}`;

interface ReadFile {
  readonly districts: readonly PaperDistrict[];
  readonly malformed: number;
  readonly problems: number;
}

/** One table per district: the ballots, then each question's options and their counts, in the member's language. */
export function paperTables(
  election: ConsoleElection,
  context: Pick<StepContext, 'language'>,
  districts: readonly PaperDistrict[],
  id: string,
): HTMLElement {
  const { language } = context;
  const m = PAPER_RESULTS_TEXTS[language];
  const { definition } = election;
  const row = (name: string, value: number, data: Record<string, string>) =>
    h('tr', data, h('th', { scope: 'row' }, name), h('td', { 'data-label': m.colCount }, String(value)));
  return h(
    'div',
    { class: 'stack', id },
    districts.map((d) => {
      const style = styleOfDistrict(definition, d.district);
      const questions = style ? questionsOfStyle(definition, style) : [];
      const name = definition.districts.find((x) => x.id === d.district)?.name[language] ?? d.district;
      return h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'data-table', 'data-district': d.district },
          h('caption', null, name),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              [m.colFigure, m.colCount].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h(
            'tbody',
            null,
            row(m.issued, d.ballotsIssued, { 'data-figure': 'issued' }),
            row(m.cast, d.ballotsCast, { 'data-figure': 'cast' }),
            row(m.invalid, d.invalid, { 'data-figure': 'invalid' }),
            row(m.valid, validPaperBallots(d), { 'data-figure': 'valid' }),
            d.questions.flatMap((q) => {
              const question = questions.find((x) => x.id === q.question);
              return Object.entries(q.counts).map(([option, n]) => {
                const optionLabel = question?.options.find((o) => o.id === option)?.label[language] ?? option;
                return row(`${question?.text[language] ?? q.question} — ${optionLabel}`, n, {
                  'data-figure': `${q.question}.${option}`,
                });
              });
            }),
          ),
        ),
      );
    }),
  );
}

function problemList(m: PaperResultsTexts, id: string, problems: readonly PaperFileProblem[]): HTMLElement {
  return h(
    'ul',
    { id },
    problems.map((p) =>
      h(
        'li',
        { 'data-line': p.line ?? '', 'data-code': p.code ?? '' },
        p.line === undefined
          ? m.atPath(p.at, `${p.code ? `${p.code}: ` : ''}${p.message}`)
          : m.atLine(p.line, `${p.code ? `${p.code}: ` : `${p.at}: `}${p.message}`),
      ),
    ),
  );
}

/**
 * Why the member must not sign this statement, or null: it must be a paper results statement of this election whose
 * figures keep the protocol's rules for its register, and — when this console sent or read figures — exactly those.
 */
function refusalOf(election: ConsoleElection, statement: unknown, expected: string | null): StepRefusal | null {
  const parsed = PaperResultsStatementSchema.safeParse(statement);
  if (!parsed.success) return new StepRefusal((l) => PAPER_RESULTS_TEXTS[l].inconsistent(parsed.error.issues[0]?.message ?? ''));
  const problems = paperResultsProblems(election.definition, election.fingerprint, election.registerSizes ?? {}, parsed.data);
  if (problems.length > 0) {
    const why = problems.map((p) => `${p.code}: ${p.message}`).join('; ');
    return new StepRefusal((l) => PAPER_RESULTS_TEXTS[l].inconsistent(why));
  }
  if (expected !== null && expected !== canonicalJson(parsed.data.districts)) {
    return new StepRefusal((l) => PAPER_RESULTS_TEXTS[l].notSent);
  }
  return null;
}

export function paperResultsPanel(context: StepContext): HTMLElement | null {
  const { election, language } = context;
  if (!election.definition.commission || !PAPER_STATES.has(election.state)) return null;
  const m = PAPER_RESULTS_TEXTS[language];
  const basis = validityBasis(election.definition);
  const section = h(
    'section',
    { class: 'panel stack', 'aria-labelledby': 'paper-results-title', id: 'paper-results' },
    h('h3', { id: 'paper-results-title' }, m.title),
    h('p', null, m.intro),
    h('p', { id: 'paper-results-attested' }, m.attested),
    basis === 'e-votes' ? null : h('p', { id: 'paper-results-basis', class: 'alert alert-warning' }, m.basis(basis)),
  );
  let read: ReadFile | null = null;
  let onBoard = false;
  const report = h('div', { id: 'paper-results-report' });
  const sendSlot = h('div');
  const boardSlot = h('div', { id: 'paper-results-board' });

  const showSend = () =>
    replaceChildren(
      sendSlot,
      actionBlock(language, election.id, {
        id: 'paper-results-send',
        label: m.send,
        blocked: onBoard
          ? m.sendPublished
          : read === null
            ? m.sendNeedsFile
            : read.malformed > 0
              ? m.sendMalformed
              : read.problems > 0
                ? m.sendProblems
                : null,
        run: async () => {
          const districts = read?.districts ?? [];
          const answer = await context.api.post<{ districts: number; ballotsCast: number; threshold: number }>(
            `${electionPath(election)}/paper-results`,
            { districts },
          );
          draftStore.set(sentKey(election.id), canonicalJson(districts));
          return (l) => [PAPER_RESULTS_TEXTS[l].sent(answer.districts, answer.ballotsCast, answer.threshold)];
        },
        after: () => showBoard(),
      }),
    );

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = readPaperResultsFile(
        new Uint8Array(await file.arrayBuffer()),
        paperResultsFormat(file.name),
        election.definition,
        election.fingerprint,
        election.registerSizes ?? {},
      );
      read = { districts: result.districts, malformed: result.malformed.length, problems: result.problems.length };
      const wrong = result.malformed.length > 0 ? result.malformed : result.problems;
      replaceChildren(
        report,
        h('p', { id: 'paper-results-note' }, result.note),
        h('p', { id: 'paper-results-count', 'data-count': result.districts.length }, m.read(result.districts.length)),
        wrong.length === 0
          ? null
          : h(
              'div',
              { class: 'alert alert-error', role: 'alert' },
              h('p', null, result.malformed.length > 0 ? m.malformed(wrong.length) : m.problems(wrong.length)),
              problemList(m, 'paper-results-problems', wrong),
            ),
        paperTables(election, context, result.districts, 'paper-results-read'),
      );
      // the file the member reads here is also what they will sign
      if (wrong.length === 0) draftStore.set(sentKey(election.id), canonicalJson(result.districts));
    } catch (error) {
      read = null;
      const message = error instanceof DocumentError ? [error.message, ...error.details].join(' ') : String(error);
      replaceChildren(report, h('div', { class: 'alert alert-error', role: 'alert' }, m.unreadable(message)));
    }
    showSend();
  };

  /** The board's paper results, else the pending figures to sign, else that none are waiting. */
  const showBoard = async () => {
    try {
      const event = await readPublished(context, election);
      if (event) {
        onBoard = true;
        const verdict = verifyCommissionSignatures(
          election.definition,
          hexToBytes(election.fingerprint),
          'paper-results',
          event.statement,
          event.signatures,
        );
        replaceChildren(
          boardSlot,
          verdict.enough && verdict.problems.length === 0
            ? h('p', { id: 'paper-results-published', class: 'alert alert-success' }, m.published(verdict.signers))
            : h('p', { id: 'paper-results-published', class: 'alert alert-error', role: 'alert' }, m.badSignatures),
          // what this member's signature did stays in view once the figures are on the board
          pastOutcome(language, election.id, 'paper-results-sign') ?? '',
          paperTables(election, context, event.statement.districts, 'paper-results-board-figures'),
        );
        showSend();
        return;
      }
      const answer = await readStatement(context, election, 'paper-results');
      if (answer.kind !== 'pending') return replaceChildren(boardSlot, h('p', { id: 'paper-results-none' }, m.noneYet));
      const { status } = answer;
      const me = memberOf(election, context.member);
      const districts = PaperResultsStatementSchema.safeParse(status.statement);
      replaceChildren(
        boardSlot,
        h('p', null, m.pending),
        districts.success ? paperTables(election, context, districts.data.districts, 'paper-results-pending') : null,
        h('p', null, m.signIntro),
        h('p', { id: 'paper-results-signers' }, m.signers(status.signers.length, status.threshold, status.signers)),
        actionBlock(language, election.id, {
          id: 'paper-results-sign',
          label: m.sign,
          blocked: me === null ? m.signNotMember : status.signers.includes(me.id) ? m.signAlready : null,
          run: async () => {
            // never sign blindly what the server hands over: consistent, and what this console sent or read
            const refusal = refusalOf(election, status.statement, draftStore.get(sentKey(election.id)));
            if (refusal) throw refusal;
            const posted = await signStatement(context, election, 'paper-results', status);
            return (l) => [PAPER_RESULTS_TEXTS[l].signed(posted.signers.length, posted.threshold, posted.published)];
          },
          after: () => showBoard(),
        }),
      );
    } catch (error) {
      replaceChildren(boardSlot, statusBox(failureText(error, language)));
    }
  };

  const input = h('input', {
    id: 'paper-results-file',
    type: 'file',
    accept: '.csv,.json,text/csv,application/json,text/plain',
    on: { change: () => void onFile(input.files?.[0]) },
  });
  section.append(
    h('div', { class: 'field' }, h('label', { for: 'paper-results-file' }, m.fileLabel), input),
    report,
    sendSlot,
    boardSlot,
  );
  showSend();
  void showBoard();
  return section;
}

/** The paper-results event on the board (GET …/paper-results), or null while there is none. */
async function readPublished(context: Pick<StepContext, 'api'>, election: ConsoleElection) {
  try {
    return await context.api.get<EventJsonOf<'paper-results'>>(`${electionPath(election)}/paper-results`);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
