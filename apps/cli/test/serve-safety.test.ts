// Operating `saylau serve` safely, with the real command: one server per database file (a second is refused in one
// line, and the lock dies with its holder, kill -9 included); an operator's mistake (a busy port, a missing folder,
// a file that is not a database) is one line with exit code 2 and no stack trace.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOARD_KEY_PASSPHRASE, type Run, type ServerProcess, saylau, serveProcess, tempDir } from './helpers.ts';

const ADMIN = 'serve-safety-admin-token-0123';
const dir = tempDir('saylau-serve-safety-');
const running: ServerProcess[] = [];

afterAll(async () => {
  for (const server of running) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `saylau serve` as serveProcess runs it, for a start that is expected to fail (and so to exit by itself). */
function serveOnce(db: string, port = '0'): Promise<Run> {
  return saylau(
    [
      ...['serve', '--db', db, '--port', port, '--workers', '1', '--admin-token', ADMIN],
      ...['--board-key', join(dir, 'board.key'), '--scrypt-log-n', '10'],
    ],
    { SAYLAU_BOARD_KEY_PASSPHRASE: BOARD_KEY_PASSPHRASE },
  );
}

/** One line on stderr, no stack trace. */
function oneLine(run: Run): string {
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return lines[0] as string;
}

describe('one server per database', () => {
  it('refuses a second server on the same file, naming the first; a new one starts once the first is killed', async () => {
    const db = join(dir, 'one.db');
    const first = await serveProcess(db, ADMIN);
    running.push(first);

    const second = await serveOnce(db);
    expect(second.code).toBe(2);
    expect(oneLine(second)).toMatch(new RegExp(`^saylau: error: .*one\\.db is in use by another server \\(pid ${first.pid} `));
    // the first still answers
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    await first.kill9();
    running.splice(running.indexOf(first), 1);
    const third = await serveProcess(db, ADMIN);
    running.push(third);
    expect((await fetch(`${third.url}/api/health`)).status).toBe(200);
  }, 120_000);
});

describe('operator mistakes', () => {
  it('a port in use: exit 2, one line naming the address', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const run = await serveOnce(join(dir, 'port.db'), String(port));
      expect(run.code).toBe(2);
      expect(oneLine(run)).toBe(
        `saylau: error: cannot listen: 127.0.0.1:${port} is already in use (another server?) (EADDRINUSE)`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 60_000);

  it('a missing folder for --db: exit 2, one line naming the folder', async () => {
    const run = await serveOnce(join(dir, 'no-such-folder', 'x.db'));
    expect(run.code).toBe(2);
    expect(oneLine(run)).toMatch(/^saylau: error: the folder .*no-such-folder of --db .* does not exist$/);
  }, 60_000);

  it('a --db that is not a database, or a folder: exit 2, one line', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'this is not a SQLite database, just a file someone named by mistake\n'.repeat(100));
    const notDb = await serveOnce(text);
    expect(notDb.code).toBe(2);
    expect(oneLine(notDb)).toMatch(/^saylau: error: --db .*notes\.txt is not a SQLite database \(SQLITE_NOTADB\)$/);

    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const isFolder = await serveOnce(folder);
    expect(isFolder.code).toBe(2);
    expect(oneLine(isFolder)).toMatch(/^saylau: error: --db .*a-folder is not a file$/);
  }, 60_000);
});
