// The early close from the commission's console with a 2-of-2 commission (spec §4.5.4) in Chromium against the real
// server: two members, each enrolled with their own key in their own browser context, sign the decision; once voting
// is open the first proposes an early close with a reason; the second's page refuses to sign what a dishonest server
// stages instead (another election's, one too old); the first signs, the close stays refused below the threshold,
// the second reads the statement (reason, time in the election's zone, who signed) in their own browser, signs it
// and closes; the `state closed` event carries the early close the protocol's (the verifier's) rules accept.
import { canonicalJson, closeProblems, type ElectionDefinition, fingerprintBytes } from '@saylau/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, expectStatus, loadDraft, makeVoters, registerVoters, runCeremony } from '../../server/test/helpers.ts';
import { KIT_TEXTS } from '../src/console/steps/kit/texts.ts';
import { VOTING_TEXTS } from '../src/console/texts/voting.ts';
import { axeViolations, openPage, type Stack, startStack } from './harness.ts';

const MEMBER_PASS = 'member correct horse battery';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  // the board's clock is the real one: the members' sessions last, and the proposal is timed now
  Object.defineProperty(stack.server.clock, 'now', { get: () => Date.now(), set: () => {} });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function act(page: Page, id: string, confirm = false): Promise<string> {
  await page.waitForSelector(`#${id}:not([aria-disabled])`, { timeout: 60_000 });
  await page.click(`#${id}`);
  if (confirm) await page.click('dialog[open] #confirm-yes');
  await page.waitForSelector(`#${id}-outcome[data-ok]`, { timeout: 60_000 });
  const outcome = (await page.textContent(`#${id}-outcome`)) ?? '';
  expect(await page.getAttribute(`#${id}-outcome`, 'data-ok'), outcome).toBe('true');
  return outcome;
}

async function goToStep(page: Page, eid: string, step: string): Promise<void> {
  await page.evaluate(() => {
    location.hash = '';
  });
  await page.waitForSelector('main[data-screen="list"]', { timeout: 60_000 });
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#election=${eid}&step=${step}`);
  await page.waitForSelector(`#step-panel[data-step="${step}"] #step-title`);
}

/** A member enrolled in a browser context of their own (key made there); answers the page and the public key. */
async function enrolledMember(name: string): Promise<{ page: Page; publicKey: string }> {
  const invitation = expectStatus(
    await stack.server.request('POST', '/api/commission/members/invitations', { ...admin, body: { name } }),
    201,
  ).json as { token: string };
  const { page } = await openPage(stack.browser);
  await page.goto(`${stack.baseUrl}/admin.html#invite=${invitation.token}`);
  await page.fill('#enrol-name', name);
  await page.fill('#new-passphrase', MEMBER_PASS);
  await page.fill('#confirm-passphrase', MEMBER_PASS);
  await page.click('#make-key');
  await page.waitForSelector('#download-key', { timeout: 60_000 });
  const publicKey = (await page.textContent('#member-public-key')) as string;
  await Promise.all([page.waitForEvent('download'), page.click('#download-key')]);
  await page.check('#saved-confirm');
  await page.click('#enrol');
  await page.waitForSelector('main[data-screen="list"]', { timeout: 60_000 });
  return { page, publicKey };
}

