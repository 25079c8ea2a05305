// The console's voting step: the commission's decision signed by the members (spec §4.4) when the definition names
// them; "open" with a confirmation of what will happen; live turnout per district and the signed board state to
// publish; "close" (plainly from the period's end, early with the commission's signature before it: one member's when
// that is the threshold, else collected member by member, voting/early-close.ts); after close,
// the paper voters' import with its report and the paper results, entered and signed by the members.
import { type DecisionStatement, OPEN_GRACE_MS, periodOf } from '@saylau/protocol';
import { h, replaceChildren } from '../../dom.ts';
import { statusBox } from '../../ui.ts';
import type { ConsoleElection, Step, StepContext } from '../step.ts';
import { VOTING_TEXTS, type VotingTexts } from '../texts/voting.ts';
import { actionBlock, failureText, pastOutcome, StepRefusal } from './kit/action.ts';
import { electionPath, localTime, memberOf, verifiedBoard } from './kit/election.ts';
import { draftStore } from './kit/poll.ts';
import { closeRoute, closeVoting } from './voting/close.ts';
import { earlyClosePanel } from './voting/early-close.ts';
import { livePanels } from './voting/live.ts';
import { paperResultsPanel } from './voting/paper-results.ts';
import { paperVotersPanel } from './voting/paper-voters.ts';
import { readStatement, StatementMismatch, type StatementStatus, signStatement } from './voting/statements.ts';

const AFTER_CEREMONY = new Set(['ready', 'open', 'closed', 'processed', 'decrypted', 'published']);
const reasonKey = (eid: string) => `saylau.console.early-reason.${eid}`;

/** The decision's facts in words, as the member reads them before signing (the CLI's describeStatement). */
function describeDecision(
  election: ConsoleElection,
  context: StepContext,
  m: VotingTexts,
  statement: Record<string, unknown>,
): HTMLElement {
  const s = statement as DecisionStatement;
  const total = Object.values(s.registerSizes).reduce((a, b) => a + b, 0);
  const at = (t: string) => localTime(election, t, context.language);
  return h(
    'ul',
    { id: 'decision-statement', class: 'facts' },
    h('li', null, `${m.decisionFingerprint}: `, h('code', { class: 'hex' }, s.fingerprint)),
    h('li', null, `${m.decisionPeriod}: ${at(s.votingPeriod.opens)} — ${at(s.votingPeriod.closes)}`),
    h(
      'li',
      null,
      m.decisionRegister(
        total,
        Object.entries(s.registerSizes)
          .map(([d, n]) => `${election.definition.districts.find((x) => x.id === d)?.name[context.language] ?? d} ${n}`)
          .join(', '),
      ),
    ),
    h('li', null, m.decisionCredentials(s.credentialList.count, s.credentialList.digest)),
    s.trustees.map((t) => h('li', null, m.decisionTrusteeKey(t.trustee, t.publicKey))),
    h('li', null, m.decisionElectionKey(s.electionKey)),
  );
}

interface ReadyFacts {
  readonly decision: 'none' | 'published' | { readonly pending: StatementStatus } | { readonly notYet: string };
  readonly registerFrozen: boolean;
}

/** Before opening: whether the register is frozen (its event is on the board) and where the decision stands. */
async function readyFacts(context: StepContext): Promise<ReadyFacts> {
  const { election } = context;
  const board = await verifiedBoard(context.api, election);
  const registerFrozen = board.events.some((e) => e.type === 'register');
  if (!election.definition.commission) return { decision: 'none', registerFrozen };
  const answer = await readStatement(context, election, 'decision');
  if (answer.kind === 'published') return { decision: 'published', registerFrozen };
  if (answer.kind === 'none') return { decision: { notYet: `${answer.code}: ${answer.why}` }, registerFrozen };
  return { decision: { pending: answer.status }, registerFrozen };
}

function decisionPanel(context: StepContext, m: VotingTexts, facts: ReadyFacts): HTMLElement {
  const { election, language } = context;
  const commission = election.definition.commission;
  const panel = h(
    'section',
    { class: 'panel stack', id: 'decision', 'aria-labelledby': 'decision-title' },
    h('h3', { id: 'decision-title' }, m.decisionTitle),
  );
  if (!commission || facts.decision === 'none') {
    panel.append(h('p', null, m.decisionNone));
    return panel;
  }
  if (facts.decision === 'published') {
    panel.append(
      h('p', { id: 'decision-published' }, m.decisionPublished),
      pastOutcome(language, election.id, 'decision-sign') ?? '',
    );
    return panel;
  }
  if ('notYet' in facts.decision) {
    panel.append(h('p', null, facts.registerFrozen ? facts.decision.notYet : m.decisionNotYet(m.openNotFrozen)));
    return panel;
  }
  const status = facts.decision.pending;
  const me = memberOf(election, context.member);
  panel.append(
    h('p', null, m.decisionIntro(status.threshold)),
    describeDecision(election, context, m, status.statement),
    h('p', { id: 'decision-signers' }, m.signers(status.signers.length, status.threshold, status.signers)),
    actionBlock(language, election.id, {
      id: 'decision-sign',
      label: m.sign,
      blocked: me === null ? m.signNotMember : status.signers.includes(me.id) ? m.signAlready : null,
      run: async () => {
        try {
          const posted = await signStatement(context, election, 'decision', status);
          return (l) => [VOTING_TEXTS[l].signed(posted.signers.length, posted.threshold, posted.published)];
        } catch (error) {
          if (error instanceof StatementMismatch) throw new StepRefusal((l) => VOTING_TEXTS[l].mismatch);
          throw error;
        }
      },
      after: () => context.refresh(),
    }),
  );
  return panel;
}

