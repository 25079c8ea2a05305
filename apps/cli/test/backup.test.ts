// `saylau backup` while the real server takes ballots: the copy passes PRAGMA integrity_check, its board is whole
// (as many events as its last signed head covers), it holds every ballot receipted before the backup began, and a
// server started on it with the same board key serves it.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ballotFor, httpRequester, loginVoter, openElection } from '../../server/scripts/election-driver.ts';
import { type Run, type ServerProcess, saylau, serveProcess, tempDir } from './helpers.ts';

// The copy is read with better-sqlite3 directly, not through the code under test; the CLI does not depend on it, so it
// is loaded from the server package, and typed here with the little the test uses.
interface SqliteFile {
  pragma(source: string, options: { simple: true }): unknown;
  prepare(sql: string): { get(...params: unknown[]): unknown };
  close(): void;
}
const Database = createRequire(new URL('../../server/package.json', import.meta.url))('better-sqlite3') as new (
  file: string,
  options: { readonly: boolean },
) => SqliteFile;

const ADMIN = 'backup-test-admin-token-0123456';
const dir = tempDir('saylau-backup-');
const running: ServerProcess[] = [];

afterAll(async () => {
  for (const server of running) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('saylau backup', () => {
  it('copies the database consistently while ballots are being cast', async () => {
    const db = join(dir, 'saylau.db');
    const copy = join(dir, 'copy.db');
    const server = await serveProcess(db, ADMIN);
    running.push(server);
    const api = httpRequester(server.url, ADMIN);
    const setup = await openElection(api, { medeu: 30, bostandyk: 0 }, undefined, false);
    const tokens = await Promise.all(setup.voters.map((v) => loginVoter(api, setup.eid, v)));
    const ballots = setup.voters.map((v) => ballotFor(setup.election, v, { parks: ['yes'], transport: ['bikes'] }));

    // Four clients cast one ballot after another; after the fifth receipt the backup runs with ballots in flight.
    let receipted = 0;
    let receiptedAtStart = -1;
    let receiptedAtEnd = -1;
    let backup: Promise<Run> | undefined;
    let next = 0;
    const client = async () => {
      while (next < ballots.length) {
        const i = next++;
        const res = await fetch(`${server.url}/api/elections/${setup.eid}/ballots`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
          body: JSON.stringify({ ballot: ballots[i]?.json }),
        });
        expect(res.status).toBe(201);
        receipted++;
        if (receipted >= 5 && backup === undefined) {
          receiptedAtStart = receipted;
          backup = saylau(['backup', '--db', db, '--out', copy]).then((run) => {
            receiptedAtEnd = receipted;
            return run;
          });
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, client));
    const run = await (backup as Promise<Run>);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/integrity_check ok/);
    // the ballots kept coming while the copy was taken
    expect(receiptedAtEnd).toBeGreaterThan(receiptedAtStart);

    const file = new Database(copy, { readonly: true });
    try {
      expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
      const events = file.prepare('SELECT count(*) AS n FROM events WHERE election_id = ?').get(setup.eid) as { n: number };
      const head = file.prepare('SELECT max(tree_size) AS n FROM tree_heads WHERE election_id = ?').get(setup.eid) as {
        n: number;
      };
      expect(events.n).toBe(head.n);
      const onBoard = file
        .prepare("SELECT count(*) AS n FROM events WHERE election_id = ? AND type = 'ballot'")
        .get(setup.eid) as { n: number };
      expect(onBoard.n).toBeGreaterThanOrEqual(receiptedAtStart);
      expect(onBoard.n).toBeLessThanOrEqual(ballots.length);
    } finally {
      file.close();
    }

    // A copy that already exists is never overwritten.
    const again = await saylau(['backup', '--db', db, '--out', copy]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toMatch(/^saylau: error: --out .*copy\.db exists already; choose a new name$/);

    // Restore: stop the server, start one on the copy with the same board key file; it serves the copied board.
    await server.stop();
    running.splice(running.indexOf(server), 1);
    const restored = await serveProcess(copy, ADMIN);
    running.push(restored);
    const answer = await fetch(`${restored.url}/api/elections/${setup.eid}/tree-head`);
    expect(answer.status).toBe(200);
  }, 180_000);
});
