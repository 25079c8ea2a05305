// Builds the `saylau` and `saylau-verify` commands into one JavaScript file each (apps/cli/dist/saylau.mjs,
// apps/verifier/dist/saylau-verify.cjs), so that they start without a TypeScript loader: through tsx, loading the
// module graph costs about two seconds. Run by the root package's postinstall; the bins (bin/*.mjs) rebuild a bundle
// whose sources have changed since (isFresh). Worker threads still load their own code from the sources.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The two commands: where each bundle goes and the module it runs. */
export const TARGETS = {
  saylau: {
    out: join(REPO, 'apps/cli/dist/saylau.mjs'),
    entry: join(REPO, 'apps/cli/src/main.ts'),
  },
  'saylau-verify': {
    // CommonJS, run through V8's code cache (launch.mjs, code-cache.cjs): an auditor's run is mostly start-up on a
    // small record. The verifier's main.ts loads a bundle of its own at run time; this one exports its command.
    out: join(REPO, 'apps/verifier/dist/saylau-verify.cjs'),
    format: 'cjs',
    source: "export { runVerifier as run } from './cli.ts';",
    resolveDir: join(REPO, 'apps/verifier/src'),
  },
};

/** The manifest beside a bundle: every source file in it, with its size and modification time then. */
function manifestOf(out) {
  return `${out}.inputs.json`;
}

/** True when the bundle exists and none of its inputs has changed since it was built (a few hundred stat calls). */
export function isFresh(name) {
  const { out } = TARGETS[name];
  const manifest = manifestOf(out);
  if (!existsSync(out) || !existsSync(manifest)) return false;
  const { inputs } = JSON.parse(readFileSync(manifest, 'utf8'));
  return inputs.every((input) => {
    if (!existsSync(input.path)) return false;
    const stat = statSync(input.path);
    return stat.size === input.size && stat.mtimeMs === input.mtimeMs;
  });
}

/** The version in the root package.json, and the git commit of the checkout when git can tell it. */
function buildInfo() {
  const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: REPO, encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    // not a git checkout, or no git: the version alone is printed
    commit = null;
  }
  return { version: version ?? '0.0.0', commit };
}

/**
 * Each workspace module keeps its source address as import.meta.url, so that the files it finds beside itself
 * (worker-boot.mjs, the built voter pages, the fixtures) are found in the checkout as they are when run through tsx.
 */
function sourceUrls(esbuild) {
  return {
    name: 'source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.(ts|mts)$/ }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const { code } = esbuild.transformSync(readFileSync(args.path, 'utf8'), {
          loader: 'ts',
          sourcefile: args.path,
          define: { 'import.meta.url': JSON.stringify(pathToFileURL(args.path).href) },
        });
        return { contents: code, loader: 'js' };
      });
    },
  };
}

/**
 * Native modules stay outside the bundle, imported by their absolute path (a pnpm store path no bin can resolve);
 * so does pg, whose optional native binding (pg-native) esbuild would otherwise try to resolve.
 */
const nativeExternal = {
  name: 'native-external',
  setup(build) {
    build.onResolve({ filter: /^(better-sqlite3|pg)$/ }, (args) => {
      const from = createRequire(join(args.resolveDir, 'x.js'));
      return { path: from.resolve(args.path), external: true };
    });
  },
};

/** Builds one command's bundle and its manifest; throws when esbuild fails. */
export async function buildOne(name) {
  const target = TARGETS[name];
  const { out } = target;
  // tsx runs on esbuild: use that one rather than a dependency of our own
  const fromTsx = createRequire(createRequire(join(REPO, 'package.json')).resolve('tsx/package.json'));
  const esbuild = fromTsx('esbuild');
  const result = await esbuild.build({
    ...(target.entry
      ? { entryPoints: [target.entry] }
      : { stdin: { contents: target.source, resolveDir: target.resolveDir, sourcefile: `<${name}>`, loader: 'ts' } }),
    bundle: true,
    format: target.format ?? 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: REPO,
    plugins: [sourceUrls(esbuild), nativeExternal],
    define: { SAYLAU_BUILD: JSON.stringify(buildInfo()) },
    // The verifier's bundle without whitespace and with simpler syntax (names kept): a quarter less code to read,
    // hash and load from the code cache at each start (about 20 ms of an auditor's run)
    ...(target.format === 'cjs' ? { minifyWhitespace: true, minifySyntax: true } : {}),
    // CommonJS dependencies (commander, cli-progress) require Node's built-in modules
    ...(target.format === 'cjs'
      ? {}
      : {
          banner: {
            js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
          },
        }),
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${name}`);
  // (not esbuild's virtual inputs: <stdin>, <define:…>)
  const files = Object.keys(result.metafile.inputs).filter((path) => !path.includes('<'));
  // the root package.json too: its version is in the bundle
  const inputs = [...files, 'package.json'].map((path) => {
    const full = resolve(REPO, path);
    const stat = statSync(full);
    return { path: full, size: stat.size, mtimeMs: stat.mtimeMs };
  });
  mkdirSync(dirname(out), { recursive: true });
  // write then rename, so a command starting at the same moment never reads half a file
  writeFileSync(`${out}.${process.pid}.tmp`, code);
  renameSync(`${out}.${process.pid}.tmp`, out);
  writeFileSync(`${manifestOf(out)}.${process.pid}.tmp`, JSON.stringify({ inputs }));
  renameSync(`${manifestOf(out)}.${process.pid}.tmp`, manifestOf(out));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // A failed build does not fail the install: the bins then run the sources through tsx (and retry the build).
  for (const name of Object.keys(TARGETS)) {
    const t0 = Date.now();
    try {
      await buildOne(name);
      console.log(`built ${TARGETS[name].out.slice(REPO.length)} in ${Date.now() - t0} ms`);
    } catch (error) {
      console.error(`could not build ${name}; it will run from the TypeScript sources, slowly: ${error.message}`);
    }
  }
}
