// scripts/check-kernels.ts in CI: the internal kernels against noble's ristretto255 on thousands of random, edge
// and torsion inputs — once with the WebAssembly kernel (Node's path) and once with the BigInt kernels alone
// (the browsers' path, SAYLAU_KERNEL=js).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../scripts/check-kernels.ts', import.meta.url));

describe('the kernels against noble (scripts/check-kernels.ts)', () => {
  for (const kernel of ['wasm', 'js']) {
    it(`agree on every comparison with SAYLAU_KERNEL=${kernel}`, async () => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT], {
        env: { ...process.env, SAYLAU_KERNEL: kernel },
      });
      expect(stdout).toMatch(/all \d{4,} kernel checks passed/);
      expect(stdout).not.toMatch(/FAIL/);
    }, 180_000);
  }
});
