// The voter file as the register step read it, kept in this page's memory for the letters step (the letters need
// the names, languages and addresses the server never receives); and whether the register is frozen, read from the
// public board (the `register` event is published when the credentials are issued, which freezes it).
import type { RegisterReport } from '@saylau/documents';
import type { ConsoleApi, ConsoleElection } from '../../step.ts';

/** Never in storage: the file holds personal data. A reload asks for the file again. */
const remembered = new Map<string, { readonly name: string; readonly report: RegisterReport }>();

export function rememberVoterFile(election: string, name: string, report: RegisterReport): void {
  remembered.set(election, { name, report });
}

export function rememberedVoterFile(election: string): { readonly name: string; readonly report: RegisterReport } | undefined {
  return remembered.get(election);
}

const BEFORE_OPEN = new Set(['draft', 'key-ceremony', 'ready']);

/** Whether credentials were issued (the register frozen): from `open` on always; before, the board says. */
export async function registerFrozen(api: ConsoleApi, election: ConsoleElection): Promise<boolean> {
  if (!BEFORE_OPEN.has(election.state)) return true;
  const path = `/api/elections/${encodeURIComponent(election.id)}/board`;
  for (let from = 0; ; ) {
    const page = await api.get<{ events: { type?: unknown }[]; treeSize: number }>(`${path}?from=${from}&limit=1000`);
    if (page.events.some((e) => e.type === 'register')) return true;
    from += page.events.length;
    if (page.events.length === 0 || from >= page.treeSize) return false;
  }
}

/** Registered voters in all districts. */
export function registeredTotal(election: ConsoleElection): number {
  return Object.values(election.registerSizes ?? {}).reduce((a, b) => a + b, 0);
}
