// The results protocol as a commission prints it to sign (issue 15): the PDF in Kazakh, Russian and English, built
// from the sample record, rendered by pdf.js in Chromium into test/artifacts/results-protocol/ for a reviewer, and
// read back as text: the title, the figures and the time of the final signed board state in the election's zone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BoardEventJson,
  buildResultsProtocol,
  type ElectionDefinition,
  electionUtcOffset,
  formatLocalDateTime,
  LANGUAGES,
} from '@saylau/protocol';
import { describe, expect, it } from 'vitest';
import { resultsProtocolPdf } from '../src/results-protocol/pdf.ts';
import { renderPdfPages } from './pdf-render.ts';
import { pdfPageTexts } from './pdf-text.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const RECORD = join(REPO, 'test/fixtures/sample-record');
const ARTIFACTS = join(REPO, 'test/artifacts/results-protocol');

const lines = (file: string) =>
  readFileSync(join(RECORD, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
const definition = JSON.parse(readFileSync(join(RECORD, 'definition.json'), 'utf8')) as ElectionDefinition;
const events = lines('events.jsonl').map((line) => JSON.parse(line) as BoardEventJson);
const finalHead = JSON.parse(lines('tree-heads.jsonl').at(-1) as string);

describe('the results protocol as PDF', () => {
  it('is an A4 page per language with the figures and the final head’s local time', { timeout: 90_000 }, async () => {
    const built = buildResultsProtocol({ definition, events, finalHead }, { recordUrl: 'https://example.org/record' });
    if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('; '));
    const protocol = built.value;
    mkdirSync(ARTIFACTS, { recursive: true });
    const pdfs = [];
    for (const language of LANGUAGES) {
      const pdf = await resultsProtocolPdf(definition, protocol, language);
      writeFileSync(join(ARTIFACTS, `protocol-${language}.pdf`), pdf);
      const text = (await pdfPageTexts(pdf)).join('\n').replace(/\s+/g, ' ');
      expect(text).toContain(definition.title[language].replace(/\s+/g, ' '));
      expect(text).toContain(formatLocalDateTime(finalHead.timestamp, language, electionUtcOffset(definition)));
      expect(text).toContain(String(protocol.register.total));
      pdfs.push({ pdf, page: 1, png: join(ARTIFACTS, `protocol-${language}.png`) });
    }
    for (const page of await renderPdfPages(pdfs)) {
      expect(Math.abs(page.width - 1191)).toBeLessThanOrEqual(1);
      expect(Math.abs(page.height - 1684)).toBeLessThanOrEqual(1);
      expect(page.dark).toBeGreaterThan(0.01);
    }
  });
});
