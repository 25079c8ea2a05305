// Runs a CommonJS bundle through V8's code cache. Compiling a bundle of a megabyte costs a thread 50–150 ms before
// it runs a line, and every function it then calls is compiled again on first use; with the cache of an earlier run
// V8 takes the bytecode as it was. The cache sits beside the bundle and starts with the SHA-256 of the code it was
// made from: V8 itself only compares the source's length, so a rebuilt bundle of the same length would otherwise run
// the old bundle's bytecode. A cache that cannot be read or written is only a slower start, never an error.
const { createHash } = require('node:crypto');
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');
const { threadId } = require('node:worker_threads');

const DIGEST_BYTES = 32;

/**
 * Runs the bundle at `file` (an absolute path) as a CommonJS module and returns its exports, and `saveCache()`,
 * which writes a cache holding every function compiled so far — call it once the code has done its work — when
 * there was no usable cache for this code.
 */
function loadWithCodeCache(file) {
  const code = readFileSync(file, 'utf8');
  const digest = createHash('sha256').update(code).digest();
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    const cache = readFileSync(cacheFile);
    if (cache.subarray(0, DIGEST_BYTES).equals(digest)) cachedData = cache.subarray(DIGEST_BYTES);
  } catch {
    cachedData = undefined; // no cache yet
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  let fresh = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    saveCache() {
      if (fresh) return;
      fresh = true;
      try {
        const temporary = `${cacheFile}.${process.pid}.${threadId}.tmp`;
        writeFileSync(temporary, Buffer.concat([digest, script.createCachedData()]));
        renameSync(temporary, cacheFile); // whole or not at all, for a run starting at the same moment
      } catch {
        // a read-only installation: the next run compiles again
      }
    },
  };
}

module.exports = { loadWithCodeCache };
