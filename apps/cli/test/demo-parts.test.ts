// The demo's own arithmetic: the simulated voters' plans follow the seed, the expected count keeps the last
// e-vote of each voter who did not vote on paper, and a published result is compared option by option.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex, encodePoint, G } from '@saylau/crypto';
import { type EventJsonOf, parseDefinitionDraft } from '@saylau/protocol';
import { seededRandom } from '@saylau/protocol/node';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOUR, expectedResult, planVoters } from '../src/demo/behaviour.ts';
import { resultMismatches } from '../src/demo/compare.ts';
import { REPO } from './helpers.ts';

const parsed = parseDefinitionDraft(
  JSON.parse(readFileSync(join(REPO, 'test/fixtures/definitions/city-referendum.json'), 'utf8')),
  bytesToHex(encodePoint(G)),
);
if (!parsed.ok) throw new Error('fixture');
const definition = parsed.value;

describe('demo voters', () => {
  it('follow the seed and the behaviour shares', () => {
    const a = planVoters(definition, 2000, DEFAULT_BEHAVIOUR, seededRandom('x'));
    expect(planVoters(definition, 2000, DEFAULT_BEHAVIOUR, seededRandom('x'))).toEqual(a);
    const voted = a.filter((p) => p.votes.length > 0);
    expect(voted.length / a.length).toBeCloseTo(0.8, 1);
    expect(voted.filter((p) => p.votes.length === 2).length / voted.length).toBeCloseTo(0.1, 1);
    expect(a.filter((p) => p.paper).every((p) => p.votes.length > 0)).toBe(true);
    for (const p of voted) {
      for (const v of p.votes) {
        expect(v.parks).toHaveLength(1);
        expect(v.transport).toHaveLength(1);
        if (p.district === 'bostandyk') expect((v.projects ?? []).length).toBeLessThanOrEqual(3);
        else expect(v.projects).toBeUndefined();
      }
    }
  });

  it('count the last e-vote of voters who did not vote on paper', () => {
    const plans = [
      {
        index: 0,
        district: 'medeu',
        votes: [
          { parks: ['yes'], transport: ['tram'] },
          { parks: ['no'], transport: ['tram'] },
        ],
        paper: false,
      },
      { index: 1, district: 'medeu', votes: [{ parks: ['yes'], transport: ['metro'] }], paper: true },
      {
        index: 2,
        district: 'bostandyk',
        votes: [{ parks: ['blank'], transport: ['bikes'], projects: ['pool', 'lights'] }],
        paper: false,
      },
      { index: 3, district: 'bostandyk', votes: [], paper: false },
    ];
    const expected = expectedResult(definition, plans);
    expect(expected).toMatchObject({ counted: 2, superseded: 1, cancelled: 1 });
    expect(expected.districts.medeu?.counts.parks).toEqual({ yes: 0, no: 1, blank: 0 });
    expect(expected.overall.projects).toEqual({ library: 0, pool: 1, market: 0, lights: 1 });

    const question = (q: string, counts: Record<string, number>, ballots: number, registered: number) => ({
      question: q,
      counts,
      ballots,
      registered,
    });
    const result = {
      districts: [
        { district: 'medeu', questions: [question('parks', { yes: 0, no: 1, blank: 0 }, 1, 2)] },
        { district: 'bostandyk', questions: [question('projects', { library: 0, pool: 1, market: 0, lights: 1 }, 1, 2)] },
      ],
      overall: [question('parks', { yes: 0, no: 1, blank: 1 }, 2, 4)],
    } as unknown as EventJsonOf<'result'>;
    expect(resultMismatches(result, expected)).toEqual([]);
    const wrong = {
      ...result,
      overall: [question('parks', { yes: 1, no: 0, blank: 1 }, 2, 4)],
    } as unknown as EventJsonOf<'result'>;
    expect(resultMismatches(wrong, expected)).toEqual([
      'overall question parks option yes: published 1, simulated 0',
      'overall question parks option no: published 0, simulated 1',
    ]);
  });
});
