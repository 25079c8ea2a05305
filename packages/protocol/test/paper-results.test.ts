// The paper results (spec §4.4.3) and the combined result (§6.5.1): consistent figures pass and add to the electronic
// tally figure by figure; every kind of impossible figure is refused at its path; the validity basis picks the
// electronic, paper or combined tally; the fields are optional, so existing definitions keep their fingerprint.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basisTally,
  combinedResults,
  combineTallies,
  type ElectionDefinition,
  fingerprint,
  isPractice,
  type PaperDistrict,
  type PaperResultsStatement,
  paperResultsProblems,
  paperTally,
  parseDefinition,
  questionsOfStyle,
  styleOfDistrict,
  type Tally,
  validityBasis,
  validityVerdicts,
} from '../src/index.ts';
import { loadDefinition } from './helpers.ts';

const { definition } = loadDefinition('city-referendum');
const fp = fingerprint(definition);
const register = Object.fromEntries(definition.districts.map((d) => [d.id, 1000]));

/** A consistent statement from one number per (district, slot): cast, invalid and each option's share of valid. */
const statementArb = fc.array(fc.nat({ max: 400 }), { minLength: 64, maxLength: 64 }).map((n): PaperResultsStatement => {
  let i = 0;
  const next = () => n[i++ % n.length] as number;
  const districts = definition.districts.map((d): PaperDistrict => {
    const ballotsCast = next();
    const invalid = Math.min(next() % 20, ballotsCast);
    const valid = ballotsCast - invalid;
    const style = styleOfDistrict(definition, d.id)!;
    return {
      district: d.id,
      ballotsIssued: ballotsCast + (next() % 5),
      ballotsCast,
      invalid,
      questions: questionsOfStyle(definition, style).map((q) => {
        // each ballot marks at most maxSelections options: spread valid × 1 marks over the options
        let left = valid;
        const counts = Object.fromEntries(
          q.options.map((o, j) => {
            const c = j === q.options.length - 1 ? left : Math.min(left, next() % (valid + 1));
            left -= c;
            return [o.id, c];
          }),
        );
        return { question: q.id, counts };
      }),
    };
  });
  return { fingerprint: fp, districts };
});

const figure = (tally: Tally, district: string | null, question: string) =>
  (district === null ? tally.overall : tally.districts.find((d) => d.district === district)?.questions)?.find(
    (r) => r.question === question,
  );

