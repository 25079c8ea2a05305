// The live panels of voting: turnout per district (GET …/turnout) and the current signed board state (GET
// …/tree-head) with its size, root and time, to publish; both read again every few seconds while voting is open.
import { SignedTreeHeadWire, shareText } from '@saylau/protocol';
import { TurnoutAnswer } from '../../../api.ts';
import { downloadFile, h, replaceChildren } from '../../../dom.ts';
import { hexBlock, statusBox } from '../../../ui.ts';
import type { StepContext } from '../../step.ts';
import { VOTING_TEXTS } from '../../texts/voting.ts';
import { failureText } from '../kit/action.ts';
import { electionPath, localTime } from '../kit/election.ts';
import { poll } from '../kit/poll.ts';
import { KIT_TEXTS } from '../kit/texts.ts';

const POLL_MS = 5000;

function turnoutTable(context: StepContext, answer: unknown): HTMLElement {
  const { election, language } = context;
  const m = VOTING_TEXTS[language];
  const parsed = TurnoutAnswer.parse(answer);
  const name = (id: string) => election.definition.districts.find((d) => d.id === id)?.name[language] ?? id;
  const share = shareText;
  const registered = parsed.districts.reduce((a, d) => a + d.registered, 0);
  const voted = parsed.districts.reduce((a, d) => a + d.voted, 0);
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table', id: 'turnout' },
      h('caption', null, m.turnoutTitle),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [m.colDistrict, m.colRegistered, m.colVoted, m.colTurnout].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        parsed.districts.map((d) =>
          h(
            'tr',
            { 'data-district': d.district },
            h('th', { scope: 'row' }, name(d.district)),
            h('td', { 'data-registered': d.registered, 'data-label': m.colRegistered }, String(d.registered)),
            h('td', { 'data-voted': d.voted, 'data-label': m.colVoted }, String(d.voted)),
            h('td', { 'data-label': m.colTurnout }, share(d.voted, d.registered)),
          ),
        ),
        h(
          'tr',
          { 'data-district': '' },
          h('th', { scope: 'row' }, m.total),
          h('td', { 'data-label': m.colRegistered }, String(registered)),
          h('td', { id: 'turnout-total', 'data-label': m.colVoted }, String(voted)),
          h('td', { 'data-label': m.colTurnout }, share(voted, registered)),
        ),
      ),
    ),
  );
}

function headPanel(context: StepContext, raw: unknown): HTMLElement {
  const { election, language } = context;
  const m = VOTING_TEXTS[language];
  const head = SignedTreeHeadWire.parse(raw);
  return h(
    'div',
    { id: 'tree-head', class: 'stack' },
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, m.headSize),
      h('dd', { id: 'tree-head-size' }, String(head.treeSize)),
      h('dt', null, m.headRoot),
      h('dd', { id: 'tree-head-root' }, hexBlock(head.rootHash)),
      h('dt', null, m.headTime),
      h('dd', null, localTime(election, head.timestamp, language)),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          id: 'tree-head-download',
          class: 'button button-secondary',
          on: {
            click: () =>
              downloadFile(`saylau-${election.id}-board-state-${head.treeSize}.json`, `${JSON.stringify(raw, null, 2)}\n`),
          },
        },
        m.headDownload,
      ),
    ),
  );
}

/** Turnout and the signed board state; polled when `live`, read once otherwise. */
export function livePanels(context: StepContext, live: boolean): HTMLElement {
  const { election, language } = context;
  const m = VOTING_TEXTS[language];
  const turnout = h('div', { id: 'turnout-panel' });
  const head = h('div', { id: 'tree-head-panel' });
  const updated = h('p', { class: 'hint', role: 'status' });
  const read = async () => {
    try {
      const [t, hd] = await Promise.all([
        context.api.get<unknown>(`${electionPath(election)}/turnout`),
        context.api.get<unknown>(`${electionPath(election)}/tree-head`),
      ]);
      replaceChildren(turnout, turnoutTable(context, t));
      replaceChildren(head, headPanel(context, hd));
      updated.textContent = KIT_TEXTS[language].updated(localTime(election, Date.now(), language));
    } catch (error) {
      replaceChildren(turnout, statusBox(failureText(error, language)));
    }
  };
  if (live) poll(context, POLL_MS, read);
  else void read();
  return h(
    'div',
    { class: 'stack' },
    turnout,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'tree-head-title' },
      h('h3', { id: 'tree-head-title' }, m.headTitle),
      h('p', null, m.headIntro),
      head,
    ),
    updated,
  );
}
