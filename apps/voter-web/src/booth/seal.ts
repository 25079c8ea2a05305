// Review, seal, then cast or audit: the ballot is encrypted, proven and signed here with buildBallot (only the
// ciphertexts, proofs and signature are ever sent); a Benaloh audit opens it with its seed instead of casting it.
import { bytesToHex } from '@saylau/crypto';
import {
  auditBallot,
  type BuiltBallot,
  buildBallot,
  type Choices,
  outcomeUnknown,
  type ReceiptJson,
  SUBMISSION_RETRY_DELAYS_MS,
  type SubmissionFailure,
  submitWithRetries,
  trackingCode,
} from '@saylau/protocol';
import { ApiError, api } from '../api.ts';
import { checkBallotOnBoard } from '../board-check.ts';
import { choicesView } from '../choices-view.ts';
import { type Child, downloadFile, h } from '../dom.ts';
import { questionsOfDistrict } from '../election.ts';
import { t } from '../i18n/index.ts';
import { alertBox, button, hexBlock, noticeBox, screenHeading, statusBox } from '../ui.ts';
import type { Booth, CastOutcome, Text } from './state.ts';
import { prepareVerification, registerVerification } from './verification.ts';

/** The name under which each ballot build is measured (read by the browser test; see performance.measure). */
export const BUILD_MEASURE = 'saylau:build-ballot';

function claimedChoices(booth: Booth): Choices {
  const { election, session } = booth.state;
  if (!election || !session) return {};
  return Object.fromEntries(
    questionsOfDistrict(election, session.district).map((q) => [q.id, [...(booth.state.choices[q.id] ?? [])]]),
  );
}

/** Encrypts, proves and signs the claimed choices; each build is measured as BUILD_MEASURE. */
function buildMeasured(booth: Booth, claimed: Choices): BuiltBallot | null {
  const { context, session, credentialSecret, election } = booth.state;
  if (!context || !session || !election || credentialSecret === undefined) return null;
  const start = performance.now();
  const result = buildBallot(context, { district: session.district, choices: claimed, credentialSecret });
  const end = performance.now();
  const selections = questionsOfDistrict(election, session.district).reduce((n, q) => n + q.options.length, 0);
  performance.measure(BUILD_MEASURE, { start, end, detail: { selections } });
  if (!result.ok) {
    const codes = result.problems.map((p) => p.code).join(', ');
    booth.state.error = () => t().ballotRejected(codes);
    return null;
  }
  return result.value;
}

function seal(booth: Booth): void {
  const { state } = booth;
  if (state.busy) return;
  state.busy = () => t().sealing;
  delete state.error;
  booth.render();
  // let the status paint before the CPU is busy
  setTimeout(() => {
    const claimed = claimedChoices(booth);
    const built = buildMeasured(booth, claimed);
    delete state.busy;
    if (built === null) {
      booth.render();
      return;
    }
    state.sealed = { built, claimed };
    booth.go('sealed');
  }, 30);
}

export function reviewScreen(booth: Booth): Child[] {
  const { state } = booth;
  if (!state.election || !state.session) return [];
  const questions = questionsOfDistrict(state.election, state.session.district);
  return [
    screenHeading(t().reviewTitle),
    h('p', null, t().reviewIntro),
    state.error ? alertBox(state.error()) : null,
    choicesView(questions, state.choices, 'review-choices'),
    h('p', { class: 'note' }, t().sealNote),
    h(
      'div',
      { class: 'actions' },
      button(t().seal, () => seal(booth), { id: 'seal', busy: state.busy !== undefined }),
      button(t().changeChoices, () => booth.go('ballot'), { kind: 'secondary', id: 'change' }),
    ),
    state.busy ? statusBox(state.busy()) : null,
  ];
}

/** How a cast attempt failed, for the retry rule shared with `saylau vote` (protocol's submission.ts). */
function submissionFailure(error: unknown): SubmissionFailure {
  if (!(error instanceof ApiError)) throw error;
  if (error.code === 'NETWORK') return { kind: 'network' };
  if (error.code === 'BAD_ANSWER') return { kind: 'unreadable', status: error.status };
  return { kind: 'refused', status: error.status, code: error.code };
}

function castError(error: unknown): { text: Text; back?: 'login' | 'credential' } {
  if (!(error instanceof ApiError)) throw error;
  // every try failed without an answer: the voter must know the vote may not be recorded, and that sending again
  // is safe (the sealed ballot is kept: the cast button sends the very same ballot)
  if (outcomeUnknown(submissionFailure(error))) return { text: () => t().castUncertain };
  if (error.code === 'UNAUTHENTICATED' || error.status === 401) return { text: () => t().sessionExpired, back: 'login' };
  if (error.code === 'UNKNOWN_CREDENTIAL' || error.code === 'NOT_YOUR_CREDENTIAL') {
    return { text: () => t().credentialMismatch, back: 'credential' };
  }
  if (error.code === 'VOTING_NOT_OPEN' || error.code === 'WRONG_STATE') return { text: () => t().votingClosed };
  if (error.code === 'RATE_LIMITED') return { text: () => t().tooManyAttempts };
  return { text: () => t().ballotRejected(error.code) };
}

