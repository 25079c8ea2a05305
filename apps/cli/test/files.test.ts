// The commission's files: the CSV reader (RFC 4180 quoting, line numbers), the register check, and definitions
// in JSON or YAML.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvSyntaxError, csvField, detectSeparator, parseCsv } from '@saylau/documents';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli/errors.ts';
import { loadDefinitionDraft } from '../src/files/definition-file.ts';
import { readRegisterCsv, readVoterIdsCsv } from '../src/files/voters-csv.ts';
import { REPO, tempDir } from './helpers.ts';

describe('parseCsv (RFC 4180, through csv-parse)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('keeps empty fields and a last line without a newline', () => {
    expect(parseCsv('a,,c\n,,')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['', '', ''] },
    ]);
  });

  it('rejects an unclosed quote and stray quotes with their line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\nb"c')).toThrow(/line 2/);
    expect(() => parseCsv('"a"b')).toThrow(/after a closing quote/);
  });

  it('reads ";" and tab separators, and CR-only line ends, with the line each record starts on', () => {
    expect(parseCsv('a;b\r"x;\r\ny";"1,2"\r\rz;w', ';')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;\ny', '1,2'] },
      { line: 5, fields: ['z', 'w'] },
    ]);
    expect(parseCsv('a\tb\n1\t"2\t3"\n', '\t')[1]?.fields).toEqual(['1', '2\t3']);
  });

  it('finds the separator from the header, refusing a header two separators split', () => {
    expect(detectSeparator('voter_id;district\nA;north\n')).toBe(';');
    expect(detectSeparator('voter_id\tdistrict\n')).toBe('\t');
    expect(detectSeparator('"voter;id",district\n')).toBe(',');
    expect(detectSeparator('voter_id\nA,B\n')).toBe(',');
    expect(() => detectSeparator('voter_id;district,name\n')).toThrow(/line 1: the header can be split/);
  });

  it('round-trips fields through csvField', () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'multi\nline', ''];
    expect(parseCsv(fields.map(csvField).join(','))[0]?.fields).toEqual(fields);
  });
});

describe('readRegisterCsv', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('accepts the sample register', () => {
    const report = readRegisterCsv(join(REPO, 'test/fixtures/voters/town-budget-voters.csv'), ['north', 'south']);
    expect(report.note).toBe('read as UTF-8 (detected), 10 rows, separator ","');
    expect(report.problems).toEqual([]);
    expect(report.accepted).toHaveLength(10);
    expect(report.accepted[3]).toMatchObject({ voterId: 'KZ-0004', name: 'Ерлан "Ерик" Жаксылыков', line: 5 });
  });

  it('finds columns by name in any order and reports every problem with its line', () => {
    const file = write('r.csv', 'district,voter_id\nnorth,A\nsouth,A\nmoon,B\nnorth,\n');
    const report = readRegisterCsv(file, ['north', 'south']);
    expect(report.accepted.map((v) => v.voterId)).toEqual(['A']);
    expect(report.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'duplicate'],
      [4, 'unknown-district'],
      [5, 'malformed'],
    ]);
  });

  it('needs the voter_id and district columns', () => {
    expect(() => readRegisterCsv(write('h.csv', 'id,area\n1,north\n'), ['north'])).toThrow(CliError);
    expect(() => readRegisterCsv(write('e.csv', ''), ['north'])).toThrow(/empty/);
  });

  it('reads the letters’ language and address columns, refusing an unknown language', () => {
    const file = write(
      'l.csv',
      'voter_id,district,name,language,address\nA,north,Әсел,KK,"Абай 10\n120700 Арал"\nB,north,Bob,,\nC,north,Cy,de,x\n',
    );
    const report = readRegisterCsv(file, ['north']);
    expect(report.accepted).toEqual([
      expect.objectContaining({ voterId: 'A', language: 'kk', address: 'Абай 10\n120700 Арал' }),
      expect.objectContaining({ voterId: 'B', address: '' }),
    ]);
    expect(report.accepted[1]).not.toHaveProperty('language');
    expect(report.problems).toEqual([{ line: 5, kind: 'malformed', message: 'language "de" is not one of kk, ru, en' }]);
  });

  it('reads the paper voters list, noting repeats', () => {
    const { ids, problems } = readVoterIdsCsv(write('p.csv', 'voter_id\nA\nB\nA\n'));
    expect(ids).toEqual(['A', 'B']);
    expect(problems).toEqual([{ line: 4, kind: 'duplicate', message: 'voter id "A" is listed twice' }]);
  });
});

describe('loadDefinitionDraft', () => {
  it('reads the YAML and JSON fixtures', () => {
    expect(loadDefinitionDraft(join(REPO, 'test/fixtures/definitions/town-budget.yaml')).draft.id).toBe('aral-2026-budget');
    expect(loadDefinitionDraft(join(REPO, 'test/fixtures/definitions/city-referendum.json')).draft.id).toBe('almaty-2026-parks');
  });

  it('refuses a board key in a draft (the server sets it)', () => {
    const dir = tempDir();
    const file = join(dir, 'with-key.json');
    writeFileSync(file, JSON.stringify({ boardKey: 'ab'.repeat(32) }));
    try {
      loadDefinitionDraft(file);
      expect.unreachable();
    } catch (error) {
      expect((error as CliError).details.join('\n')).toContain('MALFORMED at boardKey');
    }
  });

  it('reports each mistake of a YAML file at its line, in plain words', () => {
    const file = join(tempDir(), 'mistakes.yaml');
    const fixture = readFileSync(join(REPO, 'test/fixtures/definitions/town-budget.yaml'), 'utf8');
    const broken = fixture
      .replace('closes: "2036-01-01T00:00:00Z"', 'closes: "next week"')
      .replace('    maxSelections: 1\n', '    maxSelections: one\n')
      .replace('    name: { kk: Оңтүстік, ru: Юг, en: South }', '    name: { kk: Оңтүстік, ru: Юг }');
    writeFileSync(file, broken);
    const lineOf = (text: string) => broken.split('\n').findIndex((l) => l.includes(text)) + 1;
    let details = '';
    try {
      loadDefinitionDraft(file);
      expect.unreachable();
    } catch (error) {
      details = (error as CliError).details.join('\n');
    }
    expect(details).toContain(`MALFORMED at votingPeriod.closes (line ${lineOf('next week')}): a date-time`);
    expect(details).toContain(
      `MALFORMED at questions.0.maxSelections (line ${lineOf('maxSelections: one')}): must be a number, not a text`,
    );
    expect(details).toContain(
      `MISSING_TRANSLATION at districts.1.name.en (line ${lineOf('Юг }')}): missing: a text is required here`,
    );
    expect(details).not.toMatch(/Invalid input|expected string|received/);
  });
});
