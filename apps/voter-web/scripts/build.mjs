// Builds the voter pages (booth, second-device check, public page) into apps/voter-web/dist, where `saylau serve`
// serves them from. Run by the root package's postinstall, so that a server never builds at start.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

/** vite build into outDir (default dist/); throws with vite's output when it fails. */
export function buildVoterPages(outDir = join(APP_DIR, 'dist')) {
  const vite = join(APP_DIR, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: APP_DIR,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // node scripts/build.mjs [OUT_DIR]: the install builds into dist/; the browser tests into a folder of their own
  const outDir = process.argv[2];
  const t0 = Date.now();
  try {
    buildVoterPages(outDir);
    if (!outDir) console.log(`built apps/voter-web/dist in ${Date.now() - t0} ms`);
  } catch (error) {
    console.error(`could not build the voter pages: ${error.message}`);
    // The install goes on; `saylau serve` then says the pages are missing and how to build them.
    if (outDir) process.exitCode = 1;
  }
}