async function cast(booth: Booth): Promise<void> {
  const { state } = booth;
  const { election, session, sealed } = state;
  if (state.busy || !election || !session || !sealed) return;
  state.busy = () => t().casting;
  delete state.error;
  booth.render();
  try {
    const tries = SUBMISSION_RETRY_DELAYS_MS.length + 1;
    const answer = await submitWithRetries(() => api.cast(election.id, session.token, sealed.built.json), submissionFailure, {
      onRetry: (next) => {
        state.busy = () => t().castRetrying(next, tries);
        booth.render();
      },
    });
    const receipt = answer.value;
    delete state.busy;
    delete state.sealed;
    const outcome: CastOutcome = {
      receipt,
      receiptJson: answer.raw as ReceiptJson,
      boardCheck: 'pending',
      // from here on the booth's state holds no seed: only its seal under a fresh key k, and k
      verification: prepareVerification(election, sealed.built.hash, sealed.built.seed),
    };
    state.cast = outcome;
    booth.go('receipt');
    void registerVerification(booth, outcome);
    // the receipt must name the ballot this device built, and the board must hold it under a signed head
    const check =
      receipt.ballotHash === sealed.built.hash
        ? await checkBallotOnBoard(
            election,
            receipt.ballotHash,
            receipt.leafIndex,
            receipt.inclusionProof,
            receipt.treeHead,
          ).catch(() => ({ headSigned: false, included: false }))
        : { headSigned: false, included: false };
    outcome.boardCheck = check.headSigned && check.included ? 'ok' : 'failed';
    if (state.cast === outcome && state.screen === 'receipt') booth.render();
  } catch (error) {
    delete state.busy;
    const { text, back } = castError(error);
    state.error = text;
    if (back === 'credential') delete state.credentialSecret;
    if (back) {
      delete state.sealed;
      booth.go(back);
    } else booth.render();
  }
}

function audit(booth: Booth): void {
  const { state } = booth;
  const { context, sealed } = state;
  if (state.busy || !context || !sealed) return;
  const opened = auditBallot(context, sealed.built.ballot, sealed.built.seed, sealed.claimed);
  state.audit = {
    passed: opened.ok,
    opened: opened.ok ? opened.value : null,
    seed: sealed.built.seed,
    trackingCode: trackingCode(sealed.built.hash),
    ballot: sealed.built.json,
  };
  // the seed is now revealed: this ballot must never be cast
  delete state.sealed;
  booth.go('audit');
}

export function sealedScreen(booth: Booth): Child[] {
  const { state } = booth;
  if (!state.sealed) return [];
  const busy = state.busy !== undefined;
  return [
    screenHeading(t().sealedTitle),
    h('p', null, t().sealedIntro),
    h('p', { class: 'label' }, t().trackingCode),
    h('p', { class: 'tracking-code', id: 'sealed-tracking-code' }, trackingCode(state.sealed.built.hash)),
    state.error ? alertBox(state.error()) : null,
    h(
      'div',
      { class: 'actions' },
      button(t().cast, () => void cast(booth), { id: 'cast', busy }),
      button(t().auditInstead, () => audit(booth), { kind: 'secondary', id: 'audit', busy }),
    ),
    h('p', { class: 'note', id: 'audit-explain' }, t().auditExplain),
    state.busy ? statusBox(state.busy()) : null,
  ];
}

export function auditScreen(booth: Booth): Child[] {
  const { state } = booth;
  const outcome = state.audit;
  if (!outcome || !state.election || !state.session) return [];
  const questions = questionsOfDistrict(state.election, state.session.district);
  const download = (): void =>
    downloadFile(
      `saylau-audit-${outcome.trackingCode}.json`,
      JSON.stringify(
        { type: 'saylau-ballot-audit', election: state.election?.id, ballot: outcome.ballot, seed: bytesToHex(outcome.seed) },
        null,
        2,
      ),
    );
  return [
    screenHeading(t().auditTitle),
    // never a green "passed" box here: nothing was cast, and a voter must not leave believing they voted
    outcome.passed ? noticeBox(t().auditPassed, 'audit-result') : alertBox(t().auditFailed),
    h('p', { class: 'note' }, t().auditDiscarded),
    h('p', { class: 'label' }, t().trackingCode),
    h('p', { class: 'tracking-code' }, outcome.trackingCode),
    outcome.opened ? h('h2', null, t().auditContents) : null,
    outcome.opened ? choicesView(questions, outcome.opened, 'audit-choices') : null,
    h('h2', null, t().auditSeed),
    h('p', { id: 'audit-seed' }, hexBlock(bytesToHex(outcome.seed))),
    h(
      'div',
      { class: 'actions' },
      button(
        t().auditFresh,
        () => {
          delete state.audit;
          booth.go('review');
        },
        { id: 'fresh-ballot' },
      ),
      button(t().auditDownload, download, { kind: 'secondary', id: 'download-audit' }),
    ),
  ];
}
