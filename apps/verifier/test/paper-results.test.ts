// The verifier and the commission's paper results (spec §4.4.3, §6.6): an honest record whose validity is judged on
// electronic and paper votes together passes and reports the three sets of figures; forged, inconsistent, missing
// or misplaced paper results fail `paper.results` (or `board.states`) with their codes, even when the attacker holds
// the board key, and a verdict that does not follow from the paper figures fails `result.validity`.
import { type EventJsonOf, type PaperResultsStatement, signCommissionStatement } from '@saylau/protocol';
import { type Simulation, simulateElection } from '@saylau/protocol/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CheckId, type Report, verifyRecord } from '../src/index.ts';
import { clone, loadDraft, renumber, resignHeads, sealFiles } from './fixture.ts';

let sim: Simulation;
beforeAll(() => {
  sim = simulateElection({
    draft: { ...(loadDraft('city-referendum') as object), validityBasis: 'both' } as never,
    voters: 24,
    seed: 'paper-results',
    paperShare: 0.25,
    commission: { members: 3, threshold: 2 },
    paperResults: true,
  });
});

async function verify(edit?: (events: EventJsonOf<never>[] & unknown[]) => void, resign = true): Promise<Report> {
  const events = clone(sim.events);
  edit?.(events as never);
  const heads = resign ? resignHeads(events, sim.treeHeads, sim.secrets.boardSecret) : sim.treeHeads;
  const report = await verifyRecord(sealFiles(events, heads), { workers: 0 });
  if (!report.readable) throw new Error('unreadable');
  return report;
}

const failed = (report: Report): CheckId[] => report.checks.filter((c) => c.failed > 0).map((c) => c.id);
const codesOf = (report: Report, id: CheckId) => report.checks.find((c) => c.id === id)?.failures.map((f) => f.code) ?? [];
const paperOf = (events: unknown[]) =>
  (events as { type: string }[]).find((e) => e.type === 'paper-results') as EventJsonOf<'paper-results'>;
const signed = (statement: PaperResultsStatement) =>
  sim.secrets.members
    .slice(0, 2)
    .map((m) => signCommissionStatement(m.secretKey, sim.fingerprint, m.id, 'paper-results', statement));

describe('an honest record with paper results', () => {
  it('passes, with electronic, paper and combined figures and the basis in the report', async () => {
    const report = await verify(undefined, false);
    expect(failed(report)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'paper.results')?.checked).toBe(1);
    const r = report.result!;
    expect(r.basis).toBe('both');
    expect(r.paper?.signers).toEqual(['member-1', 'member-2']);
    const paper = r.paper!.overall.find((q) => q.question === 'parks')!;
    const e = r.overall.find((q) => q.question === 'parks')!;
    const both = r.combined!.overall.find((q) => q.question === 'parks')!;
    expect(paper.ballots).toBeGreaterThan(0);
    expect(both.ballots).toBe(e.ballots + paper.ballots);
    const turnout = r.validity.find((v) => v.question === 'parks')!.rules[0]!;
    expect(turnout.figures.ballots).toBe(both.ballots);
  });
});

describe('tampered paper results', () => {
  it('a changed count without the board key: paper.results and the board fail', async () => {
    const report = await verify((events) => {
      const p = paperOf(events);
      p.statement.districts[0]!.questions[0]!.counts.yes! += 1;
    }, false);
    expect(failed(report)).toEqual(expect.arrayContaining(['paper.results', 'board.merkle']));
    expect(codesOf(report, 'paper.results')).toEqual(expect.arrayContaining(['BAD_MEMBER_SIGNATURE', 'NOT_ENOUGH_MEMBERS']));
  });

  it('a changed ballot count re-signed with the board key: paper.results and result.validity fail', async () => {
    const report = await verify((events) => {
      const p = paperOf(events);
      for (const d of p.statement.districts) {
        d.ballotsIssued += 5;
        d.ballotsCast += 5;
      }
    });
    expect(failed(report)).toEqual(expect.arrayContaining(['paper.results', 'result.validity']));
    expect(failed(report)).not.toContain('board.merkle');
    expect(codesOf(report, 'paper.results')).toContain('NOT_ENOUGH_MEMBERS');
  });

  it('figures that cannot be true, though signed by the members: PAPER_RESULTS_INCONSISTENT', async () => {
    const report = await verify((events) => {
      const p = paperOf(events);
      const d = p.statement.districts[0]!;
      d.questions[0]!.counts.no = d.ballotsCast + 1;
      p.signatures = signed(p.statement);
    });
    // the count above the ballots, and the marks above ballots × maxSelections; the signatures themselves verify
    expect(new Set(codesOf(report, 'paper.results'))).toEqual(new Set(['PAPER_RESULTS_INCONSISTENT']));
  });

  it('paper results removed while validity is judged on them: paper.results fails', async () => {
    const report = await verify((events) => {
      events.splice(events.indexOf(paperOf(events) as never), 1);
      renumber(events as never);
    });
    expect(codesOf(report, 'paper.results')).toContain('ILLEGAL_ORDER');
  });

  it('paper results moved after the result they decide: board.states fails', async () => {
    const report = await verify((events) => {
      const p = paperOf(events);
      events.splice(events.indexOf(p as never), 1);
      const at = (events as { type: string }[]).findIndex((e) => e.type === 'result');
      events.splice(at + 1, 0, p as never);
      renumber(events as never);
    });
    expect(failed(report)).toContain('board.states');
  });
});