function openBlock(context: StepContext, m: VotingTexts, facts: ReadyFacts): HTMLElement {
  const { election, language } = context;
  const period = periodOf(election.definition);
  const now = Date.now();
  const at = (t: number | string) => localTime(election, t, language);
  const commission = election.definition.commission;
  let blocked: string | null = null;
  if (election.state !== 'ready') blocked = m.openWrongState;
  else if (!facts.registerFrozen) blocked = m.openNotFrozen;
  else if (commission && facts.decision !== 'published') blocked = m.openNeedsDecision(commission.threshold);
  else if (now < period.opens - OPEN_GRACE_MS) blocked = m.openTooEarly(at(period.opens - OPEN_GRACE_MS));
  else if (now >= period.closes) blocked = m.openTooLate(at(period.closes));
  const from = at(Math.max(now, period.opens));
  return actionBlock(language, election.id, {
    id: 'voting-open',
    label: m.open,
    blocked,
    confirm: { title: m.openConfirmTitle, lines: m.openConfirmLines(from, at(period.closes)), confirmLabel: m.openConfirm },
    run: async () => {
      await context.api.post(`${electionPath(election)}/open`, {});
      return (l) => [VOTING_TEXTS[l].opened];
    },
    after: () => context.refresh(),
  });
}

function closeBlock(context: StepContext, m: VotingTexts): HTMLElement {
  const { election, language, member } = context;
  const closes = localTime(election, election.definition.votingPeriod.closes, language);
  const route = closeRoute(election, member, Date.now());
  if (route.kind === 'collect' && election.state === 'open') return earlyClosePanel(context, route);
  const slot = h('div');
  let reason = draftStore.get(reasonKey(election.id)) ?? '';
  const render = () => {
    let blocked: string | null = null;
    if (election.state !== 'open') blocked = m.closeWrongState;
    else if (route.kind === 'no-commission') blocked = m.closeNoCommission(closes);
    else if (route.kind === 'not-a-member') blocked = m.closeNotMember(closes);
    else if (route.kind === 'collect') blocked = m.closeWrongState;
    else if (route.kind === 'early' && reason.trim() === '') blocked = m.closeNeedsReason;
    const early = route.kind !== 'plain';
    replaceChildren(
      slot,
      actionBlock(language, election.id, {
        id: 'voting-close',
        label: early ? m.closeEarly : m.close,
        blocked,
        confirm: { title: m.closeConfirmTitle, lines: m.closeConfirmLines(early), confirmLabel: m.closeConfirm },
        run: async () => {
          const answer = await closeVoting(context, election, route, reason);
          return (l) => [VOTING_TEXTS[l].closed(answer.early)];
        },
        after: () => context.refresh(),
      }),
    );
  };
  const parts: HTMLElement[] = [];
  if (route.kind === 'early' && election.state === 'open') {
    const area = h('textarea', {
      id: 'early-reason',
      rows: 2,
      maxlength: 1000,
      on: {
        input: () => {
          const had = reason.trim() !== '';
          reason = area.value;
          draftStore.set(reasonKey(election.id), reason);
          if (had !== (reason.trim() !== '')) render();
        },
      },
    });
    area.value = reason;
    parts.push(h('div', { class: 'field' }, h('label', { for: 'early-reason' }, m.closeReasonLabel), area));
  }
  render();
  return h('div', { class: 'stack', id: 'close' }, parts, slot);
}

async function render(host: HTMLElement, context: StepContext): Promise<void> {
  const { election, language } = context;
  const m = VOTING_TEXTS[language];
  const period = periodOf(election.definition);
  const root = h(
    'div',
    { class: 'stack' },
    h('h2', { id: 'step-title', tabindex: -1 }, m.title),
    h(
      'p',
      { id: 'voting-period' },
      m.period(localTime(election, period.opens, language), localTime(election, period.closes, language)),
    ),
  );
  replaceChildren(host, root);
  if (election.state === 'ready') {
    const waiting = statusBox('…');
    root.append(waiting);
    let facts: ReadyFacts;
    try {
      facts = await readyFacts(context);
    } catch (error) {
      waiting.replaceWith(statusBox(failureText(error, language)));
      return;
    }
    waiting.replaceWith(decisionPanel(context, m, facts), openBlock(context, m, facts));
    return;
  }
  const done = pastOutcome(language, election.id, election.state === 'open' ? 'voting-open' : 'voting-close');
  if (done) root.append(done);
  root.append(livePanels(context, election.state === 'open'));
  if (election.state === 'open') root.append(closeBlock(context, m));
  else root.append(paperVotersPanel(context), paperResultsPanel(context) ?? '');
}

export const votingStep: Step = {
  id: 'voting',
  available: (election, language) =>
    AFTER_CEREMONY.has(election.state) ? { ok: true } : { ok: false, why: VOTING_TEXTS[language].unavailable },
  render,
};

export default votingStep;
