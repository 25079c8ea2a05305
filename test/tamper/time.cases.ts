// Tampering with time (spec §4.5): a time in another format, events or heads stamped out of order, voting opened too
// early, ballots outside the period, a close before the period's end without the commission's signed early close, and
// a genuine early close whose signatures or reason are changed — each caught by time.format or time.order, even when
// the attacker holds the board key and re-signs every head.
import { describe, expect, it } from 'vitest';
import { type Report, verifyRecord } from '../../apps/verifier/src/index.ts';
import { headJson, honestFiles, loadDraft, resignHeads, sealFiles } from '../../apps/verifier/test/fixture.ts';
import { type BoardEventJson, type EventJsonOf, signTreeHead } from '../../packages/protocol/src/index.ts';
import { type Simulation, simulateElection } from '../../packages/protocol/src/node.ts';
import { countedBallot, expectCaught, first, ofType, tamper } from './harness.ts';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const stateEvent = (events: BoardEventJson[], state: string) =>
  events.find((e): e is EventJsonOf<'state'> => e.type === 'state' && e.state === state) as EventJsonOf<'state'>;

/** The failures of one check, as code and reason. */
function failuresOf(report: Report, id: string) {
  return report.checks.find((c) => c.id === id)?.failures ?? [];
}

describe('tampered times are caught', () => {
  it('an event time written without milliseconds → time.format (BAD_TIME_FORMAT), board key granted', async () => {
    const files = tamper(
      (board, sim) => {
        const ballot = countedBallot(board, sim);
        ballot.time = ballot.time.replace(/\.\d{3}Z$/, 'Z');
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'time.format');
    expect(failuresOf(report, 'time.format')[0]).toMatchObject({ code: 'BAD_TIME_FORMAT' });
  });

  it('a head timestamp with a UTC offset → time.format (BAD_TIME_FORMAT)', async () => {
    const files = tamper((board) => {
      const head = board.heads[0]!;
      head.timestamp = head.timestamp.replace(/Z$/, '+00:00');
    });
    const report = await expectCaught(files, 'time.format');
    expect(failuresOf(report, 'time.format')[0]).toMatchObject({ head: 0, code: 'BAD_TIME_FORMAT' });
  });

  it('a ballot stamped before the ballot ahead of it (still inside the period) → time.order (TIME_ORDER)', async () => {
    const files = tamper(
      (board) => {
        const [a, b] = ofType(board, 'ballot');
        b!.time = iso(Date.parse(a!.time) - 1000);
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'time.order');
    expect(failuresOf(report, 'time.order').map((f) => f.code)).toEqual(['TIME_ORDER']);
  });

  it('a head signed with a time before the last event it covers → time.order (TIME_ORDER)', async () => {
    const files = tamper((board, sim) => {
      const i = 1;
      const head = board.heads[i]!;
      const last = board.events[head.treeSize - 1]!;
      const earlier = iso(Date.parse(last.time) - MINUTE);
      const root = Uint8Array.from(Buffer.from(head.rootHash, 'hex'));
      board.heads[i] = headJson(signTreeHead(sim.secrets.boardSecret, sim.fingerprint, head.treeSize, root, earlier));
    });
    const report = await expectCaught(files, 'time.order');
    expect(failuresOf(report, 'time.order')[0]).toMatchObject({ head: 1, code: 'TIME_ORDER' });
    expect(report.checks.find((c) => c.id === 'board.tree-heads')?.failed).toBe(0);
  });

  it('voting opened an hour before the period → time.order (OUTSIDE_PERIOD), board key granted', async () => {
    const files = tamper(
      (board) => {
        const definition = first(board, 'definition').definition;
        const open = stateEvent(board.events, 'open');
        open.time = iso(Date.parse(definition.votingPeriod.opens) - 60 * MINUTE);
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'time.order');
    expect(failuresOf(report, 'time.order')[0]).toMatchObject({ code: 'OUTSIDE_PERIOD' });
    expect(failuresOf(report, 'time.order')[0]?.reason).toMatch(/more than 15 minutes before/);
  });

  it('a ballot dated after the period ended → time.order (OUTSIDE_PERIOD), board key granted', async () => {
    const files = tamper(
      (board, sim) => {
        const definition = first(board, 'definition').definition;
        countedBallot(board, sim).time = iso(Date.parse(definition.votingPeriod.closes) + MINUTE);
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'time.order');
    expect(failuresOf(report, 'time.order').map((f) => f.code)).toContain('OUTSIDE_PERIOD');
  });

  it('voting closed a minute after the last ballot, years before the period’s end, unsigned → time.order (EARLY_CLOSE_UNSIGNED)', async () => {
    const files = tamper(
      (board) => {
        const ballots = ofType(board, 'ballot');
        stateEvent(board.events, 'closed').time = iso(Date.parse(ballots[ballots.length - 1]!.time) + MINUTE);
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'time.order');
    expect(failuresOf(report, 'time.order').map((f) => f.code)).toEqual(['EARLY_CLOSE_UNSIGNED']);
  });
});

describe('an early close (spec §4.5)', () => {
  let cached: Simulation | undefined;
  /** An election closed early, a minute after its last ballot, on the signatures of 2 of its 3 commission members. */
  const early = () => {
    cached ??= simulateElection({
      draft: loadDraft('city-referendum') as never,
      voters: 10,
      seed: 'early-close',
      missingTrustee: 3,
      commission: { members: 3, threshold: 2 },
      earlyClose: { reason: 'every registered voter has voted on paper or online' },
    });
    return cached;
  };
  const tamperEarly = (edit: (close: EventJsonOf<'state'>) => void) => {
    const sim = early();
    const events = structuredClone(sim.events);
    edit(stateEvent(events, 'closed'));
    return sealFiles(events, resignHeads(events, sim.treeHeads, sim.secrets.boardSecret));
  };
  const verify = (files: Map<string, Uint8Array>) => verifyRecord(files, { workers: 0 }) as Promise<Report>;

  it('signed by the commission’s threshold, verifies with every check passing', async () => {
    const sim = early();
    const close = stateEvent(sim.events, 'closed');
    expect(Date.parse(close.time)).toBeLessThan(Date.parse(sim.definition.votingPeriod.closes));
    expect(close.early?.signatures).toHaveLength(2);
    const report = await verify(honestFiles(sim));
    expect(report.checks.filter((c) => c.failed > 0)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'time.order')?.checked).toBeGreaterThan(0);
  });

  it('with one of the two signatures removed → time.order (EARLY_CLOSE_UNSIGNED)', async () => {
    const report = await verify(tamperEarly((close) => close.early?.signatures.pop()));
    expect(failuresOf(report, 'time.order').map((f) => f.code)).toEqual(['EARLY_CLOSE_UNSIGNED']);
  });

  it('with its reason rewritten → time.order (BAD_MEMBER_SIGNATURE for each, EARLY_CLOSE_UNSIGNED)', async () => {
    const report = await verify(
      tamperEarly((close) => {
        if (close.early) close.early.reason = 'the server operator decided to close';
      }),
    );
    expect(failuresOf(report, 'time.order').map((f) => f.code)).toEqual([
      'BAD_MEMBER_SIGNATURE',
      'BAD_MEMBER_SIGNATURE',
      'EARLY_CLOSE_UNSIGNED',
    ]);
  });

  it('moved from the close to the opening → time.order (ILLEGAL_ORDER and EARLY_CLOSE_UNSIGNED)', async () => {
    const sim = early();
    const events = structuredClone(sim.events);
    const close = stateEvent(events, 'closed');
    const open = stateEvent(events, 'open');
    Object.assign(open, { early: close.early });
    delete close.early;
    const report = await verify(sealFiles(events, resignHeads(events, sim.treeHeads, sim.secrets.boardSecret)));
    expect(failuresOf(report, 'time.order').map((f) => f.code)).toEqual(['ILLEGAL_ORDER', 'EARLY_CLOSE_UNSIGNED']);
  });
});
