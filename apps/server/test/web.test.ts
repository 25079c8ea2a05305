// The voter pages beside the API: files from the built folder at `/`, the security headers on every answer,
// immutable caching for hashed assets only, and JSON 404s for what is neither.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../src/http/web.ts';
import { startServer, type TestServer } from './helpers.ts';

let t: TestServer;
let web: string;

beforeAll(async () => {
  web = mkdtempSync(join(tmpdir(), 'saylau-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>booth</title>');
  writeFileSync(join(web, 'assets', 'booth-abc123.js'), 'export {};');
  t = await startServer({ webRoot: web });
});
afterAll(async () => {
  await t.close();
  rmSync(web, { recursive: true, force: true });
});

describe('voter pages', () => {
  it('serves the booth at / with the CSP and no-cache', async () => {
    const answer = await t.request('GET', '/');
    expect(answer.status).toBe(200);
    expect(answer.json).toContain('<title>booth</title>');
    expect(answer.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('no-cache');
  });

  it('caches hashed assets for a year', async () => {
    const answer = await t.request('GET', '/assets/booth-abc123.js');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toContain('immutable');
  });

  it('answers a JSON 404 for a missing file, and keeps the API’s own cache headers', async () => {
    const missing = await t.request('GET', '/no-such-page.html');
    expect([missing.status, missing.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const api = await t.request('GET', '/api/elections');
    expect(api.headers.get('cache-control')).toBe('public, no-cache');
    expect(api.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
