// Election definitions: every rule of spec §3.3 produces its code at its path; valid ones round-trip through
// canonical JSON to the same fingerprint.
import { readFileSync } from 'node:fs';
import { bytesToHex, encodePoint, G } from '@saylau/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint, parseDefinition, parseDefinitionDraft } from '../src/index.ts';

const draft = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/definitions/city-referendum.json', import.meta.url), 'utf8'),
);
const boardKey = bytesToHex(encodePoint(G.multiply(7n)));
const valid = { ...draft, boardKey };

function codesOf(input: unknown): string[] {
  const parsed = parseDefinition(input);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.code}@${p.path.join('.')}`);
}

/** A deep copy with one change made by `edit`. */
function changed(edit: (d: typeof valid) => void): typeof valid {
  const copy = structuredClone(valid);
  edit(copy);
  return copy;
}

describe('definition rules', () => {
  it('accepts the sample definitions', () => {
    expect(codesOf(valid)).toEqual([]);
    const belenios = JSON.parse(
      readFileSync(new URL('../../../test/fixtures/definitions/belenios-shape.json', import.meta.url), 'utf8'),
    );
    expect(parseDefinitionDraft(belenios, boardKey).ok).toBe(true);
  });

  it.each([
    ['MISSING_TRANSLATION@title.kk', (d: typeof valid) => delete (d.title as Record<string, string>).kk],
    ['MALFORMED@districts.0.id', (d: typeof valid) => (d.districts[0].id = 'Not An Id')],
    ['MALFORMED@extra', (d: typeof valid) => Object.assign(d, { extra: true })],
    ['DUPLICATE_ID@districts', (d: typeof valid) => (d.districts[1].id = d.districts[0].id)],
    ['DUPLICATE_ID@questions.1.options', (d: typeof valid) => (d.questions[1].options[1].id = 'metro')],
    ['BAD_LIMITS@questions.2.maxSelections', (d: typeof valid) => (d.questions[2].maxSelections = 5)],
    ['BAD_LIMITS@questions.1.maxSelections', (d: typeof valid) => (d.questions[1].maxSelections = 2)],
    ['BAD_PERIOD@votingPeriod.closes', (d: typeof valid) => (d.votingPeriod.closes = d.votingPeriod.opens)],
    ['BAD_THRESHOLD@trustees.threshold', (d: typeof valid) => (d.trustees.threshold = 4)],
    ['DEFINITION_INVALID@questions.0.options', (d: typeof valid) => d.questions[0].options.reverse()],
    ['UNKNOWN_REFERENCE@questions.0.rules.1.option', (d: typeof valid) => (d.questions[0].rules[1].option = 'maybe')],
    [
      'BAD_RULE@questions.0.rules.2.minDistricts',
      (d: typeof valid) => d.questions[0].rules.push({ kind: 'district-quorum', minDistricts: 3 }),
    ],
    ['UNKNOWN_REFERENCE@ballotStyles.0.districts.0', (d: typeof valid) => (d.ballotStyles[0].districts[0] = 'nowhere')],
    ['STYLE_CONFLICT@districts.0', (d: typeof valid) => d.ballotStyles[1].districts.push('medeu')],
    ['UNKNOWN_REFERENCE@ballotStyles.1.questions.2', (d: typeof valid) => (d.ballotStyles[1].questions[2] = 'nothing')],
    ['POINT_IS_IDENTITY@boardKey', (d: typeof valid) => (d.boardKey = '0'.repeat(64))],
    ['POINT_NOT_CANONICAL@boardKey', (d: typeof valid) => (d.boardKey = 'f'.repeat(64))],
  ])('reports %s', (expected, edit) => {
    expect(codesOf(changed(edit as (d: typeof valid) => void))).toContain(expected);
  });

  it('reports every problem, not the first', () => {
    const bad = changed((d) => {
      d.trustees.threshold = 9;
      d.votingPeriod.closes = d.votingPeriod.opens;
      d.questions[1].maxSelections = 2;
    });
    expect(codesOf(bad)).toHaveLength(3);
  });

  it('refuses a draft that sets its own board key', () => {
    const parsed = parseDefinitionDraft(valid, boardKey);
    expect(parsed.ok).toBe(false);
  });
});

describe('canonical encoding and fingerprint', () => {
  it('does not depend on member order and changes with any field', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(Object.keys(valid), { minLength: Object.keys(valid).length }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (keys, title) => {
          const reordered = Object.fromEntries(keys.map((k) => [k, valid[k as keyof typeof valid]]));
          const parsed = parseDefinition(reordered);
          expect(parsed.ok && fingerprint(parsed.value)).toBe(fingerprint(valid));
          const retitled = changed((d) => (d.title.en = `${d.title.en}${title}`));
          expect(fingerprint(retitled)).not.toBe(fingerprint(valid));
          expect(canonicalJson(JSON.parse(canonicalJson(reordered)))).toBe(canonicalJson(valid));
        },
      ),
      { numRuns: 50 },
    );
  });
});
