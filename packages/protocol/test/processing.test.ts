// Processing without cryptography (spec §6.2, §6.5–6.6): the counted set against a reference model under random
// interleavings of re-votes and paper cancellations, `supersedes` checking, and every validity rule at its boundary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateLayout,
  type BoardBallot,
  basisPoints,
  buildResultEvent,
  countedSet,
  countedSetPayload,
  countedSetProblems,
  type ElectionDefinition,
  parseDefinitionDraft,
  type QuestionTally,
  resultProblems,
  supersedesProblems,
  tallyResults,
  validityVerdicts,
} from '../src/index.ts';

const hashOf = (i: number) => i.toString(16).padStart(64, '0');
const credentialOf = (c: number) => `c${c}`.padEnd(64, '0');

/** A board of ballots and cancellations in random order: each action is a ballot of credential c, or a cancellation. */
type Action = { ballot: number } | { cancel: number[] };
const action = (credentials: number): fc.Arbitrary<Action> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ ballot: fc.nat(credentials - 1) }) },
    { weight: 1, arbitrary: fc.record({ cancel: fc.uniqueArray(fc.nat(credentials - 1), { maxLength: credentials }) }) },
  );

function play(actions: readonly Action[]): { ballots: BoardBallot[]; cancelled: Set<string> } {
  const ballots: BoardBallot[] = [];
  const cancelled = new Set<string>();
  actions.forEach((a, seq) => {
    if ('ballot' in a) ballots.push({ hash: hashOf(seq), credential: credentialOf(a.ballot), seq });
    else for (const c of a.cancel) cancelled.add(credentialOf(c));
  });
  return { ballots, cancelled };
}

/** The reference model: group the ballots by voter, take each voter's latest, drop paper voters, sort by seq. */
function reference(ballots: readonly BoardBallot[], cancelled: ReadonlySet<string>) {
  const byVoter = new Map<string, BoardBallot[]>();
  for (const b of ballots) byVoter.set(b.credential, [...(byVoter.get(b.credential) ?? []), b]);
  const latest = [...byVoter.values()].map((list) => list.reduce((a, b) => (b.seq > a.seq ? b : a)));
  return {
    counted: latest
      .filter((b) => !cancelled.has(b.credential))
      .sort((a, b) => a.seq - b.seq)
      .map((b) => b.hash),
    superseded: [...byVoter.values()].reduce((n, list) => n + list.length - 1, 0),
    cancelled: latest.filter((b) => cancelled.has(b.credential)).length,
  };
}

describe('counted set (spec §6.2)', () => {
  it('keeps the last ballot per credential and drops paper voters, whatever the interleaving', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(action(n), { maxLength: 40 })),
        (actions) => {
          const { ballots, cancelled } = play(actions);
          const set = countedSet(ballots, cancelled);
          const want = reference(ballots, cancelled);
          expect({ counted: set.counted, superseded: set.superseded, cancelled: set.cancelled }).toEqual(want);
          expect(set.counted.length + set.superseded + set.cancelled).toBe(ballots.length);
          for (const [credential, last] of set.lastByCredential) {
            expect(last.credential).toBe(credential);
            expect(ballots.filter((b) => b.credential === credential && b.seq > last.seq)).toEqual([]);
          }
          expect(countedSetProblems(countedSetPayload(set), set)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on where the cancellation stands: before, between or after the ballots', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(3), { maxLength: 20 }), fc.uniqueArray(fc.nat(3)), fc.nat(), (votes, paper, at) => {
        const ballotsOnly: Action[] = votes.map((c) => ({ ballot: c }));
        const position = at % (ballotsOnly.length + 1);
        const early = play([{ cancel: paper }, ...ballotsOnly]);
        const placed = play([...ballotsOnly.slice(0, position), { cancel: paper }, ...ballotsOnly.slice(position)]);
        const late = play([...ballotsOnly, { cancel: paper }]);
        const names = (s: { ballots: BoardBallot[]; cancelled: Set<string> }) =>
          countedSet(s.ballots, s.cancelled).counted.map((h) => s.ballots.findIndex((b) => b.hash === h));
        expect(names(placed)).toEqual(names(early));
        expect(names(late)).toEqual(names(early));
      }),
      { numRuns: 200 },
    );
  });

  it('counts cancelled voters, not cancelled ballots, and ignores paper voters without an e-vote', () => {
    const [a, b, c] = [credentialOf(1), credentialOf(2), credentialOf(3)];
    const ballots = [
      { hash: hashOf(1), credential: a, seq: 1 },
      { hash: hashOf(2), credential: b, seq: 2 },
      { hash: hashOf(3), credential: a, seq: 3 },
      { hash: hashOf(4), credential: a, seq: 4 },
    ];
    const set = countedSet(ballots, new Set([a, c]));
    expect(set).toMatchObject({ counted: [hashOf(2)], superseded: 2, cancelled: 1 });
    expect(set.lastByCredential.get(a)?.seq).toBe(4);
    expect(() => countedSet([ballots[1], ballots[0]] as BoardBallot[], new Set())).toThrow(RangeError);
  });

  it('names what a published counted set gets wrong', () => {
    const set = { counted: [hashOf(1), hashOf(2), hashOf(3)], superseded: 2, cancelled: 1 };
    const codes = (posted: typeof set) => countedSetProblems(posted, set).map((p) => [p.code, ...p.path].join(' '));
    expect(codes(set)).toEqual([]);
    expect(codes({ ...set, counted: [hashOf(1), hashOf(3)] })).toEqual(['COUNTED_SET_MISMATCH counted']);
    expect(codes({ ...set, counted: [...set.counted, hashOf(9)] })).toEqual(['COUNTED_SET_MISMATCH counted 3']);
    expect(codes({ ...set, counted: [hashOf(2), hashOf(1), hashOf(3)] })).toEqual(['COUNTED_SET_MISMATCH counted']);
    expect(codes({ ...set, counted: [...set.counted, hashOf(3)] })).toEqual(['COUNTED_SET_MISMATCH counted']);
    expect(codes({ ...set, superseded: 3, cancelled: 0 })).toEqual([
      'COUNTED_SET_MISMATCH superseded',
      'COUNTED_SET_MISMATCH cancelled',
    ]);
  });
});

