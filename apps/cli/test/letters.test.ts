// The voters' letters (issue 15): a print-ready PDF, a page per voter in the voter's language with an embedded font
// that covers Kazakh, the dates in the election's time zone, the glossary's words; the mail-merge CSV; the HTML.
// The PDF is read back with pdf.js (text) and one page is rendered by pdf.js in Chromium for a reviewer.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  contentTexts,
  type Letter,
  letterContent,
  lettersHtml,
  lettersMailMerge,
  MAIL_MERGE_COLUMNS,
  parseCsv,
} from '@saylau/documents';
import { LANGUAGES, label, vocabularyProblems } from '@saylau/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeLettersMailMerge } from '../src/credentials/issue.ts';
import { lettersPdf, writeLettersPdf } from '../src/credentials/letters-pdf.ts';
import { loadDefinitionDraft } from '../src/files/definition-file.ts';
import { renderPdfPages } from './pdf-render.ts';
import { pdfPageTexts } from './pdf-text.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = join(REPO, 'test/artifacts/letters');

const { preview } = loadDefinitionDraft(join(REPO, 'test/fixtures/definitions/town-budget.yaml'));
/** The fixture's election with its period written in Almaty time, as a commission there would write it. */
const definition = { ...preview, votingPeriod: { opens: '2026-12-01T08:00:00+05:00', closes: '2026-12-07T15:00:00Z' } };
const base = { district: 'north', loginCode: 'ABCDEFGHJKMN', credentialHex: `1234abcd${'00'.repeat(24)}9876fedc` };
const LETTERS: Letter[] = [
  {
    ...base,
    voterId: 'KZ-0001',
    name: 'Әсел Құрманғазықызы',
    address: 'Абай даңғылы 10, 5-пәтер\n120700 Арал',
    credentialCode: 'K0K0K00000111112222H',
    language: 'kk',
  },
  {
    ...base,
    voterId: 'KZ-0002',
    name: 'Иван Петров',
    address: 'ул. Горького 1\n120700 Аральск',
    credentialCode: 'R0R0R00000111112222H',
    language: 'ru',
  },
  { ...base, voterId: 'KZ-0003', name: 'Jane Doe', credentialCode: 'E0E0E00000111112222H', language: 'en' },
];
const OPTIONS = {
  votingUrl: 'https://saylau.example.kz/?election=aral-2026-budget',
  fingerprint: 'c0ffee00'.repeat(8),
  contact: 'Арал аудандық сайлау комиссиясы, +7 724 332 10 10',
};

describe('the letters as PDF', () => {
  let pdf: Buffer;
  let texts: string[];
  beforeAll(async () => {
    pdf = await lettersPdf(definition, LETTERS, OPTIONS);
    texts = await pdfPageTexts(pdf);
  });

  it('has one page per voter and is a PDF', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(texts).toHaveLength(3);
  });

  it('writes each voter’s page in their language, with the Kazakh letters in the embedded font', () => {
    const [kk, ru, en] = texts.map((t) => t.replace(/\s+/g, ' ')) as [string, string, string];
    expect(kk).toContain('Қолтаңба коды');
    expect(kk).toContain('Электрондық дауыс беруге арналған хат');
    expect(kk).toContain('Арал ауданының бюджеті 2026');
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і']) expect(kk, letter).toContain(letter);
    expect(ru).toContain('Код подписи');
    expect(ru).toContain('Бюджет Аральского района 2026');
    expect(en).toContain('Signing code');
    expect(en.replaceAll(OPTIONS.contact, '')).not.toMatch(/[әғқңөұүһі]/);
    // the embedded fonts are DejaVu subsets (no Helvetica, which has no Cyrillic)
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(raw).not.toContain('Helvetica');
  });

  it('prints the codes in groups, the period with the time zone, the address, the QR target and the contact', () => {
    const [kk, ru, en] = texts.map((t) => t.replace(/\s+/g, ' ')) as [string, string, string];
    expect(kk).toContain('K0K0K-00000-11111-2222H');
    expect(kk).toContain('ABCD-EFGH-JKMN');
    expect(kk).toContain('2026 жылғы 1 желтоқсан, 08:00 (UTC+05:00)');
    // the close is written in UTC and shown in the election's zone
    expect(kk).toContain('2026 жылғы 7 желтоқсан, 20:00 (UTC+05:00)');
    expect(ru).toContain('1 декабря 2026 г., 08:00 (UTC+05:00)');
    expect(en).toContain('1 December 2026, 08:00 (UTC+05:00)');
    expect(kk).toContain('Әсел Құрманғазықызы');
    expect(kk).toContain('120700 Арал');
    expect(ru).toContain('ул. Горького 1');
    expect(en.replace(/\s/g, '')).toContain(OPTIONS.votingUrl);
    expect(en).toContain('Election commission: Арал аудандық сайлау комиссиясы');
    expect(kk).toContain('1234abcd…9876fedc');
  });

  it('writes the file for its owner only and never over another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saylau-letters-'));
    try {
      const file = join(dir, 'letters.pdf');
      await writeLettersPdf(file, definition, LETTERS, OPTIONS);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      await expect(writeLettersPdf(file, definition, LETTERS, OPTIONS)).rejects.toThrow(/EEXIST/);
      const merge = join(dir, 'letters.csv');
      writeLettersMailMerge(merge, definition, LETTERS, OPTIONS);
      expect(statSync(merge).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders in a browser (pdf.js in Chromium) for a reviewer: test/artifacts/letters/', { timeout: 60_000 }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'letters.pdf'), pdf);
    const pages = await renderPdfPages(
      [1, 2, 3].map((n) => ({ pdf, page: n, png: join(ARTIFACTS, `letter-${LANGUAGES[n - 1]}.png`) })),
    );
    for (const size of pages) {
      // A4 at 144 dpi, with text and the QR code drawn on it (a blank page has no dark pixels)
      expect(Math.abs(size.width - 1191)).toBeLessThanOrEqual(1);
      expect(Math.abs(size.height - 1684)).toBeLessThanOrEqual(1);
      expect(size.dark).toBeGreaterThan(0.02);
    }
  });
});

