// `saylau demo` end to end as the README's first command runs it, with 60 voters: the published result must
// equal the simulated votes and the exported record must verify.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saylau, tempDir } from './helpers.ts';

describe('saylau demo', () => {
  it('runs a whole election whose results match and whose record verifies', { timeout: 180_000 }, async () => {
    const out = join(tempDir(), 'record');
    const run = await saylau(['demo', '--voters', '60', '--out', out]);
    if (run.code !== 0) throw new Error(`demo exited ${run.code}\n${run.stdout}\n${run.stderr}`);
    expect(run.stdout).toContain('results match the simulated votes');
    expect(run.stdout).toMatch(/record verified: all \d+ checks passed/);
    expect(run.stdout).toContain('trustee 3 is missing');
    expect(run.stdout).toMatch(/district medeu[\s\S]*district bostandyk[\s\S]*overall/);
    expect(run.stdout).toMatch(/parks: (VALID|NOT VALID)/);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});
