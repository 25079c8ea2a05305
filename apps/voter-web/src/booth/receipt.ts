// The receipt: the tracking code, the receipt file (spec §3.6.7: it shows the ballot is on the board and cannot open
// it), the QR code of the verification link once the sealed seed is registered (the key k rides in its fragment and
// is shown on screen only), and re-voting in plain words.
import { isPractice, receiptFile, trackingCode, verificationUrl } from '@saylau/protocol';
import { type Child, downloadFile, h } from '../dom.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { qrSvg } from '../qr.ts';
import { alertBox, button, hexBlock, screenHeading, statusBox, successBox } from '../ui.ts';
import { type Booth, type CastOutcome, forgetVoter } from './state.ts';
import { registerVerification } from './verification.ts';

/** The second-device panel: waiting for the server to hold the seal, the QR code and link, or what went wrong. */
function verificationPanel(booth: Booth, outcome: CastOutcome): HTMLElement {
  const setup = outcome.verification;
  const linkId = 'verify-link';
  const link = verificationUrl(location.origin, setup.link);
  const body: Child[] =
    setup.state === 'ok'
      ? [
          h('p', null, t().qrExplain),
          setup.maxFetches !== undefined && setup.windowEndsAt !== undefined
            ? h('p', { id: 'qr-window' }, t().qrWindow(setup.maxFetches, formatDateTime(setup.windowEndsAt)))
            : null,
          h('figure', { class: 'qr-figure' }, qrSvg(link, t().qrAlt)),
          h('label', { for: linkId, class: 'verify-link-label' }, t().verifyLink),
          h('input', { id: linkId, class: 'verify-link', type: 'text', readonly: true, value: link, spellcheck: 'false' }),
        ]
      : setup.state === 'pending'
        ? [statusBox(t().qrPreparing)]
        : [
            alertBox(setup.error ? setup.error() : t().qrFailed),
            h(
              'div',
              { class: 'actions' },
              button(t().qrRetry, () => void registerVerification(booth, outcome), { id: 'retry-verification' }),
            ),
          ];
  return h(
    'section',
    { class: 'panel', id: 'verification', 'data-state': setup.state, 'aria-labelledby': 'qr-title' },
    h('h2', { id: 'qr-title' }, t().qrTitle),
    ...body,
  );
}

export function receiptScreen(booth: Booth): Child[] {
  const { state } = booth;
  const outcome = state.cast;
  const election = state.election;
  if (!outcome || !election) return [];
  const { receipt } = outcome;
  const code = trackingCode(receipt.ballotHash);
  const download = (): void =>
    downloadFile(
      `saylau-receipt-${code}.json`,
      JSON.stringify(
        receiptFile(outcome.receiptJson, {
          election: election.id,
          fingerprint: election.fingerprintHex,
          server: location.origin,
        }),
        null,
        2,
      ),
    );
  const boardStatus =
    outcome.boardCheck === 'pending'
      ? statusBox(t().receiptChecking)
      : outcome.boardCheck === 'ok'
        ? successBox(t().receiptChecked)
        : alertBox(t().receiptCheckFailed);
  boardStatus.id = 'board-check';
  boardStatus.dataset.state = outcome.boardCheck;
  return [
    screenHeading(t().receiptTitle),
    booth.state.election && isPractice(booth.state.election.definition)
      ? h('p', { class: 'practice-note', id: 'practice-receipt' }, t().practiceReceipt)
      : null,
    h('p', null, t().receiptIntro, receipt.supersedes ? ` ${t().receiptReplaces}` : ''),
    h('p', { class: 'label' }, t().trackingCode),
    h('p', { class: 'tracking-code', id: 'tracking-code' }, code),
    h('p', { class: 'label' }, t().ballotHash),
    h('p', { id: 'ballot-hash' }, hexBlock(receipt.ballotHash)),
    boardStatus,
    verificationPanel(booth, outcome),
    h('div', { class: 'actions' }, button(t().downloadReceipt, download, { kind: 'secondary', id: 'download-receipt' })),
    h('p', { class: 'note' }, t().receiptFileNote),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'revote-title' },
      h('h2', { id: 'revote-title' }, t().revoteTitle),
      h('p', { id: 'revote-text' }, t().revoteText),
    ),
    h(
      'div',
      { class: 'actions' },
      button(
        t().voteAgain,
        () => {
          delete state.cast;
          state.choices = {};
          booth.go('ballot');
        },
        { id: 'vote-again' },
      ),
      button(
        t().logOut,
        () => {
          forgetVoter(state);
          booth.go('logged-out');
        },
        { kind: 'secondary', id: 'log-out' },
      ),
    ),
  ];
}

export function loggedOutScreen(): Child[] {
  return [screenHeading(t().loggedOut)];
}
