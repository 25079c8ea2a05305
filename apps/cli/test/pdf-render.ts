// Renders pages of a PDF the CLI wrote with pdf.js in Chromium and saves them as PNG for a reviewer (test artifacts):
// what a printed letter or protocol looks like, checked to be an A4 page with something drawn on it.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RenderedPage {
  readonly width: number;
  readonly height: number;
  /** The share of dark pixels: 0 for a blank page. */
  readonly dark: number;
}

/** Page `pages[i]` of each PDF rendered at 144 dpi into `pngs[i]`; answers each page's size and ink. */
export async function renderPdfPages(jobs: readonly { pdf: Uint8Array; page: number; png: string }[]): Promise<RenderedPage[]> {
  const build = fileURLToPath(new URL('../node_modules/pdfjs-dist/build/', import.meta.url));
  const files: Record<string, [string, Uint8Array | string]> = {
    '/': ['text/html', '<!doctype html><body style="margin:0;background:#888"><canvas id="c"></canvas></body>'],
    '/pdf.mjs': ['text/javascript', readFileSync(join(build, 'pdf.mjs'))],
    '/pdf.worker.mjs': ['text/javascript', readFileSync(join(build, 'pdf.worker.mjs'))],
  };
  jobs.forEach((job, i) => {
    files[`/${i}.pdf`] = ['application/pdf', job.pdf];
  });
  const server: Server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1240, height: 1754 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const rendered: RenderedPage[] = [];
    for (const [i, job] of jobs.entries()) {
      // a string, so that the test's transform leaves the browser's import() alone
      const size = (await page.evaluate(`(async () => {
        const pdfjs = await import('/pdf.mjs');
        pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
        const doc = await pdfjs.getDocument({ url: '/${i}.pdf' }).promise;
        const pdfPage = await doc.getPage(${job.page});
        const viewport = pdfPage.getViewport({ scale: 2 });
        const canvas = document.getElementById('c');
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        await pdfPage.render({ canvas, viewport }).promise;
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) dark++;
        return { width: canvas.width, height: canvas.height, dark: dark / (pixels.length / 4) };
      })()`)) as RenderedPage;
      await page.locator('#c').screenshot({ path: job.png });
      rendered.push(size);
    }
    return rendered;
  } finally {
    await browser.close();
    server.close();
  }
}
