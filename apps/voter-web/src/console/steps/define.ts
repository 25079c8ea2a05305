// Step "define": the election's definition — a form and a YAML editor kept in sync, live validation with the
// protocol's own checks, the ballot preview per district and language, and "create" (POST /api/elections).
import type { Language } from '@saylau/protocol';
import { h, replaceChildren } from '../../dom.ts';
import type { ConsoleApi, SignedInMember, Step } from '../step.ts';

/** What the shell gives the define step before an election exists ("new election"). */
export interface NewElectionContext {
  readonly language: Language;
  readonly api: ConsoleApi;
  readonly member: SignedInMember;
  /** Called with the new election's id once the server created it. */
  created(id: string): void;
  onLeave(stop: () => void): void;
}

export function renderNewElection(host: HTMLElement, _context: NewElectionContext): void {
  replaceChildren(host, h('h2', { id: 'step-title', tabindex: -1 }, 'Define'));
}

export const defineStep: Step = {
  id: 'define',
  available: () => ({ ok: true }),
  render(host) {
    replaceChildren(host, h('h2', { id: 'step-title', tabindex: -1 }, 'Define'));
  },
};
