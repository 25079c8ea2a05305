// The HTML report a commission shares: labels in the chosen language (not ids), each option's share of the
// question's ballots as `saylau results` and the public page print it, bars scaled to the whole, verdicts in words.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ElectionDefinition, electionUtcOffset, formatLocalDateTime, formatUtcOffset, shareText } from '@saylau/protocol';
import { describe, expect, it } from 'vitest';
import { runVerifier } from '../src/cli.ts';

const RECORD = new URL('../../../test/fixtures/sample-record', import.meta.url).pathname;
const definition = JSON.parse(readFileSync(join(RECORD, 'definition.json'), 'utf8')) as ElectionDefinition;
const result = JSON.parse(readFileSync(join(RECORD, 'result.json'), 'utf8')) as {
  overall: { question: string; counts: Record<string, number>; ballots: number }[];
};

async function report(language: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'saylau-html-')), 'report.html');
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const code = await runVerifier([RECORD, '--html', file, '--language', language, '--workers', '0'], {
    stdout: sink,
    stderr: sink,
  });
  expect(code).toBe(0);
  return readFileSync(file, 'utf8');
}

describe('the HTML report', () => {
  it('names questions, options and districts in the chosen language', async () => {
    const html = await report('ru');
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain(definition.title.ru);
    for (const q of definition.questions) {
      expect(html).toContain(q.text.ru);
      for (const o of q.options) expect(html).toContain(`${o.label.ru} (${o.id})`);
    }
    for (const d of definition.districts) expect(html).toContain(d.name.ru);
  });

  it('shows each share of the ballots, as the other tools do, with bars scaled to the whole', async () => {
    const html = await report('en');
    const approval = definition.questions.find((q) => q.maxSelections > 1);
    if (!approval) throw new Error('the sample record has no question with several selections');
    const counts = result.overall.find((q) => q.question === approval.id);
    if (!counts) throw new Error(`no overall result for ${approval.id}`);
    for (const o of approval.options) {
      const n = counts.counts[o.id] ?? 0;
      const share = shareText(n, counts.ballots);
      expect(html).toContain(`${n} (${share})`);
      expect(html).toContain(`width:${share}`);
    }
  });

  it('states every verdict in words, never as raw figures', async () => {
    const html = await report('en');
    expect(html).not.toMatch(/\{&#34;|\{"ballots"/);
    expect(html).toMatch(/turnout \d+ of \d+ registered = [\d.]+% \(required ≥ [\d.]+%\)/);
  });
});

describe('the HTML report’s times', () => {
  it('gives the final signed board state’s time in the election’s time zone, with the zone written out', async () => {
    const html = await report('ru');
    const offset = electionUtcOffset(definition);
    // the record's last signed head, as the summary row shows it
    const final = html.match(
      /size (\d+), root <span class="mono">[0-9a-f]+<\/span>, ([^<]+) <span class="muted mono">([^<]+)<\/span>/,
    );
    if (!final) throw new Error('the summary shows no final head time');
    expect(final[2]).toBe(formatLocalDateTime(final[3] as string, 'ru', offset));
    expect(final[2]).toContain(`(${formatUtcOffset(offset)})`);
  });
});
