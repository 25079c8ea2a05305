// The browser tests' stack: the pages built by the install's script into a temp folder, the real server (apps/server,
// in process, on a temp SQLite file, serving those pages with its CSP header) behind a loopback HTTP port, and headless Chromium
// driven by playwright-core; plus what the tests look at: CSP violations, page errors, screenshots, axe findings.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../server/src/http/web.ts';
import { startServer, type TestServer } from '../../server/test/helpers.ts';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../../test/artifacts/voter-web/', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The policy the pages must work under, as the server sends it (docs: apps/voter-web/README.md). */
export const CSP = CONTENT_SECURITY_POLICY;

/** The pages built by the install's own script into a fresh temp folder (each test file its own). */
export function buildPages(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'saylau-voter-web-'));
  const result = spawnSync(process.execPath, [join(APP_DIR, 'scripts', 'build.mjs'), outDir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the voter pages failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
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
  // the server serves the pages itself, with its security headers, as `saylau serve` does
  const server = await startServer({ webRoot: dist });
  const http: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: server.server.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
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

/** A download's bytes as UTF-8 text. */
export async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The words inside `selector` that the layout split across lines (a table squeezed so narrow that it breaks
 * "Зарегистрировано" letter by letter): each word's text is measured as a Range, and one spread over two line
 * boxes is broken. A line break after a word's own hyphen ("city-/centre") is a normal one: parts count apart.
 */
export function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (roots) => {
    const broken: string[] = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[^\s\-‐]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index ?? 0);
          range.setEnd(node, (match.index ?? 0) + match[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}
