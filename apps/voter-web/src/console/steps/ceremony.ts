// The console's key ceremony step: name the trustees (their number and the threshold are the definition's), start
// (POST …/ceremony) and hand each trustee its invitation link to the trustee's page; watch every trustee enroll, deal,
// verify its shares and complain (the public ceremony endpoint, every few seconds); finish when the protocol's
// qualification says the ceremony can (POST …/ceremony/finish).
import { fetchCeremony } from '@saylau/protocol/trustee-client';
import { h, replaceChildren } from '../../dom.ts';
import { invitationLink } from '../../trustee-page/link.ts';
import { hexBlock, statusBox } from '../../ui.ts';
import type { ConsoleElection, Step, StepContext } from '../step.ts';
import { CEREMONY_TEXTS, type CeremonyTexts } from '../texts/ceremony.ts';
import { type CeremonyProgress, ceremonyProgress, type FinishBlock } from './ceremony/progress.ts';
import { actionBlock, failureText, pastOutcome } from './kit/action.ts';
import { electionPath, transportOf } from './kit/election.ts';
import { draftStore, poll } from './kit/poll.ts';
import { KIT_TEXTS } from './kit/texts.ts';

const POLL_MS = 3000;

interface Invitation {
  readonly trustee: number;
  readonly name: string;
  readonly link: string;
}

const namesKey = (eid: string) => `saylau.console.trustee-names.${eid}`;
const invitationsKey = (eid: string) => `saylau.console.invitations.${eid}`;

function storedInvitations(eid: string): Invitation[] | null {
  const text = draftStore.get(invitationsKey(eid));
  if (!text) return null;
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? (parsed as Invitation[]) : null;
}

function finishBlockText(m: CeremonyTexts, block: FinishBlock): string {
  switch (block.kind) {
    case 'not-started':
      return m.finishNotStarted;
    case 'over':
      return m.finishOver;
    case 'absent':
      return m.finishAbsent(block.trustees);
    case 'unacknowledged':
      return m.finishUnacknowledged(block.trustees);
    case 'too-few':
      return m.finishTooFew(block.qualified, block.needed);
  }
}

function startForm(context: StepContext, m: CeremonyTexts): HTMLElement {
  const { election, language } = context;
  const count = election.definition.trustees.count;
  const saved = JSON.parse(draftStore.get(namesKey(election.id)) ?? '[]') as unknown;
  const names: string[] = Array.from({ length: count }, (_, i) =>
    Array.isArray(saved) && typeof saved[i] === 'string' ? saved[i] : '',
  );
  const slot = h('div');
  const renderAction = () =>
    replaceChildren(
      slot,
      actionBlock(language, election.id, {
        id: 'ceremony-start',
        label: m.start,
        blocked: election.state !== 'draft' ? m.startNotDraft : names.some((n) => n.trim() === '') ? m.startNeedsNames : null,
        run: async () => {
          const trimmed = names.map((n) => n.trim());
          const answer = await context.api.post<{ enrollment: { trustee: number; token: string }[] }>(
            `${electionPath(election)}/ceremony`,
            { trustees: trimmed.map((name) => ({ name })) },
          );
          const invitations: Invitation[] = answer.enrollment.map(({ trustee, token }) => ({
            trustee,
            name: trimmed[trustee - 1] ?? '',
            link: invitationLink(location.origin, { election: election.id, trustee, token }),
          }));
          draftStore.set(invitationsKey(election.id), JSON.stringify(invitations));
          return (l) => [CEREMONY_TEXTS[l].started(invitations.length)];
        },
        after: () => context.refresh(),
      }),
    );
  const fields = names.map((value, i) => {
    const id = `trustee-name-${i + 1}`;
    const input = h('input', {
      id,
      type: 'text',
      value,
      autocomplete: 'off',
      required: true,
      on: {
        input: () => {
          const wasBlocked = names.some((n) => n.trim() === '');
          names[i] = input.value;
          draftStore.set(namesKey(election.id), JSON.stringify(names));
          if (wasBlocked !== names.some((n) => n.trim() === '')) renderAction();
        },
      },
    });
    return h('div', { class: 'field' }, h('label', { for: id }, m.nameLabel(i + 1)), input);
  });
  renderAction();
  return h('div', { class: 'stack' }, fields, slot);
}

