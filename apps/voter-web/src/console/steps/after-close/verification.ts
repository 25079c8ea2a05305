// The verifier's report on the published record, in the console: the verifier's own code (@saylau/verifier/browser,
// loaded only when the member asks) runs every check of `saylau-verify` on the record document in this browser, a
// slice of ballots at a time with the page kept responsive; the verdict, every check and the result's comparison are
// shown. A run is kept per election, so a re-render (another language, a refresh) shows it again, still running or
// done. The command stays the independent verification: this page and the record come from the same server.
import type { Language, RecordDocument } from '@saylau/protocol';
import type { CheckResult, Failure, Report, UnreadableReport } from '@saylau/verifier/browser';
import { h, replaceChildren } from '../../../dom.ts';
import type { ConsoleElection } from '../../step.ts';
import { AFTER_CLOSE_TEXTS, type AfterCloseTexts } from '../../texts/after-close.ts';
import { failureText } from '../kit/action.ts';

/** Where a failure is, as the verifier's text report says it. */
type Locate = (failure: Failure) => string;

type Run =
  | { readonly kind: 'running'; done: number; total: number | null }
  | { readonly kind: 'done'; readonly report: Report | UnreadableReport; readonly locate: Locate }
  | { readonly kind: 'failed'; readonly error: unknown };

const runs = new Map<string, Run>();
/** The view that shows each election's run now (the latest render), repainted as the run goes on. */
const views = new Map<string, () => void>();

/** How many failures of one check are listed (the command's --json has them all). */
const LISTED_FAILURES = 20;

export interface VerificationOptions {
  readonly language: Language;
  readonly election: ConsoleElection;
  /** The record document as the server publishes it (GET …/record). */
  readonly record: () => Promise<RecordDocument>;
  /** The record's file name, as the download saves it (for the command). */
  readonly fileName: string;
}

export function verificationSection(options: VerificationOptions): HTMLElement {
  const { language, election } = options;
  const m = AFTER_CLOSE_TEXTS[language];
  const button = h(
    'button',
    { type: 'button', id: 'verify-in-browser', class: 'button button-secondary', on: { click: () => void start(options) } },
    m.verifyInBrowser,
  );
  const status = h('div', { id: 'verify-status' });
  const report = h('div', { id: 'verify-report', role: 'status' });
  const paint = () => {
    const run = runs.get(election.id);
    if (run?.kind === 'running') button.setAttribute('aria-disabled', 'true');
    else button.removeAttribute('aria-disabled');
    paintStatus(status, run, m);
    if (run?.kind !== 'running') replaceChildren(report, run ? outcome(run, election, language) : null);
  };
  views.set(election.id, () => {
    if (button.isConnected) paint();
  });
  paint();
  return h(
    'section',
    { class: 'stack', 'aria-labelledby': 'verifier-title', id: 'verifier' },
    h('h4', { id: 'verifier-title' }, m.verifierTitle),
    h('p', null, m.verifierText),
    h('div', { class: 'actions' }, button),
    status,
    report,
    h('p', null, m.independentText),
    h('pre', { class: 'console-command' }, h('code', { id: 'verifier-command' }, m.verifierCommand(options.fileName))),
  );
}

async function start({ election, record }: VerificationOptions): Promise<void> {
  if (runs.get(election.id)?.kind === 'running') return;
  const run: Run = { kind: 'running', done: 0, total: null };
  const repaint = () => views.get(election.id)?.();
  runs.set(election.id, run);
  repaint();
  let next: Run;
  try {
    // the verifier's code is fetched only now: the console itself stays small
    const [{ verifyRecordDocument, locate }, document] = await Promise.all([import('@saylau/verifier/browser'), record()]);
    const report = await verifyRecordDocument(document, {
      onProgress: (done, total) => {
        run.done = done;
        run.total = total;
        repaint();
      },
    });
    next = { kind: 'done', report, locate };
  } catch (error) {
    next = { kind: 'failed', error };
  }
  runs.set(election.id, next);
  repaint();
}

