// GET /api/health: 200 with the elections' states and head ages while the file takes writes and a verifier is
// alive; 503 with the same body when another process holds the file's write lock or no verifier thread is alive.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPoolVerifier } from '../src/intake/worker-pool.ts';
import { admin, expectStatus, loadDraft, startServer, type TestServer } from './helpers.ts';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('GET /api/health', () => {
  it('answers 200 with each election’s state and the age of its last signed head', async () => {
    t = await startServer();
    const empty = expectStatus(await t.request('GET', '/api/health'), 200).json;
    expect(empty).toEqual({ ok: true, database: { writable: true }, intake: { workersAlive: 1, queued: 0 }, elections: [] });

    const created = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: loadDraft() }), 201);
    const eid = (created.json.definition as { id: string }).id;
    t.clock.now += 90_000;
    const answer = await t.request('GET', '/api/health');
    expect(answer.status).toBe(200);
    expect(answer.json.elections).toEqual([{ id: eid, state: 'draft', lastHeadAgeSeconds: 90 }]);
  });

  it('answers 503, writable false, while another process holds the write lock of the file', async () => {
    t = await startServer();
    const other = new Database(t.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const answer = await t.request('GET', '/api/health');
      expect(answer.status).toBe(503);
      expect(answer.json).toMatchObject({ ok: false, database: { writable: false } });
      other.exec('ROLLBACK');
      expect((await t.request('GET', '/api/health')).status).toBe(200);
    } finally {
      other.close();
    }
  });

  it('answers 503 when no verification worker is alive', async () => {
    const pool = new WorkerPoolVerifier(1, { entry: new URL('./fixtures/broken-worker.ts', import.meta.url) });
    t = await startServer({ verifier: pool });
    for (let waited = 0; pool.size > 0 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const answer = await t.request('GET', '/api/health');
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ ok: false, database: { writable: true }, intake: { workersAlive: 0, queued: 0 } });
  }, 30_000);

  it('is in the OpenAPI document as a public read', async () => {
    t = await startServer();
    const doc = expectStatus(await t.request('GET', '/openapi.json'), 200).json as { paths: Record<string, unknown> };
    expect(doc.paths['/api/health']).toBeDefined();
  });
});