describe('consistent paper results', () => {
  it('pass, and combined = electronic + paper for every option, district and overall', () => {
    fc.assert(
      fc.property(statementArb, statementArb, (eLike, paper) => {
        expect(paperResultsProblems(definition, fp, register, paper)).toEqual([]);
        // any tally of the election's shape stands in for the decrypted electronic one
        const eVotes = paperTally(definition, register, eLike);
        const onPaper = paperTally(definition, register, paper);
        const both = combineTallies(definition, eVotes, onPaper);
        for (const district of [null, ...definition.districts.map((d) => d.id)]) {
          for (const q of definition.questions) {
            const [e, p, c] = [eVotes, onPaper, both].map((t) => figure(t, district, q.id));
            if (!e || !p || !c) continue;
            expect(c.ballots).toBe(e.ballots + p.ballots);
            expect(c.registered).toBe(e.registered);
            for (const o of q.options) expect(c.counts[o.id]).toBe((e.counts[o.id] ?? 0) + (p.counts[o.id] ?? 0));
          }
        }
        // the paper tally counts the valid ballots, and overall sums the districts
        for (const d of paper.districts) {
          for (const r of onPaper.districts.find((x) => x.district === d.district)?.questions ?? []) {
            expect(r.ballots).toBe(d.ballotsCast - d.invalid);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('impossible paper results are refused at their path', () => {
  const cases: [string, (s: PaperResultsStatement) => PaperResultsStatement, string, (string | number)[]][] = [
    [
      'a count above the valid ballots',
      (s) => bump(s, 0, 0, 'yes', 1),
      'PAPER_RESULTS_INCONSISTENT',
      ['districts', 0, 'questions', 0, 'counts', 'yes'],
    ],
    [
      'cast above issued',
      (s) => edit(s, 1, { ballotsCast: s.districts[1]!.ballotsIssued + 1 }),
      'PAPER_RESULTS_INCONSISTENT',
      ['districts', 1, 'ballotsCast'],
    ],
    ['invalid above cast', (s) => edit(s, 1, { invalid: 10_000 }), 'PAPER_RESULTS_INCONSISTENT', ['districts', 1, 'invalid']],
    [
      'issued above registered',
      (s) => edit(s, 0, { ballotsIssued: 1001 }),
      'PAPER_RESULTS_INCONSISTENT',
      ['districts', 0, 'ballotsIssued'],
    ],
    [
      'an option that does not exist',
      (s) => bump(s, 0, 0, 'maybe', 0),
      'PAPER_RESULTS_INCONSISTENT',
      ['districts', 0, 'questions', 0, 'counts', 'maybe'],
    ],
    [
      'a district twice',
      (s) => ({ ...s, districts: [...s.districts, s.districts[0]!] }),
      'PAPER_RESULTS_INCONSISTENT',
      ['districts', 2, 'district'],
    ],
    ['a district missing', (s) => ({ ...s, districts: s.districts.slice(1) }), 'PAPER_RESULTS_INCONSISTENT', ['districts']],
    [
      'an unknown district',
      (s) => ({ ...s, districts: [...s.districts, { ...s.districts[0]!, district: 'atlantis' }] }),
      'UNKNOWN_DISTRICT',
      ['districts', 2, 'district'],
    ],
    ['another election', (s) => ({ ...s, fingerprint: '0'.repeat(64) }), 'WRONG_ELECTION', ['fingerprint']],
  ];
  function edit(s: PaperResultsStatement, i: number, change: Partial<PaperDistrict>): PaperResultsStatement {
    return { ...s, districts: s.districts.map((d, j) => (j === i ? { ...d, ...change } : d)) };
  }
  function bump(s: PaperResultsStatement, i: number, q: number, option: string, by: number): PaperResultsStatement {
    return edit(s, i, {
      questions: s.districts[i]!.questions.map((x, k) => {
        if (k !== q) return x;
        const valid = s.districts[i]!.ballotsCast - s.districts[i]!.invalid;
        return { ...x, counts: { ...x.counts, [option]: by === 0 ? 0 : valid + by } };
      }),
    });
  }
  for (const [what, change, code, path] of cases) {
    it(what, () => {
      fc.assert(
        fc.property(statementArb, (s) => {
          const problems = paperResultsProblems(definition, fp, register, change(s));
          expect(problems.map((p) => [p.code, p.path])).toContainEqual([code, path]);
        }),
        { numRuns: 20 },
      );
    });
  }
});

describe('the validity basis', () => {
  const eLike: PaperResultsStatement = {
    fingerprint: fp,
    districts: definition.districts.map((d) => ({
      district: d.id,
      ballotsIssued: 100,
      ballotsCast: 100,
      invalid: 0,
      questions: questionsOfStyle(definition, styleOfDistrict(definition, d.id)!).map((q) => ({
        question: q.id,
        counts: Object.fromEntries(q.options.map((o, i) => [o.id, i === 0 ? 100 : 0])),
      })),
    })),
  };
  const paper: PaperResultsStatement = {
    ...eLike,
    districts: eLike.districts.map((d) => ({ ...d, ballotsIssued: 200, ballotsCast: 200, invalid: 50 })),
  };
  const eVotes = paperTally(definition, register, eLike);
  const as = (basis: 'e-votes' | 'paper' | 'both'): ElectionDefinition => ({ ...definition, validityBasis: basis });
  const turnout = (d: ElectionDefinition, p?: PaperResultsStatement) =>
    validityVerdicts(d, basisTally(d, register, eVotes, p)).find((v) => v.question === 'parks')?.rules[0]?.figures.ballots;

  it('judges on the electronic votes when absent or e-votes, whatever paper results exist', () => {
    expect(validityBasis(definition)).toBe('e-votes');
    expect(turnout(definition, paper)).toBe(200);
    expect(turnout(as('e-votes'), paper)).toBe(200);
  });
  it('judges on the valid paper ballots, or on both added', () => {
    expect(turnout(as('paper'), paper)).toBe(300);
    expect(turnout(as('both'), paper)).toBe(500);
  });
  it('cannot judge on paper votes without paper results', () => {
    expect(() => basisTally(as('both'), register, eVotes, undefined)).toThrow(/no paper results/);
  });
  it('the combined view is the same arithmetic, with the signers and the result’s own verdicts', () => {
    const result = { ...eVotes, validity: validityVerdicts(definition, eVotes) };
    const views = combinedResults(definition, register, result, { statement: paper, signatures: [{ member: 'aigerim' }] });
    expect(views.paper?.signers).toEqual(['aigerim']);
    expect(figure(views.combined!, null, 'parks')?.ballots).toBe(500);
    expect(views.validity).toBe(result.validity);
    expect(combinedResults(definition, register, result, undefined).combined).toBeUndefined();
  });
});

describe('definition fields', () => {
  it('absent validityBasis and practice leave the fingerprint as before', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../../test/fixtures/sample-record/manifest.json', import.meta.url), 'utf8'),
    );
    const sample = JSON.parse(
      readFileSync(new URL('../../../test/fixtures/sample-record/definition.json', import.meta.url), 'utf8'),
    );
    const parsed = parseDefinition(sample);
    expect(parsed.ok && fingerprint(parsed.value)).toBe(manifest.fingerprint);
    expect(parsed.ok && isPractice(parsed.value)).toBe(false);
    // present, they are part of what the fingerprint covers
    expect(fingerprint({ ...definition, practice: true })).not.toBe(fp);
    expect(fingerprint({ ...definition, validityBasis: 'e-votes' })).not.toBe(fp);
  });
  it('judging on paper votes needs a commission to attest them', () => {
    const checked = parseDefinition({ ...definition, validityBasis: 'both' });
    expect(checked.ok ? [] : checked.problems.map((p) => [p.code, p.path])).toEqual([['DEFINITION_INVALID', ['validityBasis']]]);
    expect(parseDefinition({ ...definition, validityBasis: 'sometimes' }).ok).toBe(false);
  });
});
