// The worker threads' code, and the command's own, as one JavaScript file each. Loading the TypeScript module graph
// through tsx's loader hooks costs a thread about a second of CPU (hundreds of modules, each resolved and
// transformed on a hooks thread); one pre-built file loads in about a tenth of that, and with V8's code cache of an
// earlier run (apps/cli/scripts/code-cache.cjs) in less again. The files are built with the esbuild that tsx itself
// runs on and kept in a folder of the user's own in the OS temp folder, keyed by the sources they were built from;
// if one cannot be built, its code loads through tsx instead (worker-boot.mjs, cli.ts), only more slowly.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Where the threads' code comes from: the bundle, or worker-boot.mjs (tsx) with the reason the bundle was not used. */
export type WorkerEntry =
  | { readonly url: URL; readonly loader: 'bundle' }
  | { readonly url: URL; readonly loader: 'tsx'; readonly reason: string };

interface Built {
  readonly bundle: string;
  /** Every source file in the bundle, with what it looked like then. */
  readonly inputs: readonly { readonly path: string; readonly size: number; readonly mtimeMs: number }[];
}

interface Esbuild {
  buildSync(options: object): { outputFiles: { contents: Uint8Array }[]; metafile: { inputs: Record<string, unknown> } };
}

function unchanged(built: Built): boolean {
  return built.inputs.every((input) => {
    if (!existsSync(input.path)) return false;
    const stat = statSync(input.path);
    return stat.size === input.size && stat.mtimeMs === input.mtimeMs;
  });
}

let known: WorkerEntry | undefined;

/**
 * The threads' entry point: the bundle, built now if there is none for the current sources (about half a second,
 * once), or worker-boot.mjs with the reason the bundle could not be built.
 */
export function workerEntry(): WorkerEntry {
  if (known) return known;
  try {
    known = build();
  } catch (error) {
    known = {
      url: new URL('./worker-boot.mjs', import.meta.url),
      loader: 'tsx',
      reason: error instanceof Error ? error.message : String(error),
    };
  }
  return known;
}

function build(): WorkerEntry {
  if (process.env.SAYLAU_VERIFY_NO_BUNDLE) throw new Error('SAYLAU_VERIFY_NO_BUNDLE is set');
  return { url: bundled(new URL('./worker.ts', import.meta.url), 'worker', 'cjs'), loader: 'bundle' };
}

/**
 * What a thread runs first when its code is the bundle: the bundle through the code cache, whose cache is written
 * once the thread has checked its first slice (so it holds the compiled checks, not only the bundle's top level).
 * Its message listener comes after the bundle's own, so it sees a slice message once that slice is answered.
 */
const BOOT_WITH_CODE_CACHE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = require(workerData.codeCache).loadWithCodeCache(workerData.bundle);
parentPort.on('message', function saveOnce(message) {
  if (message.kind !== 'slice') return;
  parentPort.off('message', saveOnce);
  loaded.saveCache();
});
`;

/** Starts a thread running the worker's code as `entry` says. */
export function startWorker(entry: WorkerEntry): Worker {
  if (entry.loader === 'tsx') return new Worker(entry.url);
  return new Worker(BOOT_WITH_CODE_CACHE, {
    eval: true,
    workerData: {
      bundle: fileURLToPath(entry.url),
      codeCache: fileURLToPath(new URL('../../../cli/scripts/code-cache.cjs', import.meta.url)),
    },
  });
}

/**
 * The command's code (cli.ts) as a pre-built file, or cli.ts itself when that cannot be had. In that bundle this
 * module's import.meta.url is replaced by its source address, so that it still finds worker.ts and tsx.
 */
export function commandEntry(): URL {
  const source = new URL('../cli.ts', import.meta.url);
  if (process.env.SAYLAU_VERIFY_NO_BUNDLE) return source;
  try {
    return bundled(source, 'cli', 'esm');
  } catch {
    return source;
  }
}

/**
 * The folder for the bundles: the user's own, not writable by anyone else — whoever could write there could put
 * their code in the verifier. Throws (and the code then loads through tsx) when it is not so.
 */
function bundleFolder(): string {
  const uid = process.getuid?.();
  const dir = join(tmpdir(), uid === undefined ? 'saylau-verifier' : `saylau-verifier-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) {
    throw new Error(`${dir} is not a folder of this user's that only they can write to`);
  }
  return dir;
}

/**
 * A thread's code as the command's (apps/cli/scripts/build.mjs): without whitespace and with simpler syntax, names
 * kept — less to read and load at each start. Part of the bundle's key, so a change of these rebuilds it.
 */
const THREAD_OPTIONS = { minifyWhitespace: true, minifySyntax: true };

/**
 * A bundle of the TypeScript module at `source`, reused while none of its inputs has changed: an ES module that
 * keeps this module's import.meta.url (the command: it finds worker.ts and tsx from there), or CommonJS (a thread's
 * code, run through the code cache).
 */
function bundled(source: URL, name: string, format: 'esm' | 'cjs'): URL {
  const entry = fileURLToPath(source);
  const dir = bundleFolder();
  const key = createHash('sha256')
    .update(entry)
    .update(process.version)
    .update(JSON.stringify(format === 'cjs' ? THREAD_OPTIONS : {}))
    .digest('hex')
    .slice(0, 16);
  const index = join(dir, `${name}-${key}.json`);
  if (existsSync(index)) {
    const built = JSON.parse(readFileSync(index, 'utf8')) as Built;
    if (existsSync(built.bundle) && unchanged(built)) return pathToFileURL(built.bundle);
  }
  // tsx runs on esbuild; use that one rather than a dependency of our own
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = fromTsx('esbuild') as Esbuild;
  const cwd = process.cwd();
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    format,
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: cwd,
    ...(format === 'esm'
      ? {
          // only this module reads import.meta.url
          define: { 'import.meta.url': JSON.stringify(import.meta.url) },
          // CommonJS dependencies (commander, cli-progress) require Node's built-in modules
          banner: {
            js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
          },
        }
      : THREAD_OPTIONS),
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild produced no output');
  const inputs = Object.keys(result.metafile.inputs).map((path) => {
    const full = resolve(cwd, path);
    const stat = statSync(full);
    return { path: full, size: stat.size, mtimeMs: stat.mtimeMs };
  });
  mkdirSync(dir, { recursive: true });
  const bundle = join(
    dir,
    `${name}-${key}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.${format === 'esm' ? 'mjs' : 'cjs'}`,
  );
  // write then rename, so a verifier starting at the same moment never reads half a file
  const temporary = `${bundle}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, bundle);
  writeFileSync(`${index}.${process.pid}.tmp`, JSON.stringify({ bundle, inputs } satisfies Built));
  renameSync(`${index}.${process.pid}.tmp`, index);
  return pathToFileURL(bundle);
}
