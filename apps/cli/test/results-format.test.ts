// The result as `saylau results --language …` prints it: labels in the reader's language with their ids, figures
// read back exactly as the tests of whole elections read them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectionDefinition, EventJsonOf } from '@saylau/protocol';
import { describe, expect, it } from 'vitest';
import { resultLines, turnoutLines } from '../src/results/format.ts';
import { REPO } from './helpers.ts';
import { parsePrintedResults, parsePrintedValidity } from './results-text.ts';

const RECORD = join(REPO, 'test/fixtures/sample-record');
const definition = JSON.parse(readFileSync(join(RECORD, 'definition.json'), 'utf8')) as ElectionDefinition;
const result = JSON.parse(readFileSync(join(RECORD, 'result.json'), 'utf8')) as EventJsonOf<'result'>;

describe('the printed result', () => {
  it('names questions, options and districts by their labels in the chosen language, with their ids', () => {
    for (const language of ['kk', 'ru', 'en'] as const) {
      const text = resultLines(definition, result, language).join('\n');
      const parks = definition.questions.find((q) => q.id === 'parks');
      const yes = parks?.options.find((o) => o.id === 'yes');
      expect(text).toContain(`parks: ${parks?.text[language]}`);
      expect(text).toContain(`${yes?.label[language]} (yes)`);
      expect(text).toContain(`district medeu (${definition.districts.find((d) => d.id === 'medeu')?.name[language]})`);
      expect(text).toContain(definition.title[language]);
    }
  });

  it('reads back to the same counts and verdicts in every language', () => {
    const counts = (language: 'kk' | 'ru' | 'en') => parsePrintedResults(resultLines(definition, result, language).join('\n'));
    expect(counts('kk')).toEqual(counts('en'));
    expect(counts('ru')).toEqual(counts('en'));
    expect(counts('en').overall?.parks).toEqual(result.overall.find((q) => q.question === 'parks')?.counts);
    const verdicts = parsePrintedValidity(resultLines(definition, result, 'ru').join('\n'));
    expect(verdicts).toEqual(Object.fromEntries(result.validity.map((v) => [v.question, v.valid ? 'VALID' : 'NOT VALID'])));
  });

  it('shows the turnout per district by name', () => {
    const lines = turnoutLines({ districts: [{ district: 'medeu', registered: 15, voted: 10 }] }, definition, 'kk');
    const name = definition.districts.find((d) => d.id === 'medeu')?.name.kk;
    expect(lines.join('\n')).toMatch(new RegExp(`medeu \\(${name}\\)\\s+15\\s+10\\s+66\\.7%`));
  });
});
