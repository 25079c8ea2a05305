// The election's actions log (GET /api/commission/actions?election=ID) in a folded panel: who did what and when,
// in the member's local time with its time zone (the protocol's formatter), newest first.
import { formatLocalDateTime, type Language } from '@saylau/protocol';
import { type Action, ActionsAnswer } from '@saylau/protocol/commission-client';
import { h } from '../../dom.ts';
import { alertBox, statusBox } from '../../ui.ts';
import type { ConsoleApi } from '../step.ts';
import { SHELL_TEXTS } from '../texts/shell.ts';
import { errorText } from './errors.ts';

/** A time in this device's own time zone, with the zone. */
export function localDateTime(iso: string, language: Language): string {
  return formatLocalDateTime(iso, language, -new Date(iso).getTimezoneOffset());
}

function who(action: Action, language: Language): string {
  if (action.actor.kind === 'admin-token') return SHELL_TEXTS[language].adminToken;
  return `${action.actor.name} (${action.actor.member})`;
}

/** The folded panel; it loads when opened, and again each time it is opened. */
export function actionsLog(api: ConsoleApi, election: string, language: Language): HTMLElement {
  const s = SHELL_TEXTS[language];
  const body = h('div', { id: 'actions-body' });
  const load = async (): Promise<void> => {
    body.replaceChildren(statusBox(s.loading));
    try {
      const answer = ActionsAnswer.parse(await api.get(`/api/commission/actions?election=${encodeURIComponent(election)}`));
      const actions = [...answer.actions].reverse();
      body.replaceChildren(
        actions.length === 0
          ? h('p', null, s.actionsEmpty)
          : h(
              'div',
              { class: 'table-scroll' },
              h(
                'table',
                { id: 'actions-table' },
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    h('th', { scope: 'col' }, s.actionsWhen),
                    h('th', { scope: 'col' }, s.actionsWho),
                    h('th', { scope: 'col' }, s.actionsWhat),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  actions.map((a) =>
                    h(
                      'tr',
                      null,
                      h('td', null, localDateTime(a.at, language)),
                      h('td', null, who(a, language)),
                      h('td', null, h('code', null, `${a.method} ${a.route}`), ' ', a.status === null ? '…' : String(a.status)),
                    ),
                  ),
                ),
              ),
            ),
      );
    } catch (error) {
      body.replaceChildren(alertBox(errorText(error, language)));
    }
  };
  const details = h('details', { id: 'actions-log', class: 'actions-log' }, h('summary', null, s.actionsLog), body);
  details.addEventListener('toggle', () => {
    if (details.open) void load();
  });
  return details;
}
