// The voter pages (apps/voter-web's built files) served beside the API, and the security headers every answer
// carries: the pages run under a strict Content-Security-Policy (apps/voter-web/README.md, "Serving it").
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';

/** Where the install (apps/voter-web/scripts/build.mjs, run by the root postinstall) puts the built pages. */
export const INSTALLED_VOTER_PAGES = fileURLToPath(new URL('../../../voter-web/dist', import.meta.url));

/** The installed pages' folder, or undefined when they were not built (the install's build failed or was skipped). */
export function installedVoterPages(): string | undefined {
  return existsSync(join(INSTALLED_VOTER_PAGES, 'index.html')) ? INSTALLED_VOTER_PAGES : undefined;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (!c.req.path.startsWith('/api/') && !headers.has('Cache-Control')) {
    // hashed asset names never change; the pages themselves are checked for a new version on every load
    headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  }
};

/** Serves the built pages at `/` (call after the API routes: anything they do not answer is a file, or a 404). */
export function serveVoterPages(app: Hono, root: string): void {
  app.get('/*', serveStatic({ root }));
}
