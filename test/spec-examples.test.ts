// The spec's examples are the sample record's own bytes: §7.2's manifest example must be test/fixtures/sample-record's
// manifest, so an outside verifier reading the spec sees the record it can test against (spec §7.8).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('docs/spec.md examples', () => {
  it('§7.2’s manifest example is the sample record’s manifest, byte for byte once its line breaks are joined', () => {
    const spec = read('docs/spec.md');
    const start = spec.indexOf('```json\n{"createdAt":');
    expect(start, 'no manifest example in §7.2').toBeGreaterThan(0);
    const block = spec.slice(start + '```json\n'.length, spec.indexOf('```', start + 8));
    const joined = block.replace(/\n /g, '').replace(/\n/g, '');
    expect(joined, 'regenerate the example in §7.2 from test/fixtures/sample-record/manifest.json').toBe(
      read('test/fixtures/sample-record/manifest.json').trimEnd(),
    );
  });
});