describe('the early close in the console, 2 of 2', () => {
  it('is proposed by one member, signed by each in their own browser, and closes only at the threshold', async () => {
    const t = stack.server;
    const aigerim = await enrolledMember('Aigerim');
    const bolat = await enrolledMember('Bolat');
    const draft = {
      ...loadDraft(),
      votingPeriod: {
        opens: new Date(Date.now() - 3600_000).toISOString(),
        closes: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
      commission: {
        members: [
          { id: 'aigerim', name: 'Aigerim', publicKey: aigerim.publicKey },
          { id: 'bolat', name: 'Bolat', publicKey: bolat.publicKey },
        ],
        threshold: 2,
      },
    };
    const definition = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draft }), 201).json
      .definition as ElectionDefinition;
    const eid = definition.id;
    await registerVoters(t, eid, makeVoters(definition, { medeu: 2, bostandyk: 1 }));
    await runCeremony(t, eid, definition);
    for (const member of [aigerim, bolat]) {
      await goToStep(member.page, eid, 'voting');
      await act(member.page, 'decision-sign');
    }
    expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} }), 200);
    const m = VOTING_TEXTS.en;
    const reason = 'the storm cut the power at every polling station';

    // --- Aigerim proposes and signs; the close stays refused with one signature of two ---
    const a = aigerim.page;
    await goToStep(a, eid, 'voting');
    await a.waitForSelector('#early-none');
    await a.fill('#early-reason', reason);
    await act(a, 'early-propose');
    await a.waitForSelector('#early-statement');
    expect(await a.textContent('#early-statement')).toContain(m.earlyReason(reason));
    expect(await a.textContent('#early-signers')).toBe(m.signers(0, 2, []));

    // --- a dishonest server stages another election's statement, then one 25 hours old: Bolat's page signs neither ---
    const store = t.server.services.storage.commission;
    const honest = (await store.get(eid, 'early-close'))?.statement as string;
    const staged = JSON.parse(honest) as { fingerprint: string; reason: string; at: string };
    const b = bolat.page;
    for (const [forged, code] of [
      [{ ...staged, fingerprint: 'ab'.repeat(32) }, 'other-election'],
      [{ ...staged, at: new Date(Date.now() - 25 * 3600_000).toISOString() }, 'too-old'],
    ] as const) {
      await store.put(eid, 'early-close', canonicalJson(forged));
      await goToStep(b, eid, 'voting');
      await b.waitForSelector('#early-refused');
      expect(await b.getAttribute('#early-refused', 'data-code')).toBe(code);
      expect(await b.getAttribute('#early-sign', 'aria-disabled')).toBe('true');
      await b.click('#early-sign', { force: true });
      expect(expectStatus(await t.request('GET', `/api/elections/${eid}/commission/early-close`), 200).json.signers).toEqual([]);
    }
    await store.put(eid, 'early-close', honest);

    await act(a, 'early-sign');
    await a.waitForSelector('#early-signers:has-text("aigerim")');
    expect(await a.getAttribute('#voting-close', 'aria-disabled')).toBe('true');
    expect(await a.textContent('#voting-close-why')).toBe(`${KIT_TEXTS.en.whyNot} ${m.earlyNeedsSignatures(1, 2)}`);
    expect(await a.getAttribute('#early-sign', 'aria-disabled')).toBe('true');
    const refused = await t.request('POST', `/api/elections/${eid}/close`, { ...admin, body: { early: 'collected' } });
    expect([refused.status, refused.json.error.code]).toEqual([409, 'EARLY_CLOSE_UNSIGNED']);

    // --- Bolat reads it in his own browser: reason, time in the election's zone, who signed; signs and closes ---
    await goToStep(b, eid, 'voting');
    await b.waitForSelector('#early-statement');
    const shown = (await b.textContent('#early-statement')) as string;
    expect(shown).toContain(m.earlyReason(reason));
    expect(shown).toContain(bytesOf(definition));
    expect(shown).toMatch(/Proposed at \d/);
    expect(await b.textContent('#early-signers')).toBe(m.signers(1, 2, ['aigerim']));
    expect(await b.$('#early-refused')).toBeNull();
    expect(await axeViolations(b)).toEqual([]);
    await act(b, 'early-sign');
    await b.waitForSelector('#early-signers:has-text("bolat")');
    const board = async () => expectStatus(await t.request('GET', `/api/elections/${eid}/board`), 200).json.events;
    expect((await board()).at(-1)).toMatchObject({ type: 'state', state: 'open' });
    expect(await act(b, 'voting-close', true)).toContain(m.closed(true));
    const event = (await board()).at(-1);
    expect(event).toMatchObject({ type: 'state', state: 'closed', early: { reason } });
    expect(event.early.signatures.map((s: { member: string }) => s.member).sort()).toEqual(['aigerim', 'bolat']);
    expect(closeProblems(definition, fingerprintBytes(definition), event.time, event.early)).toEqual([]);
  }, 240_000);
});

/** The election fingerprint as the statement names it. */
function bytesOf(definition: ElectionDefinition): string {
  return Buffer.from(fingerprintBytes(definition)).toString('hex');
}
