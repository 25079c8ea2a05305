// The browser tests' stack: the pages built with Vite into a temp folder, the real server (apps/server, in process,
// on a temp SQLite file) behind a loopback HTTP port with the built files and the CSP header, and headless Chromium
// driven by playwright-core; plus what the tests look at: CSP violations, page errors, screenshots, axe findings.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { startServer, type TestServer } from '../../server/test/helpers.ts';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../../test/artifacts/voter-web/', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The policy the pages must work under (docs: apps/voter-web/README.md). */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** vite build into a fresh temp folder (each test file its own, so files running in parallel never share one). */
export function buildPages(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'saylau-voter-web-'));
  const vite = join(APP_DIR, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: APP_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
}

/**
 * The server's API with the voter pages beside it: what apps/server should mount. Every answer gets the security
 * headers; /api/* and /openapi.json go to the API; everything else is a file of the built pages.
 */
export function withVoterPages(api: Hono, distDir: string): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.req.path.startsWith('/api/')) {
      // hashed file names never change; the pages themselves are checked for a new version on every load
      headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
  });
  app.all('/api/*', (c) => api.fetch(c.req.raw, c.env));
  app.get('/openapi.json', (c) => api.fetch(c.req.raw, c.env));
  app.use('/*', serveStatic({ root: distDir }));
  return app;
}

export interface Stack {
  readonly server: TestServer;
  readonly baseUrl: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  const dist = buildPages();
  const server = await startServer();
  const app = withVoterPages(server.server.app, dist);
  const http: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = http.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  return {
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Content-Security-Policy violations the page reported (securitypolicyviolation events and console). */
  cspViolations(): Promise<string[]>;
  /** Uncaught exceptions in the page. */
  readonly errors: string[];
}

/** A page in a fresh context (a fresh "device": its own storage), watched for CSP violations and errors. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1024, height: 900 }, ...options });
  // init scripts run through the debugging protocol, outside the page's CSP
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const consoleCsp: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleCsp.push(message.text());
  });
  return {
    context,
    page,
    errors,
    cspViolations: async () => {
      const reported = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []);
      return [...reported, ...consoleCsp];
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(join(APP_DIR, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rules on the current page; returns "rule: target" for each violation. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluated through the debugging protocol, so the page's CSP (rightly) does not apply to the auditor
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

/** Whether the page scrolls sideways (it must not, on a phone or at 200% zoom). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** Presses Tab until the focused element matches the selector (keyboard-only navigation). */
export async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
