// The worker threads' code, and the command's own, as one JavaScript file each. Loading the TypeScript module graph
// through tsx's loader hooks costs a thread about a second of CPU (hundreds of modules, each resolved and
// transformed on a hooks thread); one pre-built file loads in about a tenth of that. The files are built with the
// esbuild that tsx itself runs on and kept in the OS temp folder, keyed by the sources they were built from; if one
// cannot be built, its code loads through tsx instead (worker-boot.mjs, cli.ts), only more slowly.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
  return { url: bundled(new URL('./worker.ts', import.meta.url), 'worker', false), loader: 'bundle' };
}

/**
 * The command's code (cli.ts) as a pre-built file, or cli.ts itself when that cannot be had. In that bundle this
 * module's import.meta.url is replaced by its source address, so that it still finds worker.ts and tsx.
 */
export function commandEntry(): URL {
  const source = new URL('../cli.ts', import.meta.url);
  if (process.env.SAYLAU_VERIFY_NO_BUNDLE) return source;
  try {
    return bundled(source, 'cli', true);
  } catch {
    return source;
  }
}

/** A bundle of the TypeScript module at `source`, reused while none of its inputs has changed. */
function bundled(source: URL, name: string, keepSourceUrl: boolean): URL {
  const entry = fileURLToPath(source);
  const dir = join(tmpdir(), 'saylau-verifier');
  const key = createHash('sha256').update(entry).update(process.version).digest('hex').slice(0, 16);
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
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: cwd,
    // only this module reads import.meta.url
    define: keepSourceUrl ? { 'import.meta.url': JSON.stringify(import.meta.url) } : {},
    // CommonJS dependencies (commander, cli-progress) require Node's built-in modules
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild produced no output');
  const inputs = Object.keys(result.metafile.inputs).map((path) => {
    const full = resolve(cwd, path);
    const stat = statSync(full);
    return { path: full, size: stat.size, mtimeMs: stat.mtimeMs };
  });
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, `${name}-${key}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  // write then rename, so a verifier starting at the same moment never reads half a file
  const temporary = `${bundle}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, bundle);
  writeFileSync(`${index}.${process.pid}.tmp`, JSON.stringify({ bundle, inputs } satisfies Built));
  renameSync(`${index}.${process.pid}.tmp`, index);
  return pathToFileURL(bundle);
}
