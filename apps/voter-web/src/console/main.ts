// The commission's console (admin.html): sign-in with a member's own key, the election list, and for one election
// the six steps as tabs (steps/), each told what it can do in the election's state. Where the member is lives in
// the address's fragment (shell/route.ts), so a reload returns to the same place; the session lives in the server's
// cookie, the member's secret key only in this page's memory (shell/member-session.ts).
import '../zod-config.ts';
import '../styles.css';
import './console.css';
import { h, replaceChildren } from '../dom.ts';
import { language } from '../i18n/index.ts';
import { mountLayout } from '../layout.ts';
import { alertBox, button, screenHeading, statusBox } from '../ui.ts';
import { actionsLog } from './shell/actions-log.ts';
import { consoleApi } from './shell/console-api.ts';
import { type ElectionSummary, listElections, loadConsoleElection } from './shell/election.ts';
import { errorText } from './shell/errors.ts';
import { memberKey } from './shell/key-prompt.ts';
import { client, currentSession, forgetSession, resumeSession, signOut } from './shell/member-session.ts';
import { hashOf, type Route, routeFromHash, STEP_IDS } from './shell/route.ts';
import { enrolPanel, signInPanel } from './shell/sign-in.ts';
import type { ConsoleElection, SignedInMember, StepContext, StepId } from './step.ts';
import { renderNewElection } from './steps/define.ts';
import { STEPS } from './steps/index.ts';
import { SHELL_TEXTS } from './texts/shell.ts';

interface ShellState {
  route: Route;
  /** false until the cookie's session has been asked for. */
  sessionKnown: boolean;
  elections: ElectionSummary[] | null;
  election: ConsoleElection | null;
  error: string | null;
}

const state: ShellState = {
  route: routeFromHash(location.hash),
  sessionKnown: false,
  elections: null,
  election: null,
  error: null,
};

/** Stops of the step on screen (polls, timers), called before anything replaces it. */
const stops: (() => void)[] = [];
const leaveStep = (): void => {
  for (const stop of stops.splice(0)) stop();
};

const texts = () => SHELL_TEXTS[language()];

const api = consoleApi(client, () => {
  forgetSession();
  state.error = texts().sessionEnded;
  render();
});

const member = (): SignedInMember => {
  const session = currentSession();
  if (!session) throw new Error('no session');
  return { member: session.member, name: session.name, publicKey: session.publicKey };
};

/** The step a route without one opens: where an election in this state stands. */
function defaultStep(election: ConsoleElection): StepId {
  switch (election.state) {
    case 'draft':
      return 'define';
    case 'key-ceremony':
      return 'ceremony';
    case 'ready':
    case 'open':
      return 'voting';
    default:
      return 'after-close';
  }
}

/** Moves to another place: a new history entry, so Back returns to the list or the previous election. */
export function go(route: Route): void {
  const hash = hashOf(route);
  history.pushState(null, '', hash === '' ? location.pathname + location.search : hash);
  void navigate(route);
}

async function navigate(route: Route): Promise<void> {
  state.error = null;
  // a tab of the same election keeps it; coming from elsewhere reads it again (it may have moved on meanwhile)
  const sameElection = route.kind === 'election' && state.route.kind === 'election' && state.election?.id === route.election;
  if (!sameElection) state.election = null;
  state.route = route;
  render();
  await load();
}

/** Fetches what the place needs (the session first, then the list or the election). */
async function load(): Promise<void> {
  try {
    if (!state.sessionKnown) {
      await resumeSession();
      state.sessionKnown = true;
    }
    if (!currentSession()) return render();
    const route = state.route;
    if (route.kind === 'list') state.elections = await listElections();
    if (route.kind === 'election' && state.election?.id !== route.election) {
      state.election = await loadConsoleElection(route.election);
    }
  } catch (error) {
    state.sessionKnown = true;
    state.error = errorText(error, language());
  }
  render();
}

function memberBar(): HTMLElement | null {
  const session = currentSession();
  if (!session) return null;
  const s = texts();
  return h(
    'div',
    { class: 'member-bar' },
    h('p', { id: 'signed-in-as' }, s.signedInAs(session.name, session.member)),
    button(
      s.signOut,
      () =>
        void signOut()
          .catch(() => undefined)
          .then(() => {
            state.election = null;
            go({ kind: 'list' });
          }),
      { id: 'sign-out', kind: 'secondary' },
    ),
  );
}

function electionList(): HTMLElement[] {
  const s = texts();
  const list = state.elections;
  return [
    h('h2', { id: 'elections-title' }, s.elections),
    list === null
      ? statusBox(s.loading)
      : list.length === 0
        ? h('p', null, s.noElections)
        : h(
            'ul',
            { id: 'election-list', class: 'election-list', 'aria-labelledby': 'elections-title' },
            list.map((e) =>
              h(
                'li',
                null,
                h('a', { href: hashOf({ kind: 'election', election: e.id, step: null }), 'data-election': e.id }, e.id),
                ' — ',
                s.stateNames[e.state] ?? e.state,
              ),
            ),
          ),
    h(
      'div',
      { class: 'actions' },
      button(s.newElection, () => go({ kind: 'new' }), { id: 'new-election' }),
    ),
  ];
}

