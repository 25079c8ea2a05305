// Node-only: an election record folder on disk (spec §7.1). Exported from "@saylau/protocol/node" only, so the
// browser build never sees node:fs.
import { createHash } from 'node:crypto';
import { type Dirent, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Problem, problem, type Result } from '../errors.ts';
import { type ElectionRecord, readRecordFiles } from './read.ts';

/** Plain SHA-256 by Node's native code (same digest as the crypto core's, many times faster on big files). */
export function nodeSha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** Writes the record's files into `dir`, which must not exist yet or be empty (a record is never merged into another). */
export function writeRecordDir(dir: string, files: ReadonlyMap<string, Uint8Array>): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; a record is written to a new folder`);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of files) {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.')) throw new RangeError(`bad record file name ${name}`);
    writeFileSync(join(dir, name), bytes);
  }
}

/** Every regular file of a record folder, by name. A subfolder or other entry is an extra file the manifest cannot list. */
export function readRecordDirFiles(dir: string): Result<Map<string, Uint8Array>> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return fail([problem('RECORD_UNREADABLE', [dir], `cannot list the record folder (${reason})`)]);
  }
  const files = new Map<string, Uint8Array>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (!entry.isFile())
      problems.push(problem('MANIFEST_MISMATCH', [entry.name], 'the record folder holds something that is not a file'));
    else files.set(entry.name, new Uint8Array(readFileSync(join(dir, entry.name))));
  }
  return problems.length > 0 ? fail(problems) : ok(files);
}

/** Reads and checks a record folder (readRecordFiles over its files, hashing with nodeSha256). */
export function readRecordDir(dir: string): Result<ElectionRecord> {
  const files = readRecordDirFiles(dir);
  return files.ok ? readRecordFiles(files.value, { sha256: nodeSha256 }) : files;
}
