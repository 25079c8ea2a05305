// The paper results from the commission's console (spec §4.4.3) in Chromium against the real server: an election whose
// validity is judged on e-votes and paper votes together is prepared through the API (ceremony and ballots as the
// server tests make them) with the console's enrolled member as its commission; after close the member picks a paper
// results CSV with impossible figures (refused with its line, nothing sent), then the right one, sends it, refuses to
// sign figures the server changed, signs the real ones and sees them on the board; the record then verifies.
import type { ElectionDefinition } from '@saylau/protocol';
import {
  AggregateEntry,
  computeDecryptionShares,
  DecryptionShareWire,
  fingerprintBytes,
  signTrusteeRequest,
} from '@saylau/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  admin,
  ballotFor,
  electionContextOf,
  expectStatus,
  loadDraft,
  loginVoter,
  makeVoters,
  registerVoters,
  runCeremony,
} from '../../server/test/helpers.ts';
import { verifyRecord } from '../../verifier/src/index.ts';
import { KIT_TEXTS } from '../src/console/steps/kit/texts.ts';
import { PAPER_RESULTS_TEXTS } from '../src/console/texts/paper-results.ts';
import { axeViolations, openPage, overflowsHorizontally, type Stack, screenshot, startStack } from './harness.ts';

const MEMBER_PASS = 'member correct horse battery';
const HEADER =
  'district,ballots_issued,ballots_cast,invalid,parks.yes,parks.no,parks.blank,transport.metro,transport.tram,transport.brt,transport.bikes,transport.roads,projects.library,projects.pool,projects.market,projects.lights';
/** medeu: 3 cast, 1 invalid; bostandyk: 2 cast — as the precinct protocols give them. */
const GOOD = `${HEADER}\nmedeu,3,3,1,1,1,0,0,2,0,0,0,,,,\nbostandyk,2,2,0,0,2,0,1,0,0,1,0,1,1,0,0\n`;
/** A protocol copied wrong: 5 "no" marks in medeu, where only 2 paper ballots are valid. */
const BAD = `${HEADER}\nmedeu,3,3,1,1,5,0,0,2,0,0,0,,,,\nbostandyk,2,2,0,0,2,0,1,0,0,1,0,1,1,0,0\n`;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  // the board's clock is the real one: the member's session lasts, and the early close is signed at the browser's time
  Object.defineProperty(stack.server.clock, 'now', { get: () => Date.now(), set: () => {} });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function act(page: Page, id: string): Promise<string> {
  await page.waitForSelector(`#${id}:not([aria-disabled])`, { timeout: 60_000 });
  await page.click(`#${id}`);
  await page.waitForSelector(`#${id}-outcome[data-ok]`, { timeout: 60_000 });
  const outcome = (await page.textContent(`#${id}-outcome`)) ?? '';
  expect(await page.getAttribute(`#${id}-outcome`, 'data-ok'), outcome).toBe('true');
  return outcome;
}

async function checkStep(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await overflowsHorizontally(page), `${name} scrolls sideways at 390 px`).toBe(false);
  await screenshot(page, `screens/console-phone-${name}`);
  if (desktop) await page.setViewportSize(desktop);
}

/** Back to the list and into the election again: the console reads it anew (its state moved on through the API). */
async function reopen(page: Page, eid: string, step: string): Promise<void> {
  await page.evaluate(() => {
    location.hash = '';
  });
  await page.waitForSelector('main[data-screen="list"]', { timeout: 60_000 });
  await goToStep(page, eid, step);
}

async function goToStep(page: Page, eid: string, step: string): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#election=${eid}&step=${step}`);
  await page.waitForSelector(`#step-panel[data-step="${step}"] #step-title`);
}

