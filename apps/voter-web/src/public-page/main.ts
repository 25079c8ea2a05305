// The public page (public.html?election=…): turnout per district while voting runs, then the published results
// per district with bars — electronic, paper (attested by the commission) and combined — and each question's validity
// verdict, and the election record to download.
import '../zod-config.ts';
import '../styles.css';
import { isPractice } from '@saylau/protocol';
import { ApiError, api, type ElectionResult, type PaperResults, type Turnout } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { electionIdFromLocation, type LoadedElection, loadElection } from '../election.ts';
import { electionStateText, formatTime, t, tr } from '../i18n/index.ts';
import { mountLayout } from '../layout.ts';
import { alertBox, button, electionChooser, focusHeading, screenHeading, statusBox } from '../ui.ts';
import { resultsView, turnoutTable } from './results-view.ts';

interface PublicState {
  election?: LoadedElection;
  turnout?: Turnout;
  updatedAt?: Date;
  result?: ElectionResult;
  /** The commission's paper results, when on the board (attested, not verifiable). */
  paper?: PaperResults;
  error?: () => string;
}

function errorText(error: unknown): () => string {
  if (!(error instanceof ApiError)) throw error;
  if (error.code === 'NETWORK') return () => t().networkError;
  if (error.status === 404) return () => t().electionNotFound;
  if (error.code === 'FINGERPRINT_MISMATCH') return () => t().electionTampered;
  return () => t().serverError(error.code);
}

function start(): void {
  const electionId = electionIdFromLocation();
  const state: PublicState = {};
  const render = (): void => {
    const { election } = state;
    if (electionId === null) {
      replaceChildren(layout.main, electionChooser(t().publicTitle, '/public.html'));
      layout.setTitle(t().publicTitle);
      return;
    }
    const published = election?.state === 'published';
    replaceChildren(
      layout.main,
      screenHeading(t().publicTitle),
      election ? h('p', { class: 'election-title' }, tr(election.definition.title)) : null,
      election ? statusBox(electionStateText(election.state)) : null,
      state.error ? alertBox(state.error()) : null,
      !election && !state.error ? statusBox(t().loading) : null,
      election && state.turnout
        ? h(
            'section',
            { class: 'panel', 'aria-labelledby': 'turnout-title' },
            h('h2', { id: 'turnout-title' }, t().turnoutTitle),
            // while voting runs, "so far"; once it has closed, why the counted ballots can be fewer than the e-voters
            h(
              'p',
              { class: 'hint', id: 'turnout-note' },
              ['closed', 'processed', 'decrypted', 'published'].includes(election.state)
                ? t().turnoutNoteClosed
                : t().turnoutNote,
            ),
            h('div', { class: 'table-scroll' }, turnoutTable(election, state.turnout)),
            h(
              'div',
              { class: 'actions' },
              button(t().refresh, () => void refresh(), { kind: 'secondary', id: 'refresh-turnout' }),
              state.updatedAt ? h('p', { class: 'hint', role: 'status' }, t().updatedAt(formatTime(state.updatedAt))) : null,
            ),
          )
        : null,
      election
        ? h(
            'section',
            { class: 'panel', 'aria-labelledby': 'results-title' },
            h('h2', { id: 'results-title' }, t().resultsTitle),
            state.result ? resultsView(election, state.result, state.paper) : h('p', null, t().resultsNotYet),
            published
              ? h(
                  'p',
                  null,
                  h(
                    'a',
                    { href: api.recordUrl(election.id), download: `${election.id}-record.json`, id: 'record-link' },
                    t().recordLink,
                  ),
                  ' ',
                  h('span', { class: 'hint' }, t().recordNote),
                )
              : null,
          )
        : null,
    );
    layout.main.dataset.screen = state.result ? 'results' : 'turnout';
    layout.setTitle(t().publicTitle);
  };
  const refresh = async (): Promise<void> => {
    if (!state.election) return;
    try {
      state.turnout = await api.turnout(state.election.id);
      state.updatedAt = new Date();
      delete state.error;
    } catch (error) {
      state.error = errorText(error);
    }
    const focused = document.activeElement?.id;
    render();
    if (focused) document.getElementById(focused)?.focus();
  };
  const layout = mountLayout('public', render);
  layout.setElection(electionId);
  render();
  if (electionId === null) return;
  void (async () => {
    try {
      state.election = await loadElection(electionId);
      layout.setPractice(isPractice(state.election.definition));
      state.turnout = await api.turnout(electionId);
      state.updatedAt = new Date();
      if (state.election.state === 'published') {
        state.result = await api.results(electionId);
        const paper = await api.paperResults(electionId);
        if (paper) state.paper = paper;
      }
    } catch (error) {
      state.error = errorText(error);
    }
    render();
    focusHeading(layout.main);
  })();
}

start();
