// Tampering with what only the board key's holder could assert (spec §4.4): register sizes, the credential list and
// the paper-vote list, each re-signed with the board key — the commission members' signatures still catch it.
import { describe, expect, it } from 'vitest';
import { signCommissionStatement } from '../../packages/protocol/src/index.ts';
import { expectCaught, first, ofType, tamper } from './harness.ts';

const codesOf = (report: Awaited<ReturnType<typeof expectCaught>>, id: string) =>
  report.checks.find((c) => c.id === id)?.failures.map((f) => f.code) ?? [];

describe('the commission’s signed word', () => {
  it('an inflated register size, consistent result, re-signed by the board key → anchor.decision', async () => {
    const files = tamper(
      (board) => {
        const register = first(board, 'register');
        const district = Object.keys(register.sizes)[0] as string;
        register.sizes[district] = (register.sizes[district] ?? 0) + 500;
        // keep the published result consistent with the inflated register, as a careful forger would
        for (const scope of [
          ...first(board, 'result').districts.flatMap((d) => (d.district === district ? d.questions : [])),
          ...first(board, 'result').overall,
        ]) {
          scope.registered += 500;
        }
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'anchor.decision');
    expect(codesOf(report, 'anchor.decision')).toContain('DECISION_MISMATCH');
  });

  it('a counted voter cancelled by a paper-vote entry the commission never signed → processing.cancellations', async () => {
    const files = tamper(
      (board) => {
        const cancelled = new Set(ofType(board, 'cancellation').flatMap((c) => c.credentials));
        const victim = ofType(board, 'ballot').find((b) => !cancelled.has(b.ballot.credential));
        if (!victim) throw new Error('no counted ballot');
        const closedAt = board.events.findIndex((e) => e.type === 'state' && e.state === 'closed');
        const event = {
          seq: 0,
          time: board.events[closedAt]?.time as string,
          type: 'cancellation' as const,
          credentials: [victim.ballot.credential],
        };
        board.events.splice(closedAt + 1, 0, event);
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'processing.cancellations');
    expect(codesOf(report, 'processing.cancellations')).toContain('NOT_ENOUGH_MEMBERS');
  });

  it('a decision with one member’s signature where the definition needs two → anchor.decision', async () => {
    const files = tamper(
      (board) => {
        const decision = first(board, 'commission-decision');
        decision.signatures = decision.signatures.slice(0, 1);
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'anchor.decision');
    expect(codesOf(report, 'anchor.decision')).toContain('NOT_ENOUGH_MEMBERS');
  });

  it('voting opened without the decision → anchor.decision', async () => {
    const files = tamper(
      (board) => {
        board.events.splice(board.events.indexOf(first(board, 'commission-decision')), 1);
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'anchor.decision');
    expect(codesOf(report, 'anchor.decision')).toContain('NOT_ENOUGH_MEMBERS');
  });

  it('a decision the members signed before the register was frozen, the register inflated after it → anchor.decision', async () => {
    // models members who signed whatever a server showed them (an empty register); the board key holder then freezes
    // an inflated register after their decision
    const files = tamper(
      (board, sim) => {
        const decision = first(board, 'commission-decision');
        const register = first(board, 'register');
        for (const district of Object.keys(register.sizes)) register.sizes[district] = (register.sizes[district] ?? 0) * 10;
        board.events.splice(board.events.indexOf(register), 1);
        board.events.splice(board.events.indexOf(decision) + 1, 0, register);
        decision.statement = { ...decision.statement, registerSizes: {} };
        decision.signatures = sim.secrets.members
          .slice(0, 2)
          .map((m) => signCommissionStatement(m.secretKey, sim.fingerprint, m.id, 'decision', decision.statement));
      },
      { renumber: true, resign: true },
    );
    const report = await expectCaught(files, 'anchor.decision');
    expect(
      report.checks
        .find((c) => c.id === 'anchor.decision')
        ?.failures.map((f) => f.reason)
        .join(),
    ).toContain('before the register was frozen');
  });
});