const csv = (text: string) => ({ name: 'paper.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
/** A figure of a district's table in a panel, as the member reads it. */
const figure = (page: Page, panel: string, district: string, name: string) =>
  page.textContent(`#${panel} table[data-district="${district}"] tr[data-figure="${name}"] td`);

describe('the paper results in the console', () => {
  it('are read with every problem on its line, sent, signed only as sent, and on the board', async () => {
    const t = stack.server;
    // --- a member enrolls in the console (key made in the browser) ---
    const invitation = expectStatus(
      await t.request('POST', '/api/commission/members/invitations', { ...admin, body: { name: 'Aigerim' } }),
      201,
    ).json as { token: string };
    const console_ = await openPage(stack.browser);
    const page = console_.page;
    await page.goto(`${stack.baseUrl}/admin.html#invite=${invitation.token}`);
    await page.fill('#enrol-name', 'Aigerim');
    await page.fill('#new-passphrase', MEMBER_PASS);
    await page.fill('#confirm-passphrase', MEMBER_PASS);
    await page.click('#make-key');
    await page.waitForSelector('#download-key', { timeout: 60_000 });
    const memberKey = (await page.textContent('#member-public-key')) as string;
    await Promise.all([page.waitForEvent('download'), page.click('#download-key')]);
    await page.check('#saved-confirm');
    await page.click('#enrol');
    await page.waitForSelector('main[data-screen="list"]', { timeout: 60_000 });

    // --- the election through the API: validity on e-votes and paper, the member its commission (threshold 1) ---
    const draft = {
      ...loadDraft(),
      votingPeriod: {
        opens: new Date(Date.now() - 3600_000).toISOString(),
        closes: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
      validityBasis: 'both',
      commission: { members: [{ id: 'aigerim', name: 'Aigerim', publicKey: memberKey }], threshold: 1 },
    };
    const definition = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draft }), 201).json
      .definition as ElectionDefinition;
    const eid = definition.id;
    const voters = makeVoters(definition, { medeu: 4, bostandyk: 4 });
    await registerVoters(t, eid, voters);
    const trustees = await runCeremony(t, eid, definition);
    await goToStep(page, eid, 'voting');
    await act(page, 'decision-sign');
    expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} }), 200);
    const election = await electionContextOf(t, eid);
    for (const v of voters.slice(0, 2)) {
      const token = await loginVoter(t, eid, v);
      const choices: Record<string, string[]> = { parks: ['yes'], transport: ['tram'] };
      if (v.district === 'bostandyk') choices.projects = ['pool'];
      const ballot = ballotFor(election, v, choices).json;
      expectStatus(await t.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot } }), 201);
    }
    // closed early in the console (threshold 1: the member's signature is enough), with a reason
    await reopen(page, eid, 'voting');
    await page.fill('#early-reason', 'paper results console test');
    await page.waitForSelector('#voting-close:not([aria-disabled])');
    await page.click('#voting-close');
    await page.click('dialog[open] #confirm-yes');
    await page.waitForSelector('#voting-close-outcome[data-ok="true"]', { timeout: 60_000 });

    // --- after close: the panel says what the figures are and why they matter here; nothing to send yet ---
    await reopen(page, eid, 'voting');
    await page.waitForSelector('#paper-results-none');
    const m = PAPER_RESULTS_TEXTS.en;
    expect(await page.textContent('#paper-results-attested')).toContain('attested by the commission');
    expect(await page.textContent('#paper-results-basis')).toBe(m.basis('both'));
    expect(await page.textContent('#paper-results-send-why')).toBe(`${KIT_TEXTS.en.whyNot} ${m.sendNeedsFile}`);

    // --- a protocol copied wrong: refused with its line and the server's code before anything is sent ---
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/paper-results(\/signatures)?$/.test(r.url())) sent.push(new URL(r.url()).pathname);
    });
    await page.setInputFiles('#paper-results-file', csv(BAD));
    await page.waitForSelector('#paper-results-problems li');
    const problems = await page.$$eval('#paper-results-problems li', (li) =>
      li.map((l) => [(l as HTMLElement).dataset.line, (l as HTMLElement).dataset.code, l.textContent]),
    );
    expect(problems[0]?.slice(0, 2)).toEqual(['2', 'PAPER_RESULTS_INCONSISTENT']);
    expect(problems[0]?.[2]).toMatch(/^line 2: PAPER_RESULTS_INCONSISTENT: medeu\/parks: "no" has 5 marks/);
    expect(await page.textContent('#paper-results-send-why')).toBe(`${KIT_TEXTS.en.whyNot} ${m.sendProblems}`);
    await page.click('#paper-results-send', { force: true });
    expect(sent).toEqual([]);

    // --- the right file: the figures per district, then sent ---
    await page.setInputFiles('#paper-results-file', csv(GOOD));
    await page.waitForSelector('#paper-results-read table[data-district="bostandyk"]');
    expect(await page.$('#paper-results-problems')).toBeNull();
    expect(await page.getAttribute('#paper-results-count', 'data-count')).toBe('2');
    expect(await figure(page, 'paper-results-read', 'medeu', 'valid')).toBe('2');
    expect(await figure(page, 'paper-results-read', 'bostandyk', 'projects.pool')).toBe('1');
    await checkStep(page, 'voting-paper-results-read');
    // a dishonest server hands the member other figures to sign (medeu's invalid ballot made valid): refused, unsigned
    await page.route(`**/api/elections/${eid}/commission/paper-results`, async (route) => {
      const answer = await route.fetch();
      const json = await answer.json();
      json.statement.districts[0].invalid = 0;
      await route.fulfill({ response: answer, json });
    });
    expect(await act(page, 'paper-results-send')).toBe(m.sent(2, 5, 1));
    expect(sent).toEqual([`/api/elections/${eid}/paper-results`]);
    await page.waitForSelector('#paper-results-pending');
    expect(await figure(page, 'paper-results-pending', 'medeu', 'invalid')).toBe('0');
    await page.click('#paper-results-sign');
    await page.waitForSelector('#paper-results-sign-outcome[data-ok="false"]', { timeout: 60_000 });
    expect(await page.textContent('#paper-results-sign-outcome')).toBe(m.notSent);
    expect(sent).toHaveLength(1);
    await page.unroute(`**/api/elections/${eid}/commission/paper-results`);

    // --- the real figures, read again as tables after a re-render, signed: on the board, attested ---
    await goToStep(page, eid, 'after-close');
    await goToStep(page, eid, 'voting');
    await page.waitForSelector('#paper-results-pending');
    expect(await figure(page, 'paper-results-pending', 'medeu', 'invalid')).toBe('1');
    expect(await page.textContent('#paper-results-signers')).toBe(m.signers(0, 1, []));
    await checkStep(page, 'voting-paper-results-pending');
    expect(await act(page, 'paper-results-sign')).toBe(m.signed(1, 1, true));
    await page.waitForSelector('#paper-results-published');
    expect(await page.textContent('#paper-results-published')).toBe(m.published(['aigerim']));
    expect(await figure(page, 'paper-results-board-figures', 'bostandyk', 'cast')).toBe('2');
    expect(await page.textContent('#paper-results-send-why')).toBe(`${KIT_TEXTS.en.whyNot} ${m.sendPublished}`);
    await checkStep(page, 'voting-paper-results-published');
    const board = expectStatus(await t.request('GET', `/api/elections/${eid}/paper-results`), 200).json;
    expect(board.statement.districts.map((d: { district: string; invalid: number }) => [d.district, d.invalid])).toEqual([
      ['medeu', 1],
      ['bostandyk', 0],
    ]);
    expect(board.signatures.map((s: { member: string }) => s.member)).toEqual(['aigerim']);
    // the same panel in Kazakh and Russian: its own words, still axe-clean
    for (const language of ['kk', 'ru'] as const) {
      await page.click(`button[data-language="${language}"]`);
      await page.waitForSelector(`html[lang="${language}"]`);
      await page.waitForSelector('#paper-results-published');
      expect(await page.textContent('#paper-results-title')).toBe(PAPER_RESULTS_TEXTS[language].title);
      await checkStep(page, `voting-paper-results-${language}`);
    }

    // --- process, decrypt, tally, publish: the record with the paper results verifies ---
    const processed = expectStatus(await t.request('POST', `/api/elections/${eid}/process`, { ...admin, body: {} }), 200).json;
    const entries = z.array(AggregateEntry).parse(processed.entries);
    const fp = fingerprintBytes(definition);
    for (const tr of trustees.slice(0, 2)) {
      const shares = computeDecryptionShares({ fingerprint: fp, entries }, tr.index, tr.secretShare as bigint);
      const body = signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'decryption-share', {
        shares: z.encode(z.array(DecryptionShareWire.nullable()), shares),
      });
      expectStatus(await t.request('POST', `/api/elections/${eid}/trustees/${tr.index}/decryption`, { body }), 200);
    }
    expectStatus(await t.request('POST', `/api/elections/${eid}/tally`, { ...admin, body: {} }), 200);
    expectStatus(await t.request('POST', `/api/elections/${eid}/publish`, { ...admin, body: {} }), 200);
    const record = expectStatus(await t.request('GET', `/api/elections/${eid}/record`), 200).json;
    expect(record.events.some((e: { type: string }) => e.type === 'paper-results')).toBe(true);
    const report = await verifyRecord(record, { workers: 0 });
    expect(report.readable).toBe(true);
    expect(report.checks.filter((c) => c.failed > 0).map((c) => c.id)).toEqual([]);
    expect(report.ok).toBe(true);

    expect(await console_.cspViolations()).toEqual([]);
    expect(console_.errors).toEqual([]);
  }, 300_000);
});
