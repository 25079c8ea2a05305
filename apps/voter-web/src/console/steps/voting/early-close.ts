// The early close collected from members in different places (spec §4.5.4, threshold above 1): a member proposes it
// with a reason (POST …/early-close), each member reads the pending statement in plain words — reason, time in the
// election's zone, who signed — and signs it with their own key only when it names this election, a reason and a time
// within the last 24 hours; once the threshold stands, "close" sends { early: "collected" } after its confirmation.
import { EARLY_CLOSE_MAX_AGE_MS, earlyCloseSigningRefusal } from '@saylau/protocol';
import { h, replaceChildren } from '../../../dom.ts';
import { statusBox } from '../../../ui.ts';
import type { StepContext } from '../../step.ts';
import { VOTING_TEXTS } from '../../texts/voting.ts';
import { actionBlock, failureText, StepRefusal } from '../kit/action.ts';
import { electionPath, localTime, memberOf } from '../kit/election.ts';
import { draftStore } from '../kit/poll.ts';
import { type CloseRoute, closeVoting } from './close.ts';
import { EarlyCloseRefused, readStatement, type StatementStatus, signStatement } from './statements.ts';

const reasonKey = (eid: string) => `saylau.console.early-reason.${eid}`;

export function earlyClosePanel(context: StepContext, route: Extract<CloseRoute, { kind: 'collect' }>): HTMLElement {
  const { election, language } = context;
  const m = VOTING_TEXTS[language];
  const closes = localTime(election, election.definition.votingPeriod.closes, language);
  const body = h('div', { class: 'stack' }, statusBox('…'));
  const section = h(
    'section',
    { class: 'panel stack', id: 'early-close', 'aria-labelledby': 'early-close-title' },
    h('h3', { id: 'early-close-title' }, m.earlyTitle),
    h('p', null, m.earlyIntro(closes, route.threshold)),
    body,
  );

  const proposeForm = (): HTMLElement => {
    let reason = draftStore.get(reasonKey(election.id)) ?? '';
    const slot = h('div');
    const show = () =>
      replaceChildren(
        slot,
        actionBlock(language, election.id, {
          id: 'early-propose',
          label: m.earlyPropose,
          blocked: reason.trim() === '' ? m.closeNeedsReason : null,
          run: async () => {
            await context.api.post(`${electionPath(election)}/early-close`, { reason: reason.trim() });
            draftStore.set(reasonKey(election.id), '');
            return (l) => [VOTING_TEXTS[l].earlyProposed];
          },
          after: () => void load(),
        }),
      );
    const area = h('textarea', {
      id: 'early-reason',
      rows: 2,
      maxlength: 1000,
      on: {
        input: () => {
          const had = reason.trim() !== '';
          reason = area.value;
          draftStore.set(reasonKey(election.id), reason);
          if (had !== (reason.trim() !== '')) show();
        },
      },
    });
    area.value = reason;
    show();
    return h(
      'div',
      { class: 'stack' },
      h('div', { class: 'field' }, h('label', { for: 'early-reason' }, m.earlyReasonLabel), area),
      slot,
    );
  };

  const pendingView = (status: StatementStatus): HTMLElement[] => {
    const s = status.statement as { fingerprint?: unknown; reason?: unknown; at?: unknown };
    const refusal = earlyCloseSigningRefusal(election.fingerprint, status.statement, Date.now());
    const stale = typeof s.at === 'string' && Date.parse(s.at) < Date.now() - EARLY_CLOSE_MAX_AGE_MS;
    const me = memberOf(election, context.member);
    const enough = status.signers.length >= status.threshold;
    const parts: HTMLElement[] = [
      h('p', null, m.earlyPending),
      h(
        'ul',
        { id: 'early-statement', class: 'facts' },
        h('li', null, m.earlyReason(String(s.reason ?? ''))),
        h(
          'li',
          null,
          m.earlyAt(
            typeof s.at === 'string' && !Number.isNaN(Date.parse(s.at)) ? localTime(election, s.at, language) : String(s.at),
          ),
        ),
        h('li', null, `${m.decisionFingerprint}: `, h('code', { class: 'hex' }, String(s.fingerprint ?? ''))),
      ),
      h('p', { id: 'early-signers' }, m.signers(status.signers.length, status.threshold, status.signers)),
    ];
    if (refusal !== null) {
      parts.push(
        h(
          'div',
          { class: 'alert alert-error', role: 'alert', id: 'early-refused', 'data-code': refusal.code },
          stale ? m.earlyStale : m.earlyRefused(m.earlyWhy[refusal.code]),
        ),
      );
    }
    parts.push(
      actionBlock(language, election.id, {
        id: 'early-sign',
        label: m.sign,
        blocked:
          me === null
            ? m.signNotMember
            : status.signers.includes(me.id)
              ? m.signAlready
              : refusal !== null
                ? stale
                  ? m.earlyStale
                  : m.earlyRefused(m.earlyWhy[refusal.code])
                : null,
        run: async () => {
          try {
            const posted = await signStatement(context, election, 'early-close', status);
            return (l) => [VOTING_TEXTS[l].signed(posted.signers.length, posted.threshold, false)];
          } catch (error) {
            if (error instanceof EarlyCloseRefused) {
              const { code } = error.refusal;
              throw new StepRefusal((l) => VOTING_TEXTS[l].earlyRefused(VOTING_TEXTS[l].earlyWhy[code]));
            }
            throw error;
          }
        },
        after: () => void load(),
      }),
      actionBlock(language, election.id, {
        id: 'voting-close',
        label: m.closeEarly,
        blocked: stale ? m.earlyStale : enough ? null : m.earlyNeedsSignatures(status.signers.length, status.threshold),
        confirm: { title: m.closeConfirmTitle, lines: m.closeConfirmLines(true), confirmLabel: m.closeConfirm },
        run: async () => {
          const answer = await closeVoting(context, election, route, '');
          return (l) => [VOTING_TEXTS[l].closed(answer.early)];
        },
        after: () => context.refresh(),
      }),
    );
    // a proposal nobody has signed, or one too old to close with, may be replaced
    if (status.signers.length === 0 || stale) parts.push(h('p', { class: 'hint' }, m.earlyReplace), proposeForm());
    return parts;
  };

  const load = async () => {
    try {
      const answer = await readStatement(context, election, 'early-close');
      if (answer.kind === 'pending') replaceChildren(body, ...pendingView(answer.status));
      else replaceChildren(body, h('p', { id: 'early-none' }, m.earlyNone), proposeForm());
    } catch (error) {
      replaceChildren(body, statusBox(failureText(error, language)));
    }
  };
  void load();
  return section;
}