describe('the letters’ words', () => {
  it('use the glossary’s terms and none of their banned synonyms, in every language', () => {
    for (const language of LANGUAGES) {
      const content = letterContent(definition, LETTERS[0] as Letter, OPTIONS, language);
      const problems = contentTexts(content).flatMap((t) => vocabularyProblems(t, language));
      expect(problems, language).toEqual([]);
      // the booth labels its fields with the same glossary words (apps/voter-web/test/vocabulary.test.ts)
      expect(content.fields.signingCode.label).toBe(label('signingCode', language));
      expect(content.fields.loginCode.label).toBe(label('loginCode', language));
      expect(content.fields.fingerprint.label).toBe(label('electionFingerprint', language));
      expect(content.fields.signatureMark.label).toBe(label('signatureMark', language));
    }
  });

  it('fall back to the default language, then to Kazakh', () => {
    const { language: _none, ...plain } = LETTERS[2] as Letter;
    expect(letterContent(definition, plain, { ...OPTIONS, language: 'ru' }).language).toBe('ru');
    expect(letterContent(definition, plain, OPTIONS).language).toBe('kk');
  });

  it('the HTML letters name the codes as the glossary does in all three languages', () => {
    const html = lettersHtml(definition, LETTERS, OPTIONS.votingUrl, OPTIONS.fingerprint);
    for (const language of LANGUAGES) expect(vocabularyProblems(html, language), language).toEqual([]);
    expect(html).toContain('Қолтаңба коды / Код подписи / Signing code');
    expect(html).toContain('2026 жылғы 1 желтоқсан, 08:00 (UTC+05:00)');
  });
});

describe('the mail-merge CSV', () => {
  it('has a row per voter with every field in the voter’s language', () => {
    const csv = lettersMailMerge(definition, LETTERS, OPTIONS);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1), ',');
    expect(header?.fields).toEqual([...MAIL_MERGE_COLUMNS]);
    expect(rows).toHaveLength(3);
    const row = (i: number) =>
      Object.fromEntries(MAIL_MERGE_COLUMNS.map((c, k) => [c, rows[i]?.fields[k]])) as Record<string, string>;
    expect(row(0)).toMatchObject({
      voter_id: 'KZ-0001',
      language: 'kk',
      address: 'Абай даңғылы 10, 5-пәтер\n120700 Арал',
      signing_code: 'K0K0K-00000-11111-2222H',
      label_signing_code: 'Қолтаңба коды',
      voting_period: 'Дауыс беру уақыты: 2026 жылғы 1 желтоқсан, 08:00 (UTC+05:00) – 2026 жылғы 7 желтоқсан, 20:00 (UTC+05:00)',
    });
    expect(row(1).label_signing_code).toBe('Код подписи');
    expect(row(2).steps?.split('\n')).toHaveLength(7);
  });
});