describe('supersedes (spec §6.2)', () => {
  const chain = (credentials: readonly number[]) => {
    const previous = new Map<string, string>();
    return credentials.map((c, seq) => {
      const credential = credentialOf(c);
      const ballot = { hash: hashOf(seq), credential, seq, supersedes: previous.get(credential) ?? null };
      previous.set(credential, ballot.hash);
      return ballot;
    });
  };

  it('accepts an honest chain and names exactly the ballot whose supersedes is wrong', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(3), { minLength: 1, maxLength: 25 }),
        fc.nat(),
        fc.oneof(fc.constant(null), fc.nat(30).map(hashOf)),
        (credentials, k, wrong) => {
          const ballots = chain(credentials);
          expect(supersedesProblems(ballots)).toEqual([]);
          const i = k % ballots.length;
          const target = ballots[i] as (typeof ballots)[number];
          fc.pre(wrong !== target.supersedes);
          const tampered = ballots.map((b, j) => (j === i ? { ...b, supersedes: wrong } : b));
          const problems = supersedesProblems(tampered);
          expect(problems.map((p) => [p.code, p.path])).toEqual([['WRONG_SUPERSEDES', [target.seq, 'supersedes']]]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('says what was expected', () => {
    const [first, second] = chain([0, 0]) as [ReturnType<typeof chain>[number], ReturnType<typeof chain>[number]];
    const [p] = supersedesProblems([
      { ...first, supersedes: hashOf(7) },
      { ...second, supersedes: null },
    ]).map((x) => x.message);
    expect(p).toContain('first');
    expect(supersedesProblems([first, { ...second, supersedes: null }])[0]?.message).toContain(first.hash);
  });
});

// A definition with four districts: a, b and c see the referendum, the single choice and the approval question;
// d sees only the single choice. Rules are set per test.
const draft = {
  version: 1,
  id: 'rules',
  title: { kk: 'Ережелер', ru: 'Правила', en: 'Rules' },
  votingPeriod: { opens: '2026-01-01T00:00:00Z', closes: '2026-01-02T00:00:00Z' },
  districts: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: { kk: id, ru: id, en: id } })),
  questions: [
    {
      id: 'ref',
      kind: 'referendum',
      text: { kk: 'Иә?', ru: 'Да?', en: 'Yes?' },
      options: ['yes', 'no', 'blank'].map((id) => ({ id, label: { kk: id, ru: id, en: id } })),
      minSelections: 1,
      maxSelections: 1,
      rules: [],
    },
    {
      id: 'pick',
      kind: 'single',
      text: { kk: 'Қайсы?', ru: 'Какой?', en: 'Which?' },
      options: ['x', 'blank'].map((id) => ({ id, label: { kk: id, ru: id, en: id } })),
      minSelections: 1,
      maxSelections: 1,
      rules: [],
    },
    {
      id: 'approve',
      kind: 'approval',
      text: { kk: 'Қайсылар?', ru: 'Какие?', en: 'Which ones?' },
      options: ['p', 'q', 'r'].map((id) => ({ id, label: { kk: id, ru: id, en: id } })),
      minSelections: 0,
      maxSelections: 2,
      rules: [],
    },
  ],
  ballotStyles: [
    { id: 'abc', districts: ['a', 'b', 'c'], questions: ['ref', 'pick', 'approve'] },
    { id: 'd', districts: ['d'], questions: ['pick'] },
  ],
  trustees: { count: 3, threshold: 2 },
  credentialKdf: { logN: 8, r: 1, p: 1 },
};
const BOARD_KEY = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76'; // 2·G

