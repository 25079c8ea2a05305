// /openapi.json: generated from the routes' own schemas, it documents every endpoint the app serves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startServer, type TestServer } from './helpers.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

describe('GET /openapi.json', () => {
  it('documents every route of the app with its method, role and body schema', async () => {
    const doc = expectStatus(await t.request('GET', '/openapi.json'), 200).json;
    expect(doc.openapi).toBe('3.1.0');
    const served = t.server.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(served));
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { requestBody?: unknown; tags: string[] }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.tags, path).toHaveLength(1);
        if (method === 'post') expect(op.requestBody, `${method} ${path}`).toBeDefined();
      }
    }
    // the ballot's documented schema is the full wire schema, not the intake's shallow envelope
    const ballot = doc.paths['/api/elections/{eid}/ballots'].post.requestBody.content['application/json'].schema;
    expect(ballot.properties.ballot.required).toEqual(expect.arrayContaining(['election', 'credential', 'answers', 'signature']));
  });
});
