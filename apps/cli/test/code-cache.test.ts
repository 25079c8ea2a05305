// V8's code cache for the commands' CommonJS bundles (scripts/code-cache.cjs): a bundle runs with or without it, the
// cache is written once and then taken, and a cache made from other code is never run — V8 compares only the
// source's length, so without the digest a rebuilt bundle of the same length would run the old bundle's bytecode.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from './helpers.ts';

interface Loaded {
  readonly exports: { answer(): string };
  saveCache(): void;
}
const { loadWithCodeCache } = createRequire(import.meta.url)(join(REPO, 'apps/cli/scripts/code-cache.cjs')) as {
  loadWithCodeCache(file: string): Loaded;
};

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A new bundle file's path in a folder of its own. */
function bundleFile(): string {
  const folder = tempDir('saylau-code-cache-');
  folders.push(folder);
  return join(folder, 'bundle.cjs');
}

/** A bundle whose answer is `word`, padded so that bundles of different words have the same length. */
function bundle(file: string, word: string): void {
  writeFileSync(file, `function answer() { return ${JSON.stringify(word.padEnd(8, '.'))}; }\nmodule.exports = { answer };\n`);
}

describe('the commands’ code cache', () => {
  it('runs a bundle, writes its cache once, and takes it on the next run', () => {
    const file = bundleFile();
    bundle(file, 'first');
    const cold = loadWithCodeCache(file);
    expect(cold.exports.answer()).toBe('first...');
    cold.saveCache();
    const cache = readFileSync(`${file}.v8cache`);
    expect(cache.length).toBeGreaterThan(32);
    const warm = loadWithCodeCache(file);
    expect(warm.exports.answer()).toBe('first...');
    warm.saveCache(); // a cache that was taken is not written again
    expect(readFileSync(`${file}.v8cache`).equals(cache)).toBe(true);
  });

  it('never runs the cache of other code of the same length, and replaces it', () => {
    const file = bundleFile();
    bundle(file, 'old');
    const old = loadWithCodeCache(file);
    old.exports.answer();
    old.saveCache();
    const oldCache = readFileSync(`${file}.v8cache`);
    bundle(file, 'new'); // same length, other code
    const rebuilt = loadWithCodeCache(file);
    expect(rebuilt.exports.answer()).toBe('new.....');
    rebuilt.saveCache();
    expect(readFileSync(`${file}.v8cache`).equals(oldCache)).toBe(false);
    expect(loadWithCodeCache(file).exports.answer()).toBe('new.....');
  });

  it('goes without a cache it cannot write', () => {
    const file = bundleFile();
    bundle(file, 'plain');
    writeFileSync(`${file}.v8cache`, 'not a cache at all');
    const loaded = loadWithCodeCache(file);
    expect(loaded.exports.answer()).toBe('plain...');
    expect(() => loaded.saveCache()).not.toThrow();
  });
});