/** The tabs of the six steps: a link for each possible one, the sentence why for each that is not. */
function stepTabs(election: ConsoleElection, current: StepId): HTMLElement {
  const s = texts();
  const lang = language();
  return h(
    'nav',
    { class: 'step-tabs', 'aria-label': s.steps },
    h(
      'ol',
      null,
      STEP_IDS.map((id) => {
        const step = STEPS[id];
        const availability = step ? step.available(election, lang) : ({ ok: false, why: s.notBuilt } as const);
        const name = s.stepNames[id] ?? id;
        if (availability.ok) {
          return h(
            'li',
            { 'data-step': id },
            h(
              'a',
              {
                href: hashOf({ kind: 'election', election: election.id, step: id }),
                'aria-current': id === current ? 'step' : undefined,
              },
              name,
            ),
          );
        }
        return h(
          'li',
          { 'data-step': id, class: 'step-unavailable' },
          h(
            'a',
            {
              href: hashOf({ kind: 'election', election: election.id, step: id }),
              'aria-current': id === current ? 'step' : undefined,
              'aria-describedby': `why-${id}`,
              'data-unavailable': 'true',
            },
            name,
          ),
          h('span', { class: 'step-why', id: `why-${id}` }, availability.why),
        );
      }),
    ),
  );
}

/** What a step gets from the shell. */
function contextFor(election: ConsoleElection): StepContext {
  return {
    language: language(),
    api,
    election,
    member: member(),
    memberKey: () => memberKey(language()),
    refresh: async () => {
      state.election = await loadConsoleElection(election.id);
      render();
    },
    onLeave: (stop) => stops.push(stop),
  };
}

function renderStep(host: HTMLElement, election: ConsoleElection, id: StepId): void {
  const step = STEPS[id];
  const s = texts();
  const availability = step ? step.available(election, language()) : ({ ok: false, why: s.notBuilt } as const);
  if (!step || !availability.ok) {
    replaceChildren(
      host,
      h('h2', { id: 'step-title', tabindex: -1 }, s.stepNames[id] ?? id),
      h('p', { class: 'step-why-panel' }, availability.ok ? '' : availability.why),
    );
    return;
  }
  void Promise.resolve(step.render(host, contextFor(election))).catch((error: unknown) => {
    host.prepend(alertBox(errorText(error, language())));
  });
}

const layout = mountLayout('console', () => render());

function render(): void {
  leaveStep();
  const s = texts();
  const route = state.route;
  layout.setTitle(s.title);
  const error = state.error ? alertBox(state.error) : null;
  if (route.kind === 'invite') {
    replaceChildren(layout.main, screenHeading(s.title), error, enrolPanel(signInHost, route.token));
    layout.main.dataset.screen = 'enrol';
    return;
  }
  if (!state.sessionKnown) {
    replaceChildren(layout.main, screenHeading(s.title), error ?? statusBox(s.loading));
    return;
  }
  if (!currentSession()) {
    replaceChildren(layout.main, screenHeading(s.title), error, signInPanel(signInHost));
    layout.main.dataset.screen = 'sign-in';
    return;
  }
  if (route.kind === 'list') {
    replaceChildren(layout.main, screenHeading(s.title), memberBar(), error, ...electionList());
    layout.main.dataset.screen = 'list';
    return;
  }
  const back = h('p', null, h('a', { href: '#', id: 'back-to-list' }, s.backToList));
  if (route.kind === 'new') {
    const host = h('section', { class: 'step-panel', id: 'step-panel', 'data-step': 'define' });
    replaceChildren(layout.main, screenHeading(s.title), memberBar(), back, error, host);
    layout.main.dataset.screen = 'new';
    renderNewElection(host, {
      language: language(),
      api,
      member: member(),
      created: (id) => go({ kind: 'election', election: id, step: 'define' }),
      onLeave: (stop) => stops.push(stop),
    });
    return;
  }
  const election = state.election;
  if (!election) {
    replaceChildren(layout.main, screenHeading(s.title), memberBar(), back, error ?? statusBox(s.loading));
    return;
  }
  const stepId = route.step ?? defaultStep(election);
  const host = h('section', { class: 'step-panel', id: 'step-panel', 'data-step': stepId });
  replaceChildren(
    layout.main,
    screenHeading(s.title),
    memberBar(),
    back,
    h(
      'div',
      { class: 'election-summary' },
      h('p', { class: 'election-title', id: 'election-title' }, election.definition.title[language()]),
      h(
        'p',
        null,
        h('code', null, election.id),
        ' — ',
        h('span', { id: 'election-state' }, s.electionState(s.stateNames[election.state] ?? election.state)),
      ),
    ),
    error,
    stepTabs(election, stepId),
    host,
    actionsLog(api, election.id, language()),
  );
  layout.main.dataset.screen = stepId;
  renderStep(host, election, stepId);
}

const signInHost = {
  get language() {
    return language();
  },
  rerender: () => {
    const focused = document.activeElement?.id;
    render();
    if (focused) document.getElementById(focused)?.focus();
  },
  signedIn: () => {
    state.error = null;
    go(state.route.kind === 'invite' ? { kind: 'list' } : state.route);
  },
};

window.addEventListener('popstate', () => void navigate(routeFromHash(location.hash)));
window.addEventListener('hashchange', () => {
  const route = routeFromHash(location.hash);
  if (hashOf(route) !== hashOf(state.route)) void navigate(route);
});
render();
void load();