function definitionWith(rules: Record<string, unknown[]>): ElectionDefinition {
  const withRules = { ...draft, questions: draft.questions.map((q) => ({ ...q, rules: rules[q.id] ?? [] })) };
  const parsed = parseDefinitionDraft(withRules, BOARD_KEY);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

type DistrictFigures = { ballots: number; counts: Record<string, Record<string, number>> };

/** Entries in layout order with per-district ballots, and the counts to go with them (absent counts are 0). */
function decrypted(definition: ElectionDefinition, figures: Record<string, DistrictFigures>) {
  const entries = aggregateLayout(definition).map((k) => ({ ...k, ballots: figures[k.district]?.ballots ?? 0 }));
  const counts = entries.map((e) => figures[e.district]?.counts[e.question]?.[e.option] ?? 0);
  return { entries, counts };
}

function verdicts(definition: ElectionDefinition, register: Record<string, number>, figures: Record<string, DistrictFigures>) {
  const { entries, counts } = decrypted(definition, figures);
  const tally = tallyResults(definition, register, entries, counts);
  return { tally, validity: validityVerdicts(definition, tally) };
}

const only = (district: string, ballots: number, counts: Record<string, Record<string, number>> = {}) => ({
  [district]: { ballots, counts },
});

describe('results (spec §6.5)', () => {
  const definition = definitionWith({});
  const register = { a: 100, b: 200, c: 300, d: 50 };
  const figures = {
    a: { ballots: 10, counts: { ref: { yes: 6, no: 3, blank: 1 }, pick: { x: 7, blank: 3 }, approve: { p: 4, q: 9, r: 0 } } },
    b: { ballots: 0, counts: {} },
    c: { ballots: 5, counts: { ref: { yes: 1, no: 4, blank: 0 }, pick: { x: 5, blank: 0 }, approve: { p: 5, q: 5, r: 0 } } },
    d: { ballots: 4, counts: { pick: { x: 1, blank: 3 } } },
  };
  const { tally } = verdicts(definition, register, figures);

  it('reports every district with the questions of its style, counts, ballots and register size', () => {
    expect(tally.districts.map((d) => [d.district, d.questions.map((q) => q.question)])).toEqual([
      ['a', ['ref', 'pick', 'approve']],
      ['b', ['ref', 'pick', 'approve']],
      ['c', ['ref', 'pick', 'approve']],
      ['d', ['pick']],
    ]);
    expect(tally.districts[1]?.questions[0]).toEqual({
      question: 'ref',
      counts: { yes: 0, no: 0, blank: 0 },
      ballots: 0,
      registered: 200,
    });
    expect(tally.districts[3]?.questions[0]).toEqual({
      question: 'pick',
      counts: { x: 1, blank: 3 },
      ballots: 4,
      registered: 50,
    });
  });

  it('sums overall over the districts that see each question, in definition order', () => {
    expect(tally.overall).toEqual([
      { question: 'ref', counts: { yes: 7, no: 7, blank: 1 }, ballots: 15, registered: 600 },
      { question: 'pick', counts: { x: 13, blank: 6 }, ballots: 19, registered: 650 },
      { question: 'approve', counts: { p: 9, q: 14, r: 0 }, ballots: 15, registered: 600 },
    ]);
  });

  it('builds the result event and names what a published one gets wrong', () => {
    const { entries, counts } = decrypted(definition, figures);
    const event = buildResultEvent(definition, register, entries, { trustees: [1, 3], counts });
    expect(event).toMatchObject({ type: 'result', trustees: [1, 3], overall: tally.overall, districts: tally.districts });
    expect(event.validity.every((v) => v.valid && v.rules.length === 0)).toBe(true);
    expect(resultProblems(event, event)).toEqual([]);
    const changed = structuredClone(event);
    (changed.overall[1] as QuestionTally).counts.x = 12;
    changed.trustees = [1, 2];
    expect(resultProblems(changed, event).map((p) => p.path)).toEqual([['trustees'], ['overall', 1]]);
    expect(resultProblems({ ...event, districts: event.districts.slice(1) }, event).map((p) => p.path)[0]).toEqual(['districts']);
  });

  it('refuses entries that do not fit the definition', () => {
    const { entries, counts } = decrypted(definition, figures);
    expect(() => tallyResults(definition, register, entries.slice(1), counts.slice(1))).toThrow(RangeError);
    expect(() => tallyResults(definition, { a: 1 }, entries, counts)).toThrow(RangeError);
    const skewed = entries.map((e, i) => (i === 4 ? { ...e, ballots: e.ballots + 1 } : e));
    expect(() => tallyResults(definition, register, skewed, counts)).toThrow(RangeError);
  });
});

describe('validity rules (spec §6.6): exactly at the threshold passes, one below fails', () => {
  const rule = (validity: ReturnType<typeof validityVerdicts>, question: string, i = 0) =>
    validity.find((v) => v.question === question)?.rules[i];

  it('turnout quorum: ballots·10000 ≥ bp·registered', () => {
    const definition = definitionWith({ pick: [{ kind: 'turnout-quorum', percent: 25 }] });
    const register = { a: 1000, b: 0, c: 0, d: 0 };
    const at = rule(verdicts(definition, register, only('a', 250)).validity, 'pick');
    expect(at).toEqual({ kind: 'turnout-quorum', passed: true, figures: { ballots: 250, registered: 1000, basisPoints: 2500 } });
    expect(rule(verdicts(definition, register, only('a', 249)).validity, 'pick')?.passed).toBe(false);
    // 33.33 % of 3 voters is 0.9999 voters: one ballot suffices, none does not
    const third = definitionWith({ pick: [{ kind: 'turnout-quorum', percent: 33.33 }] });
    expect(rule(verdicts(third, { a: 3, b: 0, c: 0, d: 0 }, only('a', 1)).validity, 'pick')?.passed).toBe(true);
    expect(rule(verdicts(third, { a: 3, b: 0, c: 0, d: 0 }, only('a', 0)).validity, 'pick')?.passed).toBe(false);
    expect(rule(verdicts(third, { a: 10_000, b: 0, c: 0, d: 0 }, only('a', 3333)).validity, 'pick')?.passed).toBe(true);
    expect(rule(verdicts(third, { a: 10_000, b: 0, c: 0, d: 0 }, only('a', 3332)).validity, 'pick')?.passed).toBe(false);
  });

  it('turnout quorum agrees with exact rational arithmetic for any two-decimal percent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 5000 }), fc.nat(5000), (bp, registered, k) => {
        const percent = Number(`${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`);
        expect(basisPoints(percent)).toBe(bp);
        const ballots = k % (registered + 1);
        const definition = definitionWith({ pick: [{ kind: 'turnout-quorum', percent }] });
        const verdict = rule(verdicts(definition, { a: 0, b: 0, c: 0, d: registered }, only('d', ballots)).validity, 'pick');
        // ballots / registered ≥ bp / 10000, cross-multiplied
        expect(verdict?.passed).toBe(ballots * 10_000 >= bp * registered);
      }),
      { numRuns: 100 },
    );
  });

  it('approval quorum: count(option)·10000 ≥ bp·registered', () => {
    const definition = definitionWith({ approve: [{ kind: 'approval-quorum', option: 'q', percent: 10 }] });
    const register = { a: 120, b: 80, c: 0, d: 1000 }; // d does not see the question: 200 registered
    const at = rule(
      verdicts(definition, register, { ...only('a', 30, { approve: { q: 12 } }), ...only('b', 5, { approve: { q: 8 } }) })
        .validity,
      'approve',
    );
    expect(at).toEqual({ kind: 'approval-quorum', passed: true, figures: { count: 20, registered: 200, basisPoints: 1000 } });
    const below = rule(verdicts(definition, register, only('a', 30, { approve: { q: 19, p: 30 } })).validity, 'approve');
    expect(below?.passed).toBe(false);
  });

  it('simple majority: 2·count > ballots − blank; a tie fails', () => {
    const definition = definitionWith({ ref: [{ kind: 'majority', option: 'yes', threshold: 'simple' }] });
    const register = { a: 1000, b: 0, c: 0, d: 0 };
    const vote = (yes: number, no: number, blank: number) =>
      rule(verdicts(definition, register, only('a', yes + no + blank, { ref: { yes, no, blank } })).validity, 'ref');
    expect(vote(46, 44, 10)).toEqual({
      kind: 'majority',
      passed: true,
      figures: { count: 46, ballots: 100, blank: 10, base: 90 },
    });
    expect(vote(45, 45, 10)?.passed).toBe(false);
    expect(vote(1, 0, 99)?.passed).toBe(true);
    expect(vote(0, 0, 5)?.passed).toBe(false);
  });

  it('two-thirds majority: 3·count ≥ 2·(ballots − blank); no answers fails', () => {
    const definition = definitionWith({ ref: [{ kind: 'majority', option: 'yes', threshold: 'two-thirds' }] });
    const register = { a: 1000, b: 0, c: 0, d: 0 };
    const vote = (yes: number, no: number, blank: number) =>
      rule(verdicts(definition, register, only('a', yes + no + blank, { ref: { yes, no, blank } })).validity, 'ref')?.passed;
    expect(vote(60, 30, 10)).toBe(true);
    expect(vote(59, 31, 10)).toBe(false);
    expect(vote(2, 1, 0)).toBe(true);
    expect(vote(0, 0, 0)).toBe(false);
    expect(vote(0, 0, 7)).toBe(false);
  });

  it('majority in a non-referendum: an option called "blank" is not subtracted', () => {
    const definition = definitionWith({ pick: [{ kind: 'majority', option: 'x', threshold: 'simple' }] });
    const register = { a: 0, b: 0, c: 0, d: 100 };
    const at = rule(verdicts(definition, register, only('d', 10, { pick: { x: 5, blank: 5 } })).validity, 'pick');
    expect(at).toEqual({ kind: 'majority', passed: false, figures: { count: 5, ballots: 10, blank: 0, base: 10 } });
  });

  it('district quorum: the other rules per district, passed by at least minDistricts', () => {
    const definition = definitionWith({
      ref: [
        { kind: 'turnout-quorum', percent: 50 },
        { kind: 'majority', option: 'yes', threshold: 'simple' },
        { kind: 'district-quorum', minDistricts: 2 },
      ],
    });
    const register = { a: 10, b: 10, c: 10, d: 10 };
    const district = (ballots: number, yes: number) => ({ ballots, counts: { ref: { yes, no: ballots - yes, blank: 0 } } });
    // a and b pass both rules; c has the turnout but not the majority (4 of 9): exactly two districts; overall 11 of 20
    const two = verdicts(definition, register, { a: district(5, 3), b: district(6, 4), c: district(9, 4) }).validity;
    expect(rule(two, 'ref', 2)).toEqual({
      kind: 'district-quorum',
      passed: true,
      figures: { minDistricts: 2, districts: 3, passing: 2, 'district:a': 1, 'district:b': 1, 'district:c': 0 },
    });
    expect(two.find((v) => v.question === 'ref')?.valid).toBe(true);
    // b now one ballot short of its turnout (4 of 10 < 50 %): one district only
    const one = verdicts(definition, register, { a: district(5, 3), b: district(4, 4), c: district(9, 4) }).validity;
    expect(rule(one, 'ref', 2)?.passed).toBe(false);
    expect(rule(one, 'ref', 0)?.passed).toBe(true); // overall turnout 18 of 30
    expect(rule(one, 'ref', 1)?.passed).toBe(true); // overall majority 11 of 18
    expect(one.find((v) => v.question === 'ref')?.valid).toBe(false);
  });

  it('a question is valid only when every rule passes; without rules it is valid', () => {
    const definition = definitionWith({
      ref: [
        { kind: 'turnout-quorum', percent: 10 },
        { kind: 'majority', option: 'yes', threshold: 'simple' },
      ],
    });
    const register = { a: 100, b: 0, c: 0, d: 0 };
    const { validity } = verdicts(definition, register, only('a', 20, { ref: { yes: 5, no: 15 }, pick: { x: 20 } }));
    expect(validity.map((v) => [v.question, v.valid, v.rules.map((r) => r.passed)])).toEqual([
      ['ref', false, [true, false]],
      ['pick', true, []],
      ['approve', true, []],
    ]);
  });
});
