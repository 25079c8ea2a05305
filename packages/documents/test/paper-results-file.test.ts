// The paper results file as the CLI and the console read it (spec §4.4.3): Excel's ";" and CRLF read the same as a
// plain CSV and as JSON; a cell that is not a count, an unknown district or option, and each broken consistency rule
// come back with their line (JSON: path) and the protocol's code; a file that is not paper results at all throws.
import { readFileSync } from 'node:fs';
import type { ElectionDefinition } from '@saylau/protocol';
import { describe, expect, it } from 'vitest';
import { DocumentError, readPaperResultsFile } from '../src/index.ts';

const definition = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/definitions/city-referendum.json', import.meta.url), 'utf8'),
) as ElectionDefinition;
const FP = 'ab'.repeat(32);
const REGISTER = { medeu: 4, bostandyk: 4 };
const HEADER =
  'district,ballots_issued,ballots_cast,invalid,parks.yes,parks.no,parks.blank,transport.metro,transport.tram,transport.brt,transport.bikes,transport.roads,projects.library,projects.pool,projects.market,projects.lights';
const GOOD = [HEADER, 'medeu,3,3,1,1,1,0,0,2,0,0,0,,,,', 'bostandyk,2,2,0,0,2,0,1,0,0,1,0,1,1,0,0'];
const read = (text: string, format: 'csv' | 'json' = 'csv') =>
  readPaperResultsFile(new TextEncoder().encode(text), format, definition, FP, REGISTER);

describe('readPaperResultsFile', () => {
  it('reads a consistent CSV the same with "," and with Excel\'s ";" and CRLF, and as JSON', () => {
    const csv = read(`${GOOD.join('\n')}\n`);
    expect([csv.malformed, csv.problems]).toEqual([[], []]);
    expect(csv.districts.map((d) => [d.district, d.ballotsCast, d.invalid])).toEqual([
      ['medeu', 3, 1],
      ['bostandyk', 2, 0],
    ]);
    expect(csv.districts[0]?.questions.map((q) => q.question)).toEqual(['parks', 'transport']);
    const excel = read(`${GOOD.map((l) => l.replaceAll(',', ';')).join('\r\n')}\r\n`);
    expect(excel.districts).toEqual(csv.districts);
    expect(excel.note).toContain('separator');
    const json = read(JSON.stringify({ districts: csv.districts }), 'json');
    expect([json.districts, json.problems]).toEqual([csv.districts, []]);
  });

  it('gives each malformed cell, unknown district and unknown option its line', () => {
    const report = read(`${HEADER},parks.maybe\nmedeu,3,x,1,1,1,0,0,2,0,0,0,,,,,1\nnowhere,1,1,0,,,,,,,,,,,,,\n`);
    expect(report.malformed.map((p) => [p.line, p.at])).toEqual([
      [2, 'ballots_cast'],
      [2, 'parks.maybe'],
      [3, 'district'],
    ]);
    expect(report.problems).toEqual([]);
  });

  it('gives each broken rule its line and the server’s code', () => {
    const bad = read(`${HEADER}\nmedeu,5,3,1,1,5,0,0,2,0,0,0,,,,\n`);
    expect(bad.problems.map((p) => [p.line, p.code, p.at])).toEqual([
      [2, 'PAPER_RESULTS_INCONSISTENT', 'districts.0.ballotsIssued'],
      [2, 'PAPER_RESULTS_INCONSISTENT', 'districts.0.questions.0.counts.no'],
      [2, 'PAPER_RESULTS_INCONSISTENT', 'districts.0.questions.0.counts'],
      [undefined, 'PAPER_RESULTS_INCONSISTENT', 'districts'],
    ]);
  });

  it('throws DocumentError for what is not a paper results file', () => {
    expect(() => read('voter_id,district\nV-1,medeu\n')).toThrow(DocumentError);
    expect(() => read('')).toThrow(/is empty/);
    expect(() => read('{"districts": [], "extra": 1}', 'json')).toThrow(/is not a paper results file/);
    expect(() => read('{', 'json')).toThrow(/is not valid JSON/);
  });
});
