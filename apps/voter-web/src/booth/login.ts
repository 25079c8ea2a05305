// The booth's first screens: which election, logging in with the letter's voter ID and login code, and typing the
// credential code, from which the signing key is derived here in the browser (the code never leaves the device).
import { bytesToHex, deriveCredentialKeyAsync, encodePoint, normalizeCredentialCode, publicKeyOf } from '@saylau/crypto';
import { ApiError, api } from '../api.ts';
import { type Child, h } from '../dom.ts';
import { formatDateTime, t, tr } from '../i18n/index.ts';
import { alertBox, electionChooser, screenHeading, statusBox, submitButton, textField } from '../ui.ts';
import type { Booth } from './state.ts';
import { warmUpBallotBuilder } from './warm-up.ts';

export function chooseElectionScreen(): Child[] {
  return electionChooser(t().navVote, '/');
}

/** The election's name, period and state, above the login form. */
export function electionSummary(booth: Booth): HTMLElement | null {
  const election = booth.state.election;
  if (!election) return null;
  const { definition } = election;
  return h(
    'section',
    { class: 'election-summary', 'aria-label': tr(definition.title) },
    h('p', { class: 'election-title' }, tr(definition.title)),
    definition.description ? h('p', null, tr(definition.description)) : null,
    h(
      'p',
      { class: 'hint' },
      t().votingPeriod(formatDateTime(definition.votingPeriod.opens), formatDateTime(definition.votingPeriod.closes)),
    ),
  );
}

function loginError(error: unknown): () => string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return () => t().networkError;
    if (error.code === 'RATE_LIMITED' || error.status === 429) return () => t().tooManyAttempts;
    if (error.code === 'VOTING_NOT_OPEN' || error.code === 'WRONG_STATE') return () => t().notOpen;
    if (error.status === 401 || error.status === 403 || error.status === 404 || error.status === 400 || error.status === 422) {
      return () => t().loginFailed;
    }
    return () => t().serverError(error.code);
  }
  throw error;
}

export function loginScreen(booth: Booth): Child[] {
  const { state } = booth;
  const voterId = textField({
    label: t().voterIdLabel,
    name: 'voter-id',
    value: state.voterId,
    autocomplete: 'username',
    spellcheck: false,
    autocapitalize: 'none',
    onInput: (v) => {
      state.voterId = v;
    },
  });
  const loginCode = textField({
    label: t().loginCodeLabel,
    name: 'login-code',
    value: state.loginCode,
    autocomplete: 'off',
    spellcheck: false,
    autocapitalize: 'none',
    onInput: (v) => {
      state.loginCode = v;
    },
  });
  const submit = async (): Promise<void> => {
    if (state.busy || !state.election) return;
    if (state.voterId.trim() === '' || state.loginCode.trim() === '') {
      state.error = () => t().fieldRequired;
      booth.render();
      return;
    }
    state.busy = () => t().loggingIn;
    delete state.error;
    booth.render();
    try {
      const previousVoter = state.session ? state.voterId : undefined;
      const session = await api.login(state.election.id, state.voterId.trim(), state.loginCode.trim());
      if (previousVoter !== undefined && previousVoter !== state.voterId) {
        delete state.credentialSecret;
        state.choices = {};
      }
      state.session = session;
      state.loginCode = '';
      delete state.busy;
      booth.go(state.credentialSecret === undefined ? 'credential' : 'ballot');
    } catch (error) {
      delete state.busy;
      state.error = loginError(error);
      booth.render();
    }
  };
  const form = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          void submit();
        },
      },
    },
    voterId.wrapper,
    loginCode.wrapper,
    submitButton(t().loginSubmit, state.busy !== undefined),
  );
  return [
    electionSummary(booth) ?? h('span'),
    screenHeading(t().loginTitle),
    h('p', null, t().loginIntro),
    state.error ? alertBox(state.error()) : null,
    form,
    state.busy ? statusBox(state.busy()) : null,
  ];
}

export function credentialScreen(booth: Booth): Child[] {
  const { state } = booth;
  const field = textField({
    label: t().credentialLabel,
    name: 'credential',
    value: state.credentialCode,
    hint: t().credentialHint,
    ...(state.error ? { error: state.error() } : {}),
    spellcheck: false,
    autocapitalize: 'characters',
    onInput: (v) => {
      state.credentialCode = v;
    },
  });
  const submit = async (): Promise<void> => {
    const { election, session } = state;
    if (state.busy || !election || !session) return;
    const code = normalizeCredentialCode(state.credentialCode);
    if (code === null) {
      state.error = () => t().credentialInvalid;
      booth.render();
      field.input.focus();
      return;
    }
    delete state.error;
    state.busy = () => t().deriving;
    booth.render();
    const derivation = deriveCredentialKeyAsync(code, election.id, election.definition.credentialKdf, (fraction) => {
      // straight to the elements: re-rendering the screen a few times a second would steal the focus
      const percent = Math.floor(fraction * 100);
      const bar = document.getElementById('derive-progress');
      if (bar instanceof HTMLProgressElement) bar.value = percent;
      const text = document.getElementById('derive-percent');
      if (text) text.textContent = t().derivingProgress(percent);
    });
    // the first ballot build compiles and fills tables: do it now, while the voter waits anyway (after a paint)
    const context = state.context;
    if (context) setTimeout(() => warmUpBallotBuilder(context, session.district), 50);
    const secret = await derivation;
    delete state.busy;
    if (session.credential !== undefined && bytesToHex(encodePoint(publicKeyOf(secret))) !== session.credential) {
      state.error = () => t().credentialMismatch;
      booth.render();
      return;
    }
    state.credentialSecret = secret;
    state.credentialCode = '';
    delete state.resumed;
    booth.go('ballot');
  };
  const form = h(
    'form',
    {
      class: 'stack',
      novalidate: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          void submit();
        },
      },
    },
    field.wrapper,
    submitButton(t().credentialSubmit, state.busy !== undefined),
  );
  const progress = state.busy
    ? h(
        'div',
        { class: 'progress-block' },
        h('progress', { id: 'derive-progress', max: '100', value: '0', 'aria-label': t().deriving }),
        statusBox(state.busy()),
        h('p', { id: 'derive-percent', class: 'hint' }, t().derivingProgress(0)),
      )
    : null;
  return [
    screenHeading(t().credentialTitle),
    state.resumed ? statusBox(t().resumedNote, 'resumed') : null,
    h('p', null, t().credentialIntro),
    form,
    progress,
  ];
}