/** While it runs: what it is doing, and the ballots checked so far as a progress bar. */
function paintStatus(status: HTMLElement, run: Run | undefined, m: AfterCloseTexts): void {
  if (run?.kind !== 'running') {
    replaceChildren(status);
    return;
  }
  const text = run.total === null ? m.verifyReading : m.verifyProgress(run.done, run.total);
  let bar = status.querySelector('progress');
  let label = status.querySelector('p');
  if (!bar || !label) {
    label = h('p', { id: 'verify-progress-label', class: 'status busy' });
    bar = h('progress', { id: 'verify-progress', 'aria-labelledby': 'verify-progress-label' });
    replaceChildren(status, h('div', { class: 'progress-block' }, label, bar));
  }
  label.textContent = text;
  if (run.total === null || run.total === 0) bar.removeAttribute('value');
  else {
    bar.max = run.total;
    bar.value = run.done;
  }
}

function outcome(run: Exclude<Run, { kind: 'running' }>, election: ConsoleElection, language: Language): HTMLElement {
  const m = AFTER_CLOSE_TEXTS[language];
  if (run.kind === 'failed')
    return h('p', { class: 'alert alert-error', id: 'verify-verdict' }, failureText(run.error, language));
  const { report } = run;
  if (!report.readable) {
    const why = report.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return h('p', { class: 'alert alert-error', id: 'verify-verdict', 'data-ok': 'false' }, m.verifyUnreadable(why));
  }
  const failed = report.checks.filter((c) => c.failed > 0).map((c) => c.id);
  const result = report.result;
  return h(
    'div',
    { class: 'stack' },
    h(
      'p',
      {
        id: 'verify-verdict',
        class: report.ok ? 'alert alert-success' : 'alert alert-error',
        'data-ok': String(report.ok),
        'data-checks': report.checks.length,
        'data-failed': failed.length,
      },
      report.ok
        ? m.verifyPassed(report.checks.length, (report.timing.ms / 1000).toFixed(1))
        : m.verifyFailed(failed, report.checks.length),
    ),
    // the record the server gave is of this election (the fingerprint the verifier recomputed from its definition)
    report.election.fingerprint === election.fingerprint ? null : h('p', { class: 'alert alert-error' }, m.recordMismatch),
    h(
      'p',
      { id: 'verify-result', 'data-matches': result ? String(result.published && result.matches) : 'false' },
      !result?.published ? m.resultUnpublished : result.matches ? m.resultMatches : m.resultDiffers,
    ),
    checksTable(report.checks, run.locate, language),
    h('p', { class: 'hint' }, m.titlesNote),
  );
}

function checksTable(checks: readonly CheckResult[], locate: Locate, language: Language): HTMLElement {
  const m = AFTER_CLOSE_TEXTS[language];
  // the checks' own descriptions are the verifier's, in English (docs/auditor-guide.md)
  const titleLang = language === 'en' ? undefined : 'en';
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table', id: 'verify-checks' },
      h('caption', null, m.checksCaption),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, m.colCheck),
          h('th', { scope: 'col' }, m.colWhat),
          h('th', { scope: 'col', class: 'number' }, m.colChecked),
          h('th', { scope: 'col', class: 'number' }, m.colFailed),
        ),
      ),
      h(
        'tbody',
        null,
        checks.map((c) =>
          h(
            'tr',
            { 'data-check': c.id, 'data-failed': c.failed },
            h('th', { scope: 'row' }, h('code', null, c.id)),
            h(
              'td',
              { 'data-label': m.colWhat },
              h('span', { lang: titleLang }, c.title),
              c.note === undefined ? null : h('span', { class: 'hint', lang: titleLang }, ` (${c.note})`),
            ),
            h(
              'td',
              { class: 'number', 'data-label': m.colChecked },
              c.checked === 0 && c.failed === 0 && c.note === undefined ? m.nothingToCheck : String(c.checked),
            ),
            h('td', { class: 'number', 'data-label': m.colFailed }, c.failed === 0 ? '0' : failures(c, locate, m)),
          ),
        ),
      ),
    ),
  );
}

/** A failed check's count, its failures folded under it. */
function failures(c: CheckResult, locate: Locate, m: AfterCloseTexts): HTMLElement {
  const listed = c.failures.slice(0, LISTED_FAILURES);
  const more = c.failed - listed.length;
  return h(
    'details',
    { class: 'verify-failures' },
    h('summary', null, String(c.failed)),
    h(
      'ul',
      { lang: 'en' },
      listed.map((f) => h('li', null, `${locate(f)}: ${f.code}: ${f.reason}`)),
      more > 0 ? h('li', null, m.moreFailures(more)) : null,
    ),
  );
}
