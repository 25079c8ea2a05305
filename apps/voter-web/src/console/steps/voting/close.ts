// Closing voting from the console (spec §4.5): a plain close from the period's end on; before it, an early close
// whose statement { fingerprint, reason, at } the commission's threshold of members sign. With a threshold of 1 the
// member signs and closes in one request; with more, the members sign the statement the server collects one by one
// (early-close.ts) and the close request then names the collected signatures.
import { hexToBytes } from '@saylau/crypto';
import { earlyCloseStatement, isEarlyClose, periodOf, signCommissionStatement } from '@saylau/protocol';
import type { ConsoleElection, StepContext } from '../../step.ts';
import { electionPath, memberOf } from '../kit/election.ts';

export type CloseRoute =
  | { readonly kind: 'plain' }
  | { readonly kind: 'early'; readonly member: string }
  | { readonly kind: 'no-commission' }
  | { readonly kind: 'not-a-member' }
  | { readonly kind: 'collect'; readonly member: string; readonly threshold: number };

/** How voting can be closed now by the signed-in member (the browser's clock; the server judges by its own). */
export function closeRoute(election: ConsoleElection, member: StepContext['member'], now: number): CloseRoute {
  if (!isEarlyClose(periodOf(election.definition), now)) return { kind: 'plain' };
  const commission = election.definition.commission;
  if (!commission) return { kind: 'no-commission' };
  const me = memberOf(election, member);
  if (!me) return { kind: 'not-a-member' };
  if (commission.threshold > 1) return { kind: 'collect', member: me.id, threshold: commission.threshold };
  return { kind: 'early', member: me.id };
}

export async function closeVoting(
  context: Pick<StepContext, 'api' | 'memberKey'>,
  election: ConsoleElection,
  route: CloseRoute,
  reason: string,
): Promise<{ state: string; early: boolean }> {
  const path = `${electionPath(election)}/close`;
  if (route.kind === 'collect') return context.api.post(path, { early: 'collected' });
  if (route.kind !== 'early') return context.api.post(path, {});
  const at = new Date().toISOString();
  const statement = earlyCloseStatement(election.fingerprint, reason.trim(), at);
  const secretKey = await context.memberKey();
  const signature = signCommissionStatement(secretKey, hexToBytes(election.fingerprint), route.member, 'early-close', statement);
  return context.api.post(path, { early: { reason: statement.reason, at, signatures: [signature] } });
}
