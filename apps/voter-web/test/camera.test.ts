// The second device scans the booth's QR code with its camera. Chromium's fake camera plays a video file: the test
// writes one frame (Y4M) holding the QR code of a real verification link, and the page must find it, open the vote
// and check it — the same path a phone's camera takes.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElectionDefinition } from '@saylau/protocol';
import { type Browser, chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openElection, type Voter } from '../../server/test/helpers.ts';
import en from '../src/i18n/en.ts';
import { voteFromStart, waitForScreen } from './flows.ts';
import { CHROMIUM, openPage, type Stack, screenshot, startStack } from './harness.ts';

let stack: Stack;
let camera: Browser | undefined;
let eid: string;
let definition: ElectionDefinition;
let voters: Voter[];

/** One 640 × 480 video frame (YUV 4:2:0) showing `text` as a QR code, black on white, as a camera would see it. */
function qrVideo(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const width = 640;
  const height = 480;
  const scale = Math.floor(400 / (modules.size + 8));
  const size = (modules.size + 8) * scale;
  const left = Math.floor((width - size) / 2);
  const top = Math.floor((height - size) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const row = Math.floor(y / scale) - 4;
      const col = Math.floor(x / scale) - 4;
      const dark = row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col);
      if (dark) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const file = join(tmpdir(), `saylau-qr-${process.pid}.y4m`);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]),
  );
  return file;
}

beforeAll(async () => {
  stack = await startStack();
  ({ eid, definition, voters } = await openElection(stack.server, { medeu: 1, bostandyk: 1 }));
});
afterAll(async () => {
  await camera?.close();
  await stack?.close();
});

describe('the second device’s camera', () => {
  it('reads the booth’s QR code and checks the vote it links to', async () => {
    const voter = voters.find((v) => v.district === 'medeu') as Voter;
    const booth = await openPage(stack.browser);
    const choices = { parks: ['yes'], transport: ['tram'] };
    const cast = await voteFromStart(booth.page, { baseUrl: stack.baseUrl, eid, definition, voter, lang: 'en', choices });
    await booth.context.close();

    camera = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${qrVideo(cast.link)}`,
      ],
    });
    const phone = await openPage(camera, { viewport: { width: 390, height: 800 } });
    await phone.page.goto(`${stack.baseUrl}/verify.html`);
    await waitForScreen(phone.page, 'verify');
    await phone.page.click('button[data-language="en"]');
    expect(await phone.page.textContent('#scan-qr')).toBe(en.scanStart);
    await phone.page.click('#scan-qr');
    await waitForScreen(phone.page, 'verified');
    expect(await phone.page.$$eval('#checks li', (li) => li.map((l) => (l as HTMLElement).dataset.passed))).toEqual([
      'true',
      'true',
      'true',
      'true',
      'true',
    ]);
    // the camera is off once the code is read
    expect(await phone.page.$('#scanner-video')).toBeNull();
    // long hex values are folded away for observers; the signature mark stays in view
    expect(await phone.page.$eval('#technical-details', (d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await phone.page.isVisible('#credential-short')).toBe(true);
    await screenshot(phone.page, 'en-verify-camera-phone');
    expect(phone.errors).toEqual([]);
    expect(await phone.cspViolations()).toEqual([]);
  });
});
