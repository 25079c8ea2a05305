// The voting booth (index.html): loads the election named in ?election=…, then walks the voter through login,
// credential, ballot, review, seal, cast or audit, and the receipt. One screen at a time; focus follows the screen.
import '../zod-config.ts';
import '../styles.css';
import { isPractice } from '@saylau/protocol';
import { ApiError } from '../api.ts';
import { type Child, replaceChildren } from '../dom.ts';
import { electionContext, electionIdFromLocation, loadElection } from '../election.ts';
import { electionStateText, t } from '../i18n/index.ts';
import { mountLayout } from '../layout.ts';
import { alertBox, focusHeading, screenHeading, statusBox } from '../ui.ts';
import { ballotScreen } from './ballot-form.ts';
import { chooseElectionScreen, credentialScreen, electionSummary, loginScreen } from './login.ts';
import { loggedOutScreen, receiptScreen } from './receipt.ts';
import { restoreProgress, saveProgress } from './resume.ts';
import { auditScreen, reviewScreen, sealedScreen } from './seal.ts';
import { type Booth, initialState, type ScreenName } from './state.ts';

function screenContent(booth: Booth): Child[] {
  const { state } = booth;
  switch (state.screen) {
    case 'choose-election':
      return chooseElectionScreen();
    case 'loading':
      return [screenHeading(t().loading)];
    case 'unavailable': {
      const summary = electionSummary(booth);
      return [
        ...(summary ? [summary] : []),
        screenHeading(t().navVote),
        state.error || !state.election
          ? alertBox(state.error ? state.error() : t().notOpen)
          : statusBox(electionStateText(state.election.state)),
      ];
    }
    case 'login':
      return loginScreen(booth);
    case 'credential':
      return credentialScreen(booth);
    case 'ballot':
      return ballotScreen(booth);
    case 'review':
      return reviewScreen(booth);
    case 'sealed':
      return sealedScreen(booth);
    case 'audit':
      return auditScreen(booth);
    case 'receipt':
      return receiptScreen(booth);
    case 'logged-out':
      return loggedOutScreen();
  }
}

function start(): void {
  const state = initialState(electionIdFromLocation());
  const draw = (): void => {
    replaceChildren(layout.main, screenContent(booth));
    layout.main.dataset.screen = state.screen;
    layout.setTitle(layout.main.querySelector('h1')?.textContent ?? 'Saylau');
  };
  const booth: Booth = {
    state,
    get layout() {
      return layout;
    },
    go(screen: ScreenName) {
      state.screen = screen;
      saveProgress(state);
      draw();
      window.scrollTo(0, 0);
      focusHeading(layout.main);
    },
    render() {
      // keep the keyboard focus on the same control when the screen is drawn again
      const active = document.activeElement;
      const focusId = active instanceof HTMLElement && layout.main.contains(active) ? active.id : '';
      saveProgress(state);
      draw();
      if (focusId) document.getElementById(focusId)?.focus();
    },
  };
  const layout = mountLayout('vote', () => booth.render());
  layout.setElection(state.electionId);
  draw();
  if (state.electionId === null) return;
  loadElection(state.electionId).then(
    (election) => {
      state.election = election;
      layout.setPractice(isPractice(election.definition));
      const context = electionContext(election);
      if (context) state.context = context;
      if (!(election.state === 'open' && context)) return booth.go('unavailable');
      // a reload while logged in: back to the signing code (never stored), with the choices made so far
      if (restoreProgress(state)) {
        state.resumed = true;
        return booth.go('credential');
      }
      booth.go('login');
    },
    (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      state.error =
        error.code === 'NETWORK'
          ? () => t().networkError
          : error.status === 404
            ? () => t().electionNotFound
            : error.code === 'FINGERPRINT_MISMATCH'
              ? () => t().electionTampered
              : () => t().serverError(error.code);
      booth.go('unavailable');
    },
  );
}

start();
