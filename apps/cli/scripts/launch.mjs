// What the bins share: run a command's bundle if it is up to date, build it if not, and fall back to the TypeScript
// sources (through tsx, about two seconds slower) only when it cannot be built.
import { pathToFileURL } from 'node:url';
import { buildOne, isFresh, TARGETS } from './build.mjs';
import codeCache from './code-cache.cjs';

const { loadWithCodeCache } = codeCache;

/** Runs the command `name` (a key of TARGETS); `source` is its TypeScript entry, used when no bundle can be had. */
export async function runCommand(name, source) {
  if (!isFresh(name)) {
    try {
      await buildOne(name);
    } catch (error) {
      process.stderr.write(`${name}: running from the sources (the build failed: ${error.message})\n`);
      const { register } = await import('tsx/esm/api');
      register();
      await import(source.href);
      return;
    }
  }
  const target = TARGETS[name];
  if (target.format !== 'cjs') {
    await import(pathToFileURL(target.out).href);
    return;
  }
  // A CommonJS bundle exports its command as run(argv). Its code cache is written after the first run that did the
  // command's work (not a help text, not a refused command line), so that it holds the compiled work.
  const loaded = loadWithCodeCache(target.out);
  const argv = process.argv.slice(2);
  process.exitCode = await loaded.exports.run(argv);
  const onlyHelp = argv.some((a) => ['-h', '--help', '-V', '--version'].includes(a));
  if (process.exitCode <= 1 && !onlyHelp) loaded.saveCache();
}
