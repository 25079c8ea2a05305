// What the bins share: run a command's bundle if it is up to date, build it if not, and fall back to the TypeScript
// sources (through tsx, about two seconds slower) only when it cannot be built.
import { pathToFileURL } from 'node:url';
import { buildOne, isFresh, TARGETS } from './build.mjs';

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
  await import(pathToFileURL(TARGETS[name].out).href);
}
