// The second-device verification page (verify.html): opened from the receipt screen's QR code (the link's key is in
// the URL fragment) or with a pasted link; shows what the ballot contains, who signed it and whether the board holds
// it. Within the check window only: afterwards the server holds no sealed seed and the page says the period ended.
import '../zod-config.ts';
import '../styles.css';
import { parseVerificationLink, shortCredential, trackingCode, type VerificationLink } from '@saylau/protocol';
import { ApiError } from '../api.ts';
import { choicesView } from '../choices-view.ts';
import { type Child, h, replaceChildren } from '../dom.ts';
import { districtById } from '../election.ts';
import { formatDateTime, t, tr } from '../i18n/index.ts';
import { mountLayout } from '../layout.ts';
import {
  alertBox,
  button,
  focusHeading,
  hexBlock,
  screenHeading,
  statusBox,
  submitButton,
  successBox,
  textField,
} from '../ui.ts';
import { allPassed, type VerifyOutcome, verifyBallot } from './check.ts';

interface VerifyState {
  pasted: string;
  busy: boolean;
  /** The pasted text is not a verification link. */
  fieldError?: () => string;
  /** The server could not give the ballot. */
  error?: () => string;
  outcome?: VerifyOutcome;
}

function verifyError(error: unknown): () => string {
  if (!(error instanceof ApiError)) throw error;
  if (error.code === 'NETWORK') return () => t().networkError;
  if (error.code === 'VERIFICATION_EXPIRED' || error.status === 410) return () => t().checkPeriodEnded;
  if (error.code === 'VERIFICATION_LIMIT') return () => t().noChecksLeft;
  if (error.code === 'BAD_VERIFICATION_KEY') return () => t().verificationKeyRejected;
  if (error.code === 'RATE_LIMITED') return () => t().tooManyAttempts;
  if (error.status === 404) return () => t().ballotNotFound;
  if (error.code === 'FINGERPRINT_MISMATCH') return () => t().electionTampered;
  return () => t().serverError(error.code);
}

function checkItem(label: string, passed: boolean, key: string): HTMLElement {
  return h(
    'li',
    { class: passed ? 'check check-pass' : 'check check-fail', 'data-check': key, 'data-passed': String(passed) },
    h('span', { class: 'check-mark', 'aria-hidden': 'true' }, passed ? '✓' : '✗'),
    h('span', null, `${label}: `, h('strong', null, passed ? t().checkPassed : t().checkFailed)),
  );
}

function outcomeView(outcome: VerifyOutcome): Child[] {
  const { checks, election } = outcome;
  const district = districtById(election, outcome.district);
  return [
    allPassed(outcome) ? successBox(t().allPassed) : alertBox(t().someFailed),
    h('p', { class: 'election-title' }, tr(election.definition.title)),
    h('p', { class: 'label' }, t().trackingCode),
    h('p', { class: 'tracking-code', id: 'verified-tracking-code' }, trackingCode(outcome.ballotHash)),
    outcome.choices ? h('h2', null, t().ballotContains) : null,
    outcome.choices ? choicesView(outcome.questions, outcome.choices, 'verified-choices') : null,
    h(
      'p',
      { id: 'supersession', class: outcome.superseded ? 'alert alert-warning' : 'note' },
      outcome.superseded ? t().supersededBallot : t().latestBallot,
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t().signedWith),
      h('dd', null, h('code', { id: 'credential-short', title: outcome.credential }, shortCredential(outcome.credential))),
      h('dt', null, t().districtLabel),
      h('dd', null, district ? tr(district.name) : outcome.district),
      h('dt', null, t().electionFingerprint),
      h('dd', null, hexBlock(election.fingerprintHex)),
    ),
    h('h2', null, t().checksHeading),
    h(
      'ul',
      { class: 'checks', id: 'checks' },
      checkItem(t().checkHash, checks.hash, 'hash'),
      checkItem(t().checkProofs, checks.proofs, 'proofs'),
      checkItem(t().checkOpened, checks.opened, 'opened'),
      checkItem(t().checkHead, checks.headSigned, 'head'),
      checkItem(t().checkIncluded, checks.included, 'included'),
    ),
    h('p', { class: 'hint' }, t().boardPosition(outcome.leafIndex, outcome.treeSize)),
    h('p', { id: 'checks-left' }, t().checksLeft(outcome.checksLeft, formatDateTime(outcome.windowEndsAt))),
  ];
}

function start(): void {
  const state: VerifyState = { pasted: '', busy: false };
  const render = (focus = false): void => {
    const field = textField({
      label: t().pasteLabel,
      name: 'verify-code',
      value: state.pasted,
      hint: t().pasteHint,
      ...(state.fieldError ? { error: state.fieldError() } : {}),
      spellcheck: false,
      autocapitalize: 'none',
      onInput: (v) => {
        state.pasted = v;
      },
    });
    const form = h(
      'form',
      {
        class: 'stack',
        novalidate: true,
        on: {
          submit: (event) => {
            event.preventDefault();
            const code = parseVerificationLink(state.pasted);
            if (code === null) {
              state.fieldError = () => t().badCode;
              render();
              document.getElementById('field-verify-code')?.focus();
              return;
            }
            void run(code);
          },
        },
      },
      field.wrapper,
      submitButton(t().verifySubmit, state.busy, 'verify-submit'),
    );
    replaceChildren(
      layout.main,
      screenHeading(t().verifyTitle),
      state.outcome
        ? [
            ...outcomeView(state.outcome),
            button(
              t().checkAnother,
              () => {
                delete state.outcome;
                delete state.error;
                delete state.fieldError;
                state.pasted = '';
                render(true);
              },
              { kind: 'secondary', id: 'check-another' },
            ),
          ]
        : [
            h('p', null, t().verifyIntro),
            state.error ? alertBox(state.error()) : null,
            form,
            state.busy ? statusBox(t().verifying) : null,
          ],
    );
    layout.main.dataset.screen = state.outcome ? 'verified' : state.busy ? 'verifying' : 'verify';
    layout.setTitle(t().verifyTitle);
    if (focus) focusHeading(layout.main);
  };
  const run = async (code: VerificationLink): Promise<void> => {
    if (state.busy) return;
    state.busy = true;
    delete state.error;
    delete state.fieldError;
    render();
    try {
      state.outcome = await verifyBallot(code);
      layout.setElection(code.election);
    } catch (error) {
      state.error = verifyError(error);
    }
    state.busy = false;
    render(true);
  };
  const layout = mountLayout('verify', () => render());
  const fromAddress = (): boolean => {
    const code = parseVerificationLink(location.hash);
    if (!code) return false;
    // the key opens the vote while the check window lasts: do not leave it in the address bar or the history
    history.replaceState(null, '', location.pathname);
    delete state.outcome;
    void run(code);
    return true;
  };
  // a link opened while the page is open changes only the fragment
  window.addEventListener('hashchange', () => void fromAddress());
  if (!fromAddress()) render();
}

start();