function invitationList(context: StepContext, m: CeremonyTexts): HTMLElement {
  const kit = KIT_TEXTS[context.language];
  const invitations = storedInvitations(context.election.id);
  if (!invitations)
    return h(
      'section',
      { class: 'panel' },
      h('h3', null, m.invitationsTitle),
      h('p', { id: 'invitations-lost' }, m.invitationsLost),
    );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'invitations-title' },
    h('h3', { id: 'invitations-title' }, m.invitationsTitle),
    h('p', null, m.invitationsIntro),
    invitations.map(({ trustee, name, link }) => {
      const id = `invitation-${trustee}`;
      const input = h('input', { id, type: 'text', readonly: true, value: link, class: 'invitation-link', spellcheck: 'false' });
      const status = h('span', { role: 'status', id: `${id}-copied` });
      const copy = async () => {
        try {
          await navigator.clipboard.writeText(link);
          status.textContent = kit.copied;
        } catch {
          // no clipboard permission: the link is selected for copying by hand, and the page says so
          input.select();
          status.textContent = kit.copyFailed;
        }
      };
      return h(
        'div',
        { class: 'field', 'data-trustee': trustee },
        h('label', { for: id }, m.invitationLabel(trustee, name)),
        input,
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'button', id: `copy-${id}`, class: 'button button-secondary', on: { click: () => void copy() } },
            kit.copy,
          ),
          status,
        ),
      );
    }),
  );
}

function statusTable(
  election: ConsoleElection,
  m: CeremonyTexts,
  language: StepContext['language'],
  progress: CeremonyProgress,
): HTMLElement {
  const kit = KIT_TEXTS[language];
  const yesNo = (b: boolean, column: string) => h('td', { 'data-value': String(b), 'data-label': column }, b ? kit.yes : kit.no);
  const { count, threshold } = election.definition.trustees;
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table', id: 'ceremony-status' },
      h('caption', null, m.statusTitle(threshold, count)),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [m.colTrustee, m.colName, m.colEnrolled, m.colDealt, m.colVerified, m.colComplaints, m.colDisqualified].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        progress.trustees.map((t) =>
          h(
            'tr',
            { 'data-trustee': t.trustee },
            h('th', { scope: 'row' }, String(t.trustee)),
            h('td', { 'data-label': m.colName }, t.name),
            yesNo(t.enrolled, m.colEnrolled),
            yesNo(t.dealt, m.colDealt),
            yesNo(t.acknowledged, m.colVerified),
            h(
              'td',
              { 'data-value': t.complainedAbout.join(','), 'data-label': m.colComplaints },
              t.complainedAbout.length > 0 ? m.complainedAbout(t.complainedAbout) : '—',
            ),
            h('td', { 'data-value': String(t.disqualified !== null), 'data-label': m.colDisqualified }, t.disqualified ?? '—'),
          ),
        ),
      ),
    ),
  );
}

function render(host: HTMLElement, context: StepContext): void {
  const { election, language } = context;
  const m = CEREMONY_TEXTS[language];
  const { count, threshold } = election.definition.trustees;
  const section = h(
    'div',
    { class: 'stack' },
    h('h2', { id: 'step-title', tabindex: -1 }, m.title),
    h('p', null, m.intro(threshold, count)),
  );
  replaceChildren(host, section);
  if (election.state === 'draft') {
    section.append(startForm(context, m));
    return;
  }
  const started = pastOutcome(language, election.id, 'ceremony-start');
  if (started) section.append(started);
  if (election.state === 'key-ceremony') section.append(invitationList(context, m));
  const table = h('div', { id: 'ceremony-live' });
  const finishSlot = h('div');
  const keyNote =
    election.electionKey === null ? null : h('p', { id: 'election-key' }, `${m.electionKey}: `, hexBlock(election.electionKey));
  section.append(table, finishSlot, keyNote ?? '');
  let shownBlock = '';
  const showFinish = (block: FinishBlock | null) => {
    const text = block === null ? '' : finishBlockText(m, block);
    if (text === shownBlock && finishSlot.childElementCount > 0) return;
    shownBlock = text;
    replaceChildren(
      finishSlot,
      actionBlock(language, election.id, {
        id: 'ceremony-finish',
        label: m.finish,
        blocked: block === null ? null : text,
        run: async () => {
          const answer = await context.api.post<{ publicKey: string; qualified: number[]; disqualified: Record<string, string> }>(
            `${electionPath(election)}/ceremony/finish`,
            {},
          );
          return (l) => [
            CEREMONY_TEXTS[l].finished(answer.qualified),
            ...Object.entries(answer.disqualified).map(([x, why]) => CEREMONY_TEXTS[l].disqualified(Number(x), why)),
          ];
        },
        after: () => context.refresh(),
      }),
    );
  };
  const read = async () => {
    try {
      const ceremony = await fetchCeremony(transportOf(context.api), election.id);
      const progress = ceremonyProgress(election, ceremony);
      replaceChildren(table, statusTable(election, m, language, progress));
      showFinish(progress.finish);
    } catch (error) {
      replaceChildren(table, statusBox(`${m.readFailed} ${failureText(error, language)}`));
    }
  };
  // live while the ceremony runs; afterwards it no longer changes
  if (election.state === 'key-ceremony') poll(context, POLL_MS, read);
  else void read();
}

export const ceremonyStep: Step = {
  id: 'ceremony',
  available: () => ({ ok: true }),
  render,
};

export default ceremonyStep;
