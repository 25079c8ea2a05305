// Security, accessibility and the public page in headless Chromium against the real server: election strings are
// text (a `<script>` in a title never runs), the CSP header is sent and nothing breaks it, axe's WCAG 2.1 AA rules
// pass, pages reflow on a phone and at 200% zoom, turnout and results render; and the 7-selection ballot timing.
import {
  type Aggregate,
  AggregateEntry,
  computeDecryptionShares,
  DecryptionShareWire,
  type DefinitionDraft,
  type ElectionDefinition,
  fingerprintBytes,
  signTrusteeRequest,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  admin,
  ballotFor,
  closeAtPeriodEnd,
  expectStatus,
  loadDraft,
  loginVoter,
  makeVoters,
  openElection,
  registerVoters,
  runCeremony,
  type Voter,
} from '../../server/test/helpers.ts';
import en from '../src/i18n/en.ts';
import kk from '../src/i18n/kk.ts';
import ru from '../src/i18n/ru.ts';
import { choose, enterCredential, logIn, reviewAndSeal, shownChoices, voteFromStart, waitForScreen } from './flows.ts';
import {
  axeViolations,
  brokenWords,
  CSP,
  openPage,
  overflowsHorizontally,
  type Stack,
  screenshot,
  startStack,
} from './harness.ts';

let stack: Stack;
let main: Awaited<ReturnType<typeof openElection>>;

type Choices = Record<string, string[]>;

const XSS_TITLE = '<script>window.__xss = 1</script><b>Referendum</b>';
const XSS_QUESTION = '<img src=x onerror="window.__xss = 2">Parks?';
const XSS_OPTION = '<script>window.__xss = 3</script>Metro';
const XSS_DESCRIPTION = '<iframe src="javascript:window.__xss = 4"></iframe>';

/** The fixture turned hostile: markup in every kind of election string. Two referendum answers and five transport
 *  options make the Medeu ballot exactly 7 selections, the size the timing target is stated for. */
function hostileDraft(): DefinitionDraft {
  const draft = loadDraft();
  const all = (text: string) => ({ kk: text, ru: text, en: text });
  const [parks, transport, projects] = draft.questions;
  if (!parks || !transport || !projects) throw new Error('the fixture changed');
  return {
    ...draft,
    id: 'xss-check',
    title: all(XSS_TITLE),
    description: all(XSS_DESCRIPTION),
    questions: [
      { ...parks, text: all(XSS_QUESTION), options: parks.options.slice(0, 2), rules: [] },
      {
        ...transport,
        options: transport.options.map((o, i) => (i === 0 ? { ...o, label: all(XSS_OPTION) } : o)),
      },
      projects,
    ],
  };
}

async function openHostileElection(): Promise<{ eid: string; definition: ElectionDefinition; voters: Voter[] }> {
  const created = expectStatus(await stack.server.request('POST', '/api/elections', { ...admin, body: hostileDraft() }), 201);
  const definition = created.json.definition as ElectionDefinition;
  const voters = makeVoters(definition, { medeu: 2, bostandyk: 1 });
  await registerVoters(stack.server, definition.id, voters);
  await runCeremony(stack.server, definition.id, definition);
  expectStatus(await stack.server.request('POST', `/api/elections/${definition.id}/open`, { ...admin, body: {} }), 200);
  return { eid: definition.id, definition, voters };
}

beforeAll(async () => {
  stack = await startStack();
  main = await openElection(stack.server, { medeu: 4, bostandyk: 4 });
});

afterAll(async () => {
  await stack?.close();
});

const mainVoter = (district: string, i: number): Voter => main.voters.filter((v) => v.district === district)[i] as Voter;

