// The second-device verification page (verify.html): opened from the receipt screen's QR code (the link's key is in
// the URL fragment) or with a pasted link; shows what the ballot contains, who signed it and whether the board holds
// it. Within the check window only: afterwards the server holds no sealed seed and the page says the period ended.
import '../zod-config.ts';
import '../styles.css';
import { isPractice, parseVerificationLink, shortCredential, trackingCode, type VerificationLink } from '@saylau/protocol';
import { ApiError } from '../api.ts';
import { choicesView } from '../choices-view.ts';
import { type Child, h, replaceChildren } from '../dom.ts';
import { districtById, type LoadedElection, loadElection } from '../election.ts';
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
import { ballotFate, type FateOutcome } from './fate.ts';
import { ScanError, type Scanner, startScanner } from './scanner.ts';

interface VerifyState {
  pasted: string;
  busy: boolean;
  /** The pasted text is not a verification link. */
  fieldError?: () => string;
  /** The server could not give the ballot. */
  error?: () => string;
  outcome?: VerifyOutcome;
  /** After processing, what became of the ballot (also when the check window has ended); 'unavailable' on a failure. */
  fate?: FateOutcome | 'unavailable';
  /** The camera is on, looking for the booth's QR code. */
  scanner?: Scanner;
  /** Why the camera could not be used, or what it saw instead of a link. */
  scanError?: () => string;
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

/** The ballot's fate once the election is processed (spec §6.2), with the board's evidence for it. */
function fateView(fate: VerifyState['fate']): Child[] {
  if (fate === undefined) return [];
  if (fate === 'unavailable') return [h('p', { id: 'fate', class: 'note' }, t().fateUnavailable)];
  if (fate.kind === 'not-processed') return [h('p', { id: 'fate', class: 'note' }, t().fateLater)];
  const text =
    fate.fate === 'counted'
      ? t().fateCounted
      : fate.fate === 'superseded'
        ? t().fateSuperseded(formatDateTime(fate.decidedBy.time))
        : fate.fate === 'revoked'
          ? t().fateRevoked
          : t().fateCancelled;
  return [
    h(
      'section',
      { id: 'fate', 'data-fate': fate.fate, 'aria-labelledby': 'fate-heading' },
      h('h2', { id: 'fate-heading' }, t().fateHeading),
      fate.fate === 'counted' ? successBox(text) : h('p', { id: 'fate-text', class: 'alert alert-warning' }, text),
      // a voter who did not vote on paper and sees "cancelled" holds evidence: say so plainly
      fate.fate === 'cancelled' ? h('p', { id: 'fate-complain', class: 'alert alert-error' }, t().fateComplain) : null,
      fate.fate === 'revoked' ? h('p', { id: 'fate-complain', class: 'alert alert-error' }, t().fateRevokedComplain) : null,
      h('ul', { class: 'checks' }, checkItem(t().fateEvidence, fate.evidence, 'fate-evidence')),
      h('p', { class: 'hint' }, t().fateDecidedBy(fate.decidedBy.seq)),
    ),
  ];
}

/** The fate of the link's ballot, or nothing when the ballot or election is unknown. */
async function fateOf(code: VerificationLink, election?: LoadedElection): Promise<VerifyState['fate']> {
  try {
    return await ballotFate(election ?? (await loadElection(code.election)), code.ballotHash);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return error.status === 404 ? undefined : 'unavailable';
  }
}

function outcomeView(outcome: VerifyOutcome, state: VerifyState): Child[] {
  const { checks, election } = outcome;
  const district = districtById(election, outcome.district);
  return [
    allPassed(outcome) ? successBox(t().allPassed) : alertBox(t().someFailed),
    isPractice(election.definition) ? h('p', { class: 'practice-note', id: 'practice-verified' }, t().practiceReceipt) : null,
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
    ...fateView(state.fate),
    h(
      'dl',
      { class: 'facts' },
      // the signature mark is compared with the letter's: it stays in view
      h('dt', null, t().signedWith),
      h('dd', null, h('code', { id: 'credential-short', title: outcome.credential }, shortCredential(outcome.credential))),
      h('dt', null, t().districtLabel),
      h('dd', null, district ? tr(district.name) : outcome.district),
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
    h('p', { id: 'checks-left' }, t().checksLeft(outcome.checksLeft, formatDateTime(outcome.windowEndsAt))),
    // what a voter cannot use, folded away: long hex values and the board position are for observers and auditors
    h(
      'details',
      { id: 'technical-details' },
      h('summary', null, t().technicalDetails),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, t().signedWith),
        h('dd', null, hexBlock(outcome.credential)),
        h('dt', null, t().electionFingerprint),
        h('dd', null, hexBlock(election.fingerprintHex)),
      ),
      h('p', { class: 'hint' }, t().boardPosition(outcome.leafIndex, outcome.treeSize)),
    ),
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
    const scanning = state.scanner !== undefined;
    const scan = [
      button(scanning ? t().scanStop : t().scanStart, scanning ? stopScan : () => void startScan(), {
        kind: 'secondary',
        id: 'scan-qr',
      }),
      scanning ? h('p', { class: 'hint', id: 'scan-hint' }, t().scanHint) : null,
      scanning ? video : null,
      state.scanError ? alertBox(state.scanError()) : null,
    ];
    replaceChildren(
      layout.main,
      screenHeading(t().verifyTitle),
      state.outcome
        ? [
            ...outcomeView(state.outcome, state),
            button(
              t().checkAnother,
              () => {
                delete state.outcome;
                delete state.fate;
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
            ...(state.error ? fateView(state.fate) : []),
            ...scan,
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
    delete state.fate;
    try {
      state.outcome = await verifyBallot(code);
      layout.setElection(code.election);
      layout.setPractice(isPractice(state.outcome.election.definition));
    } catch (error) {
      state.error = verifyError(error);
    }
    // after close the check window has usually ended, but the fate is public: it is shown either way
    const fate = await fateOf(code, state.outcome?.election);
    if (fate !== undefined) state.fate = fate;
    state.busy = false;
    render(true);
  };
  // one video element for the camera, kept across renders (a new one would restart the picture)
  const video = h('video', { id: 'scanner-video', class: 'scanner-video', 'aria-label': t().scanStart }) as HTMLVideoElement;
  const stopScan = (): void => {
    state.scanner?.stop();
    delete state.scanner;
    render();
  };
  const startScan = async (): Promise<void> => {
    delete state.scanError;
    try {
      state.scanner = await startScanner(video, (text) => {
        const code = parseVerificationLink(text);
        if (!code) {
          state.scanError = () => t().scanNotLink;
          render();
          return;
        }
        state.scanner?.stop();
        delete state.scanner;
        delete state.scanError;
        void run(code);
      });
    } catch (error) {
      if (!(error instanceof ScanError)) throw error;
      state.scanError = () => (error.reason === 'denied' ? t().scanDenied : t().scanNoCamera);
    }
    render();
  };
  const layout = mountLayout('verify', () => render());
  const fromAddress = (): boolean => {
    if (location.hash.length <= 1) return false;
    const code = parseVerificationLink(location.hash);
    // what is left of a link may still hold part of the key: out of the address bar either way
    history.replaceState(null, '', location.pathname);
    if (!code) {
      // a link cut short on the way (a chat app, a line break): say so, not an empty form
      delete state.outcome;
      state.error = () => t().damagedLink;
      render(true);
      return true;
    }
    // (the key opens the vote while the check window lasts: it must not stay in the address bar or the history)
    delete state.outcome;
    void run(code);
    return true;
  };
  // a link opened while the page is open changes only the fragment
  window.addEventListener('hashchange', () => void fromAddress());
  if (!fromAddress()) render();
}

start();
