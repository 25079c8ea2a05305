// The saylau-verify command as an auditor runs it: a separate process, its code loaded from the pre-built bundle
// (ballots/bundle.ts) or, with SAYLAU_VERIFY_NO_BUNDLE, through tsx; both must give the same verdict and exit codes.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const RECORD = fileURLToPath(new URL('../../../test/fixtures/sample-record', import.meta.url));

async function verify(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

describe('the saylau-verify command', () => {
  for (const [loader, env] of [
    ['from its bundle', {}],
    ['through tsx', { SAYLAU_VERIFY_NO_BUNDLE: '1' }],
  ] as const) {
    it(`passes the sample record and refuses a missing one, ${loader}`, async () => {
      const honest = await verify([RECORD, '--json'], env);
      expect(honest.code).toBe(0);
      const report = JSON.parse(honest.stdout) as { ok: boolean; checks: { id: string; failed: number }[] };
      expect(report.ok).toBe(true);
      expect(report.checks.length).toBeGreaterThan(30);
      expect(report.checks.every((c) => c.failed === 0)).toBe(true);
      const missing = await verify([`${RECORD}-does-not-exist`, '--json'], env);
      expect(missing.code).toBe(2);
    }, 120_000);
  }

  it('never runs code from a bundle folder that someone else can write to', async () => {
    // the folder the bundles would go to, made writable by every user before the verifier comes
    const temp = mkdtempSync(join(tmpdir(), 'saylau-shared-tmp-'));
    try {
      const shared = join(temp, `saylau-verifier-${process.getuid?.() ?? ''}`.replace(/-$/, ''));
      mkdirSync(shared);
      chmodSync(shared, 0o777);
      const run = await verify([RECORD, '--json', '--workers', '1'], { TMPDIR: temp });
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as { ok: boolean; timing: { workerCode: string } };
      expect(report.ok).toBe(true);
      expect(report.timing.workerCode).toMatch(/^tsx \(no bundle: .*only they can write to\)$/);
      expect(readdirSync(shared)).toEqual([]);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }, 120_000);
});