describe('security', () => {
  it('sends the CSP header with every page and asset', async () => {
    for (const path of ['/', '/verify.html', '/public.html', `/?election=${main.eid}`, '/favicon.svg']) {
      const response = await fetch(`${stack.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toBe(CSP);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const html = await (await fetch(`${stack.baseUrl}/`)).text();
    // nothing inline: every script and stylesheet is a file
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    for (const asset of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
      const response = await fetch(`${stack.baseUrl}${asset[1]}`);
      expect(response.headers.get('content-security-policy')).toBe(CSP);
    }
  });

  it('shows markup in election strings as text: no script runs, and the page reports no CSP violation', async () => {
    const hostile = await openHostileElection();
    const booth = await openPage(stack.browser);
    const { page } = booth;
    const voter = hostile.voters[0] as Voter;
    await page.goto(`${stack.baseUrl}/?election=${hostile.eid}`);
    await waitForScreen(page, 'login');
    await page.click('button[data-language="en"]');
    expect(await page.textContent('.election-title')).toBe(XSS_TITLE);
    await logIn(page, voter);
    await enterCredential(page, voter);
    expect(await page.textContent('#question-parks .question-text')).toBe(XSS_QUESTION);
    expect(await page.textContent('label[for="option-transport-0"]')).toBe(XSS_OPTION);
    await screenshot(page, 'xss-ballot');

    // seal, audit, fresh ballot, three times: each build of this 7-selection ballot is measured in the page
    const choices = { parks: ['yes'], transport: ['metro'] };
    await choose(page, hostile.definition, choices);
    await reviewAndSeal(page);
    for (let i = 0; i < 3; i++) {
      await page.click('#audit');
      await waitForScreen(page, 'audit');
      await page.click('#fresh-ballot');
      await waitForScreen(page, 'review');
      await page.click('#seal');
      await waitForScreen(page, 'sealed');
    }
    const timings = await page.evaluate(() =>
      performance.getEntriesByName('saylau:build-ballot').map((e) => ({
        selections: (e as PerformanceMeasure).detail.selections as number,
        ms: Math.round(e.duration * 10) / 10,
      })),
    );
    expect(timings.every((t) => t.selections === 7)).toBe(true);
    console.log(
      `[voter-web] 7-selection ballot: encrypt + prove + sign in Chromium, ms per build: ${timings.map((t) => t.ms).join(', ')}`,
    );
    await page.click('#cast');
    await waitForScreen(page, 'receipt');
    await page.waitForSelector('#board-check[data-state="ok"]', { timeout: 20_000 });
    await page.waitForSelector('#verification[data-state="ok"]', { timeout: 20_000 });
    const link = await page.inputValue('#verify-link');

    const phone = await openPage(stack.browser, { locale: 'en-GB' });
    await phone.page.goto(link);
    await waitForScreen(phone.page, 'verified');
    expect(await phone.page.textContent('.election-title')).toBe(XSS_TITLE);
    expect(await shownChoices(phone.page, '#verified-choices')).toEqual(choices);
    expect(await phone.page.textContent('#verified-choices')).toContain(XSS_OPTION);

    for (const p of [page, phone.page]) {
      expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await p.evaluate(() => document.querySelectorAll('main script, main img, main iframe, main b').length)).toBe(0);
      expect(await p.title()).not.toContain('<');
    }
    expect(await booth.cspViolations()).toEqual([]);
    expect(await phone.cspViolations()).toEqual([]);
    expect([...booth.errors, ...phone.errors]).toEqual([]);

    // the violation watch itself works: an inline script injected into the page is blocked and reported
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__xss = 5';
      document.body.append(script);
    });
    await page.waitForFunction(() => ((window as unknown as { __csp: string[] }).__csp ?? []).length > 0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect((await booth.cspViolations()).join()).toContain('script-src');
    await booth.context.close();
    await phone.context.close();
  });
});

describe('accessibility', () => {
  it('passes axe’s WCAG 2.1 A/AA rules on every main screen, and reflows at 320 px and at 200% zoom', async () => {
    const booth = await openPage(stack.browser);
    const { page } = booth;
    const v = mainVoter('bostandyk', 0);
    const findings: Record<string, string[]> = {};
    const audit = async (name: string): Promise<void> => {
      findings[name] = await axeViolations(page);
    };
    await page.goto(`${stack.baseUrl}/?election=${main.eid}`);
    await waitForScreen(page, 'login');
    await page.click('button[data-language="ru"]');
    await audit('login');
    await logIn(page, v);
    await audit('credential');
    await enterCredential(page, v);
    await page.click('#to-review');
    await page.waitForSelector('#problem-summary');
    await audit('ballot with problems');
    await choose(page, main.definition, { parks: ['yes'], transport: ['tram'], projects: ['pool'] });
    await audit('ballot');
    await reviewAndSeal(page);
    await audit('sealed');
    await page.click('#audit');
    await waitForScreen(page, 'audit');
    await audit('audit');
    await page.click('#fresh-ballot');
    await waitForScreen(page, 'review');
    await audit('review');
    await page.click('#seal');
    await waitForScreen(page, 'sealed');
    await page.click('#cast');
    await waitForScreen(page, 'receipt');
    await page.waitForSelector('#board-check[data-state="ok"]', { timeout: 20_000 });
    await page.waitForSelector('#verification[data-state="ok"]', { timeout: 20_000 });
    await audit('receipt');
    const link = await page.inputValue('#verify-link');
    await page.goto(link);
    await waitForScreen(page, 'verified');
    await audit('verify');
    await page.goto(`${stack.baseUrl}/public.html?election=${main.eid}`);
    await page.waitForSelector('#turnout-table');
    await audit('public');
    expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, []])));
    expect(booth.errors).toEqual([]);
    await booth.context.close();

    // a 320 px wide phone (WCAG 1.4.10) and 200% zoom of a 1280 × 900 window (640 × 450 CSS pixels)
    for (const [name, viewport, scale] of [
      ['phone-320', { width: 320, height: 640 }, 1],
      ['zoom-200', { width: 640, height: 450 }, 2],
    ] as const) {
      const small = await openPage(stack.browser, { viewport, deviceScaleFactor: scale, locale: 'kk-KZ' });
      const w = mainVoter('bostandyk', name === 'zoom-200' ? 2 : 3);
      await small.page.goto(`${stack.baseUrl}/?election=${main.eid}`);
      await waitForScreen(small.page, 'login');
      expect(await overflowsHorizontally(small.page), `${name} login`).toBe(false);
      await logIn(small.page, w);
      await enterCredential(small.page, w);
      await choose(small.page, main.definition, { parks: ['no'], transport: ['roads'], projects: ['market'] });
      expect(await overflowsHorizontally(small.page), `${name} ballot`).toBe(false);
      await screenshot(small.page, `${name}-ballot`);
      await reviewAndSeal(small.page);
      await small.page.click('#cast');
      await waitForScreen(small.page, 'receipt');
      expect(await overflowsHorizontally(small.page), `${name} receipt`).toBe(false);
      await screenshot(small.page, `${name}-receipt`);
      await small.page.goto(`${stack.baseUrl}/public.html?election=${main.eid}`);
      await small.page.waitForSelector('#turnout-table');
      expect(await overflowsHorizontally(small.page), `${name} public`).toBe(false);
      expect(small.errors).toEqual([]);
      await small.context.close();
    }
  });
});

describe('public page', () => {
  it('shows turnout per district while voting runs, in the chosen language', async () => {
    const booth = await openPage(stack.browser);
    await voteFromStart(booth.page, {
      baseUrl: stack.baseUrl,
      eid: main.eid,
      definition: main.definition,
      voter: mainVoter('medeu', 0),
      lang: 'en',
      choices: { parks: ['yes'], transport: ['metro'] },
    });
    await booth.context.close();
    const turnout = expectStatus(await stack.server.request('GET', `/api/elections/${main.eid}/turnout`), 200).json as {
      districts: { district: string; registered: number; voted: number }[];
    };

    const viewer = await openPage(stack.browser, { locale: 'kk-KZ' });
    const { page } = viewer;
    await page.goto(`${stack.baseUrl}/public.html?election=${main.eid}`);
    await page.waitForSelector('#turnout-table');
    expect(await page.textContent('h1')).toBe(kk.publicTitle);
    for (const d of turnout.districts) {
      const cells = await page.$$eval(`#turnout-table tr[data-district="${d.district}"] td`, (td) =>
        td.map((c) => c.textContent),
      );
      expect(cells.slice(0, 2)).toEqual([String(d.registered), String(d.voted)]);
    }
    expect(await page.textContent('main')).toContain(kk.resultsNotYet);
    expect(await page.$('#record-link')).toBeNull();
    await screenshot(page, 'public-turnout-kk');
    expect(await viewer.cspViolations()).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();
  });

  it('after publication shows each district’s real counts, the validity verdicts and the record link', async () => {
    // a small election of its own run through the real server: ballots, close, processing, 2 of 3 decryption
    // shares, tally and publication; nothing the page reads is faked
    const run = await openElection(stack.server, { medeu: 2, bostandyk: 3 }, { ...loadDraft(), id: 'results-check' });
    const { eid, definition, election, trustees } = run;
    const voterOf = (id: string): Voter => run.voters.find((v) => v.voterId === id) as Voter;
    const cast: Record<string, Choices> = {
      'medeu-0': { parks: ['yes'], transport: ['metro'] },
      'medeu-1': { parks: ['no'], transport: ['tram'] },
      'bostandyk-0': { parks: ['no'], transport: ['metro'], projects: ['library', 'lights'] },
      'bostandyk-1': { parks: ['blank'], transport: ['bikes'], projects: ['lights'] },
      // bostandyk-2 abstains
    };
    for (const [voterId, choices] of Object.entries(cast)) {
      const voter = voterOf(voterId);
      const token = await loginVoter(stack.server, eid, voter);
      const built = ballotFor(election, voter, choices);
      expectStatus(
        await stack.server.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot: built.json } }),
        201,
      );
    }
    expectStatus(await closeAtPeriodEnd(stack.server, eid), 200);
    const processed = expectStatus(
      await stack.server.request('POST', `/api/elections/${eid}/process`, { ...admin, body: {} }),
      200,
    ).json;
    expect(processed).toMatchObject({ counted: 4 });
    const entries: Aggregate[] = z.array(AggregateEntry).parse(processed.entries);
    const fp = fingerprintBytes(definition);
    for (const trustee of trustees.slice(0, definition.trustees.threshold)) {
      const shares = computeDecryptionShares({ fingerprint: fp, entries }, trustee.index, trustee.secretShare as bigint);
      const body = signTrusteeRequest(trustee.key.secretKey, fp, trustee.index, 'decryption-share', {
        shares: z.encode(z.array(DecryptionShareWire.nullable()), shares),
      });
      expectStatus(
        await stack.server.request('POST', `/api/elections/${eid}/trustees/${trustee.index}/decryption`, { body }),
        200,
      );
    }
    expectStatus(await stack.server.request('POST', `/api/elections/${eid}/tally`, { ...admin, body: {} }), 200);
    expectStatus(await stack.server.request('POST', `/api/elections/${eid}/publish`, { ...admin, body: {} }), 200);

    // what the page must show: the votes cast above, counted per district and overall
    const expected = new Map<string, Map<string, Record<string, number>>>();
    for (const [voterId, choices] of Object.entries(cast)) {
      for (const district of [voterOf(voterId).district, '*']) {
        const questions = expected.get(district) ?? new Map<string, Record<string, number>>();
        expected.set(district, questions);
        for (const [question, options] of Object.entries(choices)) {
          const counts = questions.get(question) ?? {};
          questions.set(question, counts);
          for (const option of options) counts[option] = (counts[option] ?? 0) + 1;
        }
      }
    }

    const viewer = await openPage(stack.browser, { locale: 'ru-RU' });
    const { page } = viewer;
    await page.goto(`${stack.baseUrl}/public.html?election=${eid}`);
    await page.waitForSelector('#results');
    expect(await page.textContent('main')).toContain(ru.statePublished);
    expect(await page.$$eval('#results .results-block', (b) => b.map((x) => (x as HTMLElement).dataset.district))).toEqual([
      '*',
      'medeu',
      'bostandyk',
    ]);
    for (const [district, questions] of expected) {
      const shownQuestions = await page.$$eval(`.results-block[data-district="${district}"] table[data-question]`, (t) =>
        t.map((x) => (x as HTMLElement).dataset.question),
      );
      expect(shownQuestions, district).toEqual([...questions.keys()]);
      for (const [questionId, counts] of questions) {
        const question = definition.questions.find((q) => q.id === questionId);
        const rows = await page.$$eval(
          `.results-block[data-district="${district}"] table[data-question="${questionId}"] tbody tr`,
          (trs) => trs.map((r) => [(r as HTMLElement).dataset.option, r.children[0]?.textContent, r.children[1]?.textContent]),
        );
        expect(rows, `${district}/${questionId}`).toEqual(
          question?.options.map((o) => [o.id, o.label.ru, String(counts[o.id] ?? 0)]),
        );
      }
    }
    // overall parks: yes 1 of 4 ballots, 25 %
    const parksYes = await page.textContent(
      '.results-block[data-district="*"] table[data-question="parks"] tr[data-option="yes"] .share-text',
    );
    expect(parksYes).toMatch(/^25\s?%$/);
    expect(await page.textContent('.results-block[data-district="medeu"]')).toContain(ru.ballotsCounted(2, 2));
    expect(await page.textContent('.results-block[data-district="bostandyk"]')).toContain(ru.ballotsCounted(2, 3));

    // parks: turnout 4 of 5 meets its 25 % quorum, but "yes" has 1 of 3 non-blank ballots, no majority: invalid;
    // transport has no rules; projects: "lights" chosen by 2 of 3 registered, over its 10 % quorum
    expect(await page.$$eval('.validity', (v) => v.map((x) => (x as HTMLElement).dataset.valid))).toEqual([
      'false',
      'true',
      'true',
    ]);
    const invalid = (await page.textContent('.validity-invalid')) ?? '';
    expect(invalid).toContain(ru.resultInvalid);
    expect(invalid).toContain(`${ru.ruleTurnoutQuorum(25)}: ${ru.ruleMet}`);
    expect(invalid).toContain(`${ru.ruleMajority('Да', false)}: ${ru.ruleNotMet}`);
    expect(invalid).toContain(`${ru.figureNames.ballots} 4`);
    expect(invalid).toContain(`${ru.figureNames.registered} 5`);
    expect(invalid).toMatch(new RegExp(`${ru.figureNames.basisPoints} 25\\s?%`));
    expect(invalid).toContain(`${ru.figureVotesFor('Да')} 1`);
    expect(invalid).toContain(`${ru.figureNames.blank} 1`);
    expect(invalid).toContain(`${ru.figureNames.base} 3`);
    expect(invalid).not.toMatch(/basisPoints|count|base\b|blank\b/);
    const validTexts = await page.$$eval('.validity-valid', (v) => v.map((x) => x.textContent ?? ''));
    expect(validTexts.every((text) => text.includes(ru.resultValid))).toBe(true);
    expect(validTexts[1]).toContain(`${ru.ruleApprovalQuorum('Уличное освещение', 10)}: ${ru.ruleMet}`);
    expect(validTexts[1]).toContain(`${ru.figureVotesFor('Уличное освещение')} 2`);
    expect(validTexts[1]).toContain(`${ru.figureNames.registered} 3`);

    const href = await page.getAttribute('#record-link', 'href');
    expect(href).toBe(`/api/elections/${eid}/record`);
    const record = await fetch(`${stack.baseUrl}${href}`);
    expect(record.status).toBe(200);
    expect(((await record.json()) as { events: { type: string }[] }).events.some((e) => e.type === 'result')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'public-results-ru');
    await page.click('button[data-language="en"]');
    const invalidEn = (await page.textContent('.validity-invalid')) ?? '';
    expect(invalidEn).toContain(`${en.ruleMajority('Yes', false)}: ${en.ruleNotMet}`);
    expect(invalidEn).toContain(`${en.figureVotesFor('Yes')} 1`);
    await page.click('button[data-language="kk"]');
    expect(await page.textContent('.validity-invalid')).toContain(`${kk.figureVotesFor('Иә')} 1`);
    expect(await viewer.cspViolations()).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();

    // on a 390 px phone and at 200 % text, in every language: no sideways scrolling, no word broken inside, and the
    // turnout box says why counted ballots and e-voters differ
    for (const [name, viewport, scale] of [
      ['phone-390', { width: 390, height: 844 }, 1],
      ['zoom-200', { width: 640, height: 450 }, 2],
    ] as const) {
      const phone = await openPage(stack.browser, { viewport, deviceScaleFactor: scale });
      for (const [lang, texts] of [
        ['kk', kk],
        ['ru', ru],
        ['en', en],
      ] as const) {
        await phone.page.goto(`${stack.baseUrl}/public.html?election=${eid}`);
        await phone.page.click(`button[data-language="${lang}"]`);
        await phone.page.waitForSelector('#results');
        await phone.page.waitForSelector('#turnout-table');
        expect(await phone.page.textContent('#turnout-note')).toBe(texts.turnoutNoteClosed);
        expect(await overflowsHorizontally(phone.page), `${name} ${lang}`).toBe(false);
        expect(await brokenWords(phone.page, '.data-table'), `${name} ${lang}`).toEqual([]);
        await screenshot(phone.page, `public-results-${lang}-${name}`);
      }
      expect(await axeViolations(phone.page)).toEqual([]);
      await phone.context.close();
    }
  });
});
