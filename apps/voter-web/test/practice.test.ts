// A practice election with paper results, in headless Chromium against the real server: the booth, the second-device
// page and the public page carry the practice banner in Kazakh, Russian and English on every screen, the receipt and
// the results say the vote does not count, and the public page shows electronic, paper (attested by the commission)
// and combined votes with the basis of the verdicts — every screen axe-clean, nothing outside the CSP.
import { bytesToHex, encodePoint, generateKeyPair } from '@saylau/crypto';
import {
  AggregateEntry,
  computeDecryptionShares,
  DecryptionShareWire,
  type ElectionDefinition,
  fingerprintBytes,
  signCommissionStatement,
  signTrusteeRequest,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  admin,
  closeAtPeriodEnd,
  expectStatus,
  loadDraft,
  makeVoters,
  registerVoters,
  runCeremony,
  type Trustee,
  type Voter,
} from '../../server/test/helpers.ts';
import en from '../src/i18n/en.ts';
import kk from '../src/i18n/kk.ts';
import ru from '../src/i18n/ru.ts';
import { chooseLanguage, voteFromStart, waitForScreen } from './flows.ts';
import { axeViolations, openPage, type Stack, screenshot, startStack } from './harness.ts';

const CATALOGUES = { kk, ru, en } as const;
const members = ['aigerim', 'bolat'].map((id) => ({ id, key: generateKeyPair() }));
let stack: Stack;
let eid: string;
let definition: ElectionDefinition;
let voters: Voter[];
let trustees: Trustee[];
let fp: Uint8Array;

const sign = (kind: 'decision' | 'paper-results', statement: unknown) =>
  members.map((m) => signCommissionStatement(m.key.secretKey, fp, m.id, kind, statement));

