// The console's after-close step: process the votes (POST …/process), watch the trustees post their decryption
// shares (from the board, every few seconds), decrypt the totals once enough have (POST …/tally), publish with a
// confirmation (POST …/publish); then the downloads: the election record and the results protocol.
import { fetchCeremony } from '@saylau/protocol/trustee-client';
import { h, replaceChildren } from '../../dom.ts';
import { statusBox } from '../../ui.ts';
import type { Step, StepContext } from '../step.ts';
import { AFTER_CLOSE_TEXTS, type AfterCloseTexts } from '../texts/after-close.ts';
import { DecryptionWatch } from './after-close/decryption.ts';
import { downloadsPanel } from './after-close/downloads.ts';
import { actionBlock, failureText } from './kit/action.ts';
import { electionPath, transportOf } from './kit/election.ts';
import { poll } from './kit/poll.ts';
import { KIT_TEXTS } from './kit/texts.ts';
import { readStatement } from './voting/statements.ts';

const AFTER_CLOSE = new Set(['closed', 'processed', 'decrypted', 'published']);
const POLL_MS = 3000;

async function processBlock(context: StepContext, m: AfterCloseTexts): Promise<HTMLElement> {
  const { election, language } = context;
  let blocked: string | null = election.state === 'closed' ? null : m.processWrongState;
  if (blocked === null && election.definition.commission) {
    // processing now would leave out a staged paper-voter list the members have not finished signing
    const paper = await readStatement(context, election, 'paper-voters');
    if (paper.kind === 'pending') blocked = m.processPaperPending;
  }
  return h(
    'section',
    { class: 'panel stack', 'aria-labelledby': 'process-title' },
    h('h3', { id: 'process-title' }, m.process),
    h('p', null, m.processIntro),
    actionBlock(language, election.id, {
      id: 'process',
      label: m.process,
      blocked,
      run: async () => {
        const answer = await context.api.post<{ counted: number; superseded: number; cancelled: number }>(
          `${electionPath(election)}/process`,
          {},
        );
        return (l) => [AFTER_CLOSE_TEXTS[l].processed(answer.counted, answer.superseded, answer.cancelled)];
      },
      after: () => context.refresh(),
    }),
  );
}

function decryptionPanel(context: StepContext, m: AfterCloseTexts): HTMLElement {
  const { election, language } = context;
  const kit = KIT_TEXTS[language];
  const { threshold } = election.definition.trustees;
  const table = h('div', { id: 'decryption-live' });
  const tallySlot = h('div');
  let shown = '';
  const showTally = (posted: readonly number[]) => {
    const blocked =
      election.state !== 'processed'
        ? m.tallyWrongState
        : posted.length < threshold
          ? m.tallyNeeds(posted.length, threshold)
          : null;
    if (blocked === shown && tallySlot.childElementCount > 0) return;
    shown = blocked ?? '';
    replaceChildren(
      tallySlot,
      actionBlock(language, election.id, {
        id: 'tally',
        label: m.tally,
        blocked,
        run: async () => {
          const result = await context.api.post<{ trustees: number[] }>(`${electionPath(election)}/tally`, {});
          return (l) => [AFTER_CLOSE_TEXTS[l].tallied(result.trustees)];
        },
        after: () => context.refresh(),
      }),
    );
  };
  const watch = new DecryptionWatch(context.api, election.id);
  const transport = transportOf(context.api);
  const read = async () => {
    try {
      const [ceremony, posted] = await Promise.all([fetchCeremony(transport, election.id), watch.read()]);
      const qualified = ceremony.qualified ?? [];
      replaceChildren(
        table,
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'data-table', id: 'decryption-status' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                [m.colTrustee, m.colName, m.colPosted].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              null,
              qualified.map((x) =>
                h(
                  'tr',
                  { 'data-trustee': x },
                  h('th', { scope: 'row' }, String(x)),
                  h('td', { 'data-label': m.colName }, ceremony.trustees.find((t) => t.trustee === x)?.name ?? ''),
                  h(
                    'td',
                    { 'data-value': String(posted.includes(x)), 'data-label': m.colPosted },
                    posted.includes(x) ? kit.yes : kit.no,
                  ),
                ),
              ),
            ),
          ),
        ),
      );
      showTally(posted);
    } catch (error) {
      replaceChildren(table, statusBox(`${m.decryptionReadFailed} ${failureText(error, language)}`));
    }
  };
  if (election.state === 'processed') poll(context, POLL_MS, read);
  else void read();
  return h(
    'section',
    { class: 'panel stack', 'aria-labelledby': 'decryption-title' },
    h('h3', { id: 'decryption-title' }, m.decryptionTitle),
    h('p', null, m.decryptionIntro(threshold)),
    table,
    tallySlot,
  );
}

function publishPanel(context: StepContext, m: AfterCloseTexts): HTMLElement {
  const { election, language } = context;
  return h(
    'section',
    { class: 'panel stack', 'aria-labelledby': 'publish-title' },
    h('h3', { id: 'publish-title' }, m.publish),
    election.state === 'decrypted' || election.state === 'published'
      ? h(
          'p',
          null,
          h('a', { href: `/public.html?election=${encodeURIComponent(election.id)}`, id: 'results-link' }, m.resultsLink),
        )
      : null,
    actionBlock(language, election.id, {
      id: 'publish',
      label: m.publish,
      blocked: election.state === 'decrypted' ? null : m.publishWrongState,
      confirm: { title: m.publishConfirmTitle, lines: m.publishConfirmLines, confirmLabel: m.publishConfirm },
      run: async () => {
        await context.api.post(`${electionPath(election)}/publish`, {});
        return (l) => [AFTER_CLOSE_TEXTS[l].published];
      },
      after: () => context.refresh(),
    }),
  );
}

async function render(host: HTMLElement, context: StepContext): Promise<void> {
  const { election, language } = context;
  const m = AFTER_CLOSE_TEXTS[language];
  const root = h('div', { class: 'stack' }, h('h2', { id: 'step-title', tabindex: -1 }, m.title));
  replaceChildren(host, root);
  let process: HTMLElement;
  try {
    process = await processBlock(context, m);
  } catch (error) {
    process = statusBox(failureText(error, language));
  }
  root.append(process);
  if (election.state !== 'closed') root.append(decryptionPanel(context, m), publishPanel(context, m), downloadsPanel(context));
}

export const afterCloseStep: Step = {
  id: 'after-close',
  available: (election, language) =>
    AFTER_CLOSE.has(election.state) ? { ok: true } : { ok: false, why: AFTER_CLOSE_TEXTS[language].unavailable },
  render,
};

export default afterCloseStep;
