// Attack: stored cross-site scripting through the election's own texts — a title, question, option or district name
// holding markup that runs when a page shows it. Known from OWASP's catalogue (A03:2021 Injection; "Cross Site
// Scripting (XSS)", stored XSS) — and a real risk here, since a definition is written by the commission and shown
// to every voter, observer and auditor.
// What stops it in Saylau: every page builds its DOM with text nodes (apps/voter-web/src/dom.ts `h`, never innerHTML)
// under a Content-Security-Policy without 'unsafe-inline' (apps/voter-web/README.md), and the verifier's HTML
// report escapes every string from the record (apps/verifier/src/html.ts `esc`: a record is untrusted input).
// There is no error code: the defence is that the markup stays text. The test drives the real booth, the public
// results page (on a real server, after a real tally) and the report in Chromium, and asserts no payload ran
// (window.__xss stays unset), no element was parsed from the texts, and each text appears literally. A control
// shows the payloads do run when the same strings are put into a page as markup.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  type Trustee,
  type Voter,
} from '../../apps/server/test/helpers.ts';
import { renderHtml, verifyRecord } from '../../apps/verifier/src/index.ts';
import { chooseLanguage, enterCredential, logIn, waitForScreen } from '../../apps/voter-web/test/flows.ts';
import { openPage, type Stack, startStack, type WatchedPage } from '../../apps/voter-web/test/harness.ts';
import type { DefinitionDraft, ElectionContext, ElectionDefinition } from '../../packages/protocol/src/index.ts';
import { readable, runToPublication, submitBallot } from './support.ts';

/** A payload that sets window.__xss to `where` if any part of it is ever parsed as markup. */
const payload = (where: string, text: string) =>
  `<img src=x onerror="window.__xss='${where}'"><script>window.__xss='${where}'</script>${text} & "quoted" 'too'`;
const TITLE = payload('title', 'Referendum');
const DESCRIPTION = `<iframe src="javascript:window.__xss='description'"></iframe>${payload('description', 'About')}`;
const MEDEU = payload('district', 'Medeu');
const QUESTION = payload('question', 'Parks?');
const METRO = `<svg onload="window.__xss='option'"></svg>${payload('option', 'Metro')}`;

function hostileDraft(): DefinitionDraft {
  const draft = loadDraft();
  const all = (text: string) => ({ kk: text, ru: text, en: text });
  return {
    ...draft,
    id: 'stored-xss',
    title: all(TITLE),
    description: all(DESCRIPTION),
    districts: draft.districts.map((d) => (d.id === 'medeu' ? { ...d, name: all(MEDEU) } : d)),
    questions: draft.questions.map((q) => {
      if (q.id === 'parks') return { ...q, text: all(QUESTION) };
      if (q.id === 'transport')
        return { ...q, options: q.options.map((o) => (o.id === 'metro' ? { ...o, label: all(METRO) } : o)) };
      return q;
    }),
  };
}

/** Nothing ran and nothing was parsed out of the texts: no flag, no handler attribute, no element they carry. */
async function expectInert(page: WatchedPage['page']): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(await page.evaluate(() => document.querySelectorAll('[onerror], [onload], iframe, img[src="x"]').length)).toBe(0);
  expect(await page.evaluate(() => document.querySelectorAll('body script').length)).toBe(0);
}

let stack: Stack;
let eid: string;
let definition: ElectionDefinition;
let election: ElectionContext;
let voters: Voter[];
let trustees: Trustee[];

beforeAll(async () => {
  stack = await startStack();
  const t = stack.server;
  const created = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: hostileDraft() }), 201);
  definition = created.json.definition as ElectionDefinition;
  eid = definition.id;
  voters = makeVoters(definition, { medeu: 2, bostandyk: 1 });
  await registerVoters(t, eid, voters);
  trustees = await runCeremony(t, eid, definition);
  expectStatus(await t.request('POST', `/api/elections/${eid}/open`, { ...admin, body: {} }), 200);
  election = await electionContextOf(t, eid);
});
afterAll(async () => {
  await stack?.close();
});

describe('stored XSS through election texts', () => {
  it('the payloads are live: put into a page as markup, they run (the control)', async () => {
    const { page, context } = await openPage(stack.browser);
    await page.setContent(`<main><h1>${TITLE}</h1><p>${METRO}</p></main>`);
    await page.waitForFunction(() => (window as unknown as { __xss?: string }).__xss !== undefined);
    expect(await page.evaluate(() => document.querySelectorAll('[onerror]').length)).toBeGreaterThan(0);
    await context.close();
  });

  it('the booth shows the title, the question and the option as text', async () => {
    const booth = await openPage(stack.browser);
    const { page } = booth;
    const voter = voters.find((v) => v.district === 'medeu') as Voter;
    await page.goto(`${stack.baseUrl}/?election=${eid}`);
    await waitForScreen(page, 'login');
    await chooseLanguage(page, 'en');
    expect(await page.textContent('.election-title')).toBe(TITLE);
    await logIn(page, voter);
    await enterCredential(page, voter);
    expect(await page.textContent('#question-parks .question-text')).toBe(QUESTION);
    expect(await page.textContent('label[for="option-transport-0"]')).toBe(METRO);
    expect(await page.textContent('main')).toContain(MEDEU);
    await expectInert(page);
    expect(await booth.cspViolations()).toEqual([]);
    expect(booth.errors).toEqual([]);
    await booth.context.close();
  });

  it('the public results page, after a real tally, shows them as text; so does the verifier’s HTML report', async () => {
    const t = stack.server;
    const choices: Record<string, Record<string, string[]>> = {
      medeu: { parks: ['yes'], transport: ['metro'] },
      bostandyk: { parks: ['no'], transport: ['metro'], projects: ['lights'] },
    };
    for (const voter of voters) {
      const answer = await submitBallot(
        t,
        eid,
        await loginVoter(t, eid, voter),
        ballotFor(election, voter, choices[voter.district] ?? {}).json,
      );
      expectStatus(answer, 201);
    }
    const record = await runToPublication(t, eid, definition, trustees);

    const viewer = await openPage(stack.browser, { locale: 'en-GB' });
    await viewer.page.goto(`${stack.baseUrl}/public.html?election=${eid}`);
    await viewer.page.waitForSelector('#results');
    const shown = (await viewer.page.textContent('main')) ?? '';
    for (const text of [TITLE, MEDEU, QUESTION, METRO]) expect(shown).toContain(text);
    await expectInert(viewer.page);
    expect(await viewer.cspViolations()).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();

    // the auditor's report of the same record, opened as a file would be: no CSP to help, escaping alone
    const report = readable(await verifyRecord(record as never, { workers: 0 }));
    expect(report.ok).toBe(true);
    const html = renderHtml(report);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    const { page, context } = await openPage(stack.browser);
    await page.setContent(html);
    expect(await page.textContent('h1')).toBe(TITLE);
    expect(await page.textContent('main')).toContain(MEDEU);
    await expectInert(page);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    await context.close();
  });
});