beforeAll(async () => {
  stack = await startStack();
  const draft = {
    ...loadDraft(),
    id: 'practice-booth',
    practice: true,
    validityBasis: 'both' as const,
    commission: {
      members: members.map((m) => ({ id: m.id, name: m.id, publicKey: bytesToHex(encodePoint(m.key.publicKey)) })),
      threshold: 2,
    },
  };
  const t = stack.server;
  definition = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draft }), 201).json
    .definition as ElectionDefinition;
  eid = definition.id;
  fp = fingerprintBytes(definition);
  voters = makeVoters(definition, { medeu: 4, bostandyk: 2 });
  await registerVoters(t, eid, voters);
  trustees = await runCeremony(t, eid, definition);
  const decision = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/decision`), 200).json;
  for (const body of sign('decision', decision.statement)) {
    await t.request('POST', `/api/elections/${eid}/commission/decision/signatures`, { body });
  }
  expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} }), 200);
});

afterAll(async () => {
  await stack?.close();
});

describe('a practice election', () => {
  it('the booth shows the practice banner in each language, and the receipt and the check say it does not count', async () => {
    const booth = await openPage(stack.browser);
    const { page } = booth;
    await page.goto(`${stack.baseUrl}/?election=${eid}`);
    await waitForScreen(page, 'login');
    for (const lang of ['kk', 'ru', 'en'] as const) {
      await chooseLanguage(page, lang);
      expect(await page.textContent('#practice-banner')).toBe(CATALOGUES[lang].practiceBanner);
      expect(await axeViolations(page), lang).toEqual([]);
    }
    await screenshot(page, 'practice-login-en');
    const cast = await voteFromStart(page, {
      baseUrl: stack.baseUrl,
      eid,
      definition,
      voter: voters[0]!,
      lang: 'ru',
      choices: { parks: ['yes'], transport: ['tram'] },
    });
    // the banner stayed through every screen to the receipt, which says so itself
    expect(await page.textContent('#practice-banner')).toBe(ru.practiceBanner);
    expect(await page.textContent('#practice-receipt')).toBe(ru.practiceReceipt);
    expect(await axeViolations(page)).toEqual([]);
    expect(await booth.cspViolations()).toEqual([]);
    expect(booth.errors).toEqual([]);

    const second = await openPage(stack.browser, { locale: 'kk-KZ' });
    await second.page.goto(cast.link);
    await waitForScreen(second.page, 'verified');
    await chooseLanguage(second.page, 'kk');
    expect(await second.page.textContent('#practice-banner')).toBe(kk.practiceBanner);
    expect(await second.page.textContent('#practice-verified')).toBe(kk.practiceReceipt);
    expect(await axeViolations(second.page)).toEqual([]);
    expect(second.errors).toEqual([]);
    await second.context.close();
    await booth.context.close();
  });

  it('the public page shows electronic, paper and combined votes, attested and marked as practice', async () => {
    const t = stack.server;
    expectStatus(await closeAtPeriodEnd(t, eid), 200);
    // the precinct protocols: medeu 3 paper ballots (1 invalid), bostandyk 1
    const districts = definition.districts.map((d) => {
      const style = definition.ballotStyles.find((s) => s.districts.includes(d.id))!;
      const medeu = d.id === 'medeu';
      return {
        district: d.id,
        ballotsIssued: medeu ? 3 : 1,
        ballotsCast: medeu ? 3 : 1,
        invalid: medeu ? 1 : 0,
        questions: style.questions.map((qid) => {
          const q = definition.questions.find((x) => x.id === qid)!;
          const counts = Object.fromEntries(q.options.map((o) => [o.id, 0]));
          if (qid === 'parks') counts.no = medeu ? 2 : 1;
          return { question: qid, counts };
        }),
      };
    });
    expectStatus(await t.request('POST', `/api/elections/${eid}/paper-results`, { ...admin, body: { districts } }), 200);
    const pending = expectStatus(await t.request('GET', `/api/elections/${eid}/commission/paper-results`), 200).json;
    for (const body of sign('paper-results', pending.statement)) {
      await t.request('POST', `/api/elections/${eid}/commission/paper-results/signatures`, { body });
    }
    const processed = expectStatus(await t.request('POST', `/api/elections/${eid}/process`, { ...admin, body: {} }), 200).json;
    const entries = z.array(AggregateEntry).parse(processed.entries);
    for (const tr of trustees.slice(0, definition.trustees.threshold)) {
      const shares = computeDecryptionShares({ fingerprint: fp, entries }, tr.index, tr.secretShare as bigint);
      const body = signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'decryption-share', {
        shares: z.encode(z.array(DecryptionShareWire.nullable()), shares),
      });
      expectStatus(await t.request('POST', `/api/elections/${eid}/trustees/${tr.index}/decryption`, { body }), 200);
    }
    expectStatus(await t.request('POST', `/api/elections/${eid}/tally`, { ...admin, body: {} }), 200);
    expectStatus(await t.request('POST', `/api/elections/${eid}/publish`, { ...admin, body: {} }), 200);

    const viewer = await openPage(stack.browser);
    const { page } = viewer;
    await page.goto(`${stack.baseUrl}/public.html?election=${eid}`);
    await page.waitForSelector('#results');
    for (const lang of ['kk', 'ru', 'en'] as const) {
      await chooseLanguage(page, lang);
      const c = CATALOGUES[lang];
      expect(await page.textContent('#practice-banner')).toBe(c.practiceBanner);
      expect(await page.textContent('#practice-results')).toBe(c.practiceResults);
      expect(await page.textContent('#paper-note')).toContain(c.paperNote);
      expect(await page.textContent('#paper-note')).toContain(c.paperSigned('aigerim, bolat'));
      expect(await page.textContent('#validity-basis')).toBe(c.basis.both);
      expect(await axeViolations(page), lang).toEqual([]);
    }
    // overall parks: 1 electronic "yes"; paper "no" 2 + 1; combined; the share is of the 1 + 3 valid ballots
    const row = (option: string) =>
      page.$$eval(
        `.results-block[data-district="*"] table[data-question="parks"] tr[data-option="${option}"] td[data-kind]`,
        (cells) => cells.map((x) => x.textContent),
      );
    await screenshot(page, 'practice-public-en');
    expect(await row('yes')).toEqual(['1', '0', '1']);
    expect(await row('no')).toEqual(['0', '3', '3']);
    expect(await page.textContent('.results-block[data-district="medeu"] .paper-ballots')).toBe(en.paperBallots(3, 3, 1));
    expect(await page.textContent('.results-block[data-district="*"]')).toContain(en.ballotsCounted(4, 6));
    expect(await viewer.cspViolations()).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();
  });
});
