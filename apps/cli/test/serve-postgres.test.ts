// `saylau serve --db postgres://… --board-key FILE` as a deployment runs it (docs/deployment-guide.md): two server
// processes share one database and one board key file; what one writes the other serves, every head is signed with
// the file's key, and a server started with another key file refuses to start in one line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePoint, hexToBytes } from '@saylau/crypto';
import { SignedTreeHeadWire, verifyTreeHead } from '@saylau/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePostgres, freshDatabase, type TestDatabase } from '../../server/test/postgres.ts';
import { type ServerProcess, saylau, serveProcess, tempDir } from './helpers.ts';

const ADMIN = 'serve-postgres-admin-token-0123456789';
const DRAFT = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/definitions/yes-no-referendum.json', import.meta.url), 'utf8'),
);

async function call(url: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describePostgres('saylau serve on PostgreSQL with one board key file', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  const dir = tempDir('saylau-serve-pg-');
  const boardKey = join(dir, 'board.key');
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await database?.drop();
  });

  it('two processes serve one board signed by the file’s key; another key is refused', { timeout: 120_000 }, async () => {
    // the first creates the key file, the second opens it
    servers.push(await serveProcess(database.url, ADMIN, { boardKey }));
    servers.push(await serveProcess(database.url, ADMIN, { boardKey }));
    const [one, two] = servers as [ServerProcess, ServerProcess];
    const publicKey = JSON.parse(readFileSync(boardKey, 'utf8')).publicKey as string;

    const created = await call(one.url, '/api/elections', DRAFT);
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((created.json.definition as { boardKey: string }).boardKey).toBe(publicKey);
    // written through the second process, read through the first
    const districts = (DRAFT.districts as { id: string }[]).map((d) => d.id);
    const voters = districts.flatMap((district, i) => [
      { voterId: `V${i}a`, district },
      { voterId: `V${i}b`, district },
    ]);
    expect((await call(two.url, `/api/elections/${id}/register`, { voters })).status).toBe(200);
    const heads = await Promise.all([one, two].map((s) => call(s.url, `/api/elections/${id}/tree-head`)));
    expect(heads[0]?.json).toEqual(heads[1]?.json);
    const head = SignedTreeHeadWire.parse(heads[0]?.json);
    expect(head.treeSize).toBeGreaterThanOrEqual(1);
    const seen = await call(one.url, `/api/elections/${id}`);
    expect(Object.values(seen.json.registerSizes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(voters.length);
    const fingerprint = hexToBytes(created.json.fingerprint as string);
    expect(verifyTreeHead(decodePoint(hexToBytes(publicKey)), fingerprint, head)).toBe(true);

    // a third server with a key file of its own would sign this election's board with another key: it does not start
    const other = join(dir, 'other.key');
    const refused = await saylau(
      ['serve', '--db', database.url, '--port', '0', '--admin-token', ADMIN, '--board-key', other, '--scrypt-log-n', '10'],
      { SAYLAU_BOARD_KEY_PASSPHRASE: 'another passphrase' },
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/was created with the board key [0-9a-f]+…, not the one given/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });
});
