// The paper voters' import after close: the clerk picks the CSV (voter_id column), the console reads it with the
// documents package's reader (the CLI's), shows what it read and every problem with its line, imports the ids (POST
// …/paper-voters); with a commission the list waits for the members' signatures, which the member gives here.
import { readVoterIdsFile } from '@saylau/documents';
import { h, replaceChildren } from '../../../dom.ts';
import { statusBox } from '../../../ui.ts';
import type { StepContext } from '../../step.ts';
import { VOTING_TEXTS } from '../../texts/voting.ts';
import { actionBlock, failureText } from '../kit/action.ts';
import { electionPath, memberOf } from '../kit/election.ts';
import { readStatement, signStatement } from './statements.ts';

interface ReadFile {
  readonly ids: readonly string[];
  readonly malformed: number;
  readonly view: HTMLElement;
}

export function paperVotersPanel(context: StepContext): HTMLElement {
  const { election, language } = context;
  const m = VOTING_TEXTS[language];
  const section = h(
    'section',
    { class: 'panel stack', 'aria-labelledby': 'paper-title', id: 'paper-voters' },
    h('h3', { id: 'paper-title' }, m.paperTitle),
    h('p', null, m.paperIntro),
  );
  if (election.state !== 'closed') {
    section.append(h('p', null, m.paperOnlyClosed));
    return section;
  }
  let read: ReadFile | null = null;
  const report = h('div', { id: 'paper-report' });
  const importSlot = h('div');
  const signSlot = h('div', { id: 'paper-sign' });

  const showImport = () =>
    replaceChildren(
      importSlot,
      actionBlock(language, election.id, {
        id: 'paper-voters-import',
        label: m.paperImport,
        blocked:
          read === null
            ? m.paperNeedsFile
            : read.malformed > 0
              ? m.paperMalformed
              : read.ids.length === 0
                ? m.paperNeedsIds
                : null,
        run: async () => {
          const answer = await context.api.post<{ cancelled: number; staged?: number }>(
            `${electionPath(election)}/paper-voters`,
            {
              voterIds: read?.ids ?? [],
            },
          );
          return (l) => [
            answer.staged === undefined
              ? VOTING_TEXTS[l].paperCancelled(answer.cancelled)
              : VOTING_TEXTS[l].paperStaged(answer.staged),
          ];
        },
        after: () => showSigning(),
      }),
    );

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = readVoterIdsFile(new Uint8Array(await file.arrayBuffer()));
      const malformed = result.problems.filter((p) => p.kind === 'malformed').length;
      const view = h(
        'div',
        { class: 'stack' },
        h('p', { id: 'paper-note' }, result.note),
        h('p', { id: 'paper-count', 'data-count': result.ids.length }, m.paperRead(result.ids.length)),
        result.problems.length === 0
          ? null
          : h(
              'div',
              null,
              h('p', null, m.paperProblems(result.problems.length)),
              h(
                'ul',
                { id: 'paper-problems' },
                result.problems.map((p) => h('li', { 'data-line': p.line, 'data-kind': p.kind }, m.paperLine(p.line, p.message))),
              ),
            ),
      );
      read = { ids: result.ids, malformed, view };
      replaceChildren(report, view);
    } catch (error) {
      read = null;
      // a file that cannot be read safely (DocumentError): its message names the line to look at
      replaceChildren(
        report,
        h(
          'div',
          { class: 'alert alert-error', role: 'alert' },
          m.paperUnreadable(error instanceof Error ? error.message : String(error)),
        ),
      );
    }
    showImport();
  };

  const showSigning = async () => {
    try {
      const answer = await readStatement(context, election, 'paper-voters');
      if (answer.kind !== 'pending') return replaceChildren(signSlot);
      const { status } = answer;
      const credentials = Array.isArray(status.statement.credentials) ? status.statement.credentials.length : 0;
      const me = memberOf(election, context.member);
      let published = false;
      replaceChildren(
        signSlot,
        h('p', null, m.paperPending(credentials)),
        h('p', null, m.paperSignIntro),
        h('p', null, m.signers(status.signers.length, status.threshold, status.signers)),
        actionBlock(language, election.id, {
          id: 'paper-voters-sign',
          label: m.sign,
          blocked: me === null ? m.signNotMember : status.signers.includes(me.id) ? m.signAlready : null,
          run: async () => {
            const posted = await signStatement(context, election, 'paper-voters', status);
            published = posted.published;
            return (l) => [
              VOTING_TEXTS[l].signed(posted.signers.length, posted.threshold, posted.published),
              ...(posted.published ? [VOTING_TEXTS[l].paperPublished(credentials)] : []),
            ];
          },
          // once published the list is no longer pending: the outcome stays in view
          after: () => (published ? undefined : showSigning()),
        }),
      );
    } catch (error) {
      replaceChildren(signSlot, statusBox(failureText(error, language)));
    }
  };

  const input = h('input', {
    id: 'paper-voters-file',
    type: 'file',
    accept: '.csv,text/csv,text/plain',
    on: { change: () => void onFile(input.files?.[0]) },
  });
  section.append(
    h('div', { class: 'field' }, h('label', { for: 'paper-voters-file' }, m.paperFileLabel), input),
    report,
    importSlot,
    signSlot,
  );
  showImport();
  void showSigning();
  return section;
}
