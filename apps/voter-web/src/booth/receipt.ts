// The receipt: the tracking code, the QR code of the verification link (the seed rides in its fragment), the
// receipt file (no seed: it shows the ballot is on the board without revealing the vote), and re-voting in plain words.
import { trackingCode } from '@saylau/protocol';
import { type Child, downloadFile, h } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { qrSvg } from '../qr.ts';
import { alertBox, button, hexBlock, screenHeading, statusBox, successBox } from '../ui.ts';
import { verifyUrl } from '../verify-link.ts';
import { type Booth, forgetVoter } from './state.ts';

export function receiptScreen(booth: Booth): Child[] {
  const { state } = booth;
  const outcome = state.cast;
  const election = state.election;
  if (!outcome || !election) return [];
  const { receipt } = outcome;
  const link = verifyUrl(location.origin, { election: election.id, ballotHash: receipt.ballotHash, seed: outcome.seed });
  const code = trackingCode(receipt.ballotHash);
  const download = (): void =>
    downloadFile(
      `saylau-receipt-${code}.json`,
      JSON.stringify(
        {
          type: 'saylau-receipt',
          version: 1,
          election: election.id,
          fingerprint: election.fingerprintHex,
          trackingCode: code,
          receipt: outcome.receiptJson,
        },
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
  const linkId = 'verify-link';
  return [
    screenHeading(t().receiptTitle),
    h('p', null, t().receiptIntro, receipt.supersedes ? ` ${t().receiptReplaces}` : ''),
    h('p', { class: 'label' }, t().trackingCode),
    h('p', { class: 'tracking-code', id: 'tracking-code' }, code),
    h('p', { class: 'label' }, t().ballotHash),
    h('p', { id: 'ballot-hash' }, hexBlock(receipt.ballotHash)),
    boardStatus,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'qr-title' },
      h('h2', { id: 'qr-title' }, t().qrTitle),
      h('p', null, t().qrExplain),
      h('figure', { class: 'qr-figure' }, qrSvg(link, t().qrAlt)),
      h('label', { for: linkId, class: 'verify-link-label' }, t().verifyLink),
      h('input', { id: linkId, class: 'verify-link', type: 'text', readonly: true, value: link, spellcheck: 'false' }),
    ),
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
