// What a voter does in the booth, step by step through the real page (clicks and typing, like a person), shared
// by the browser tests: log in, type the credential code, choose, review, seal, cast or audit.
import type { Choices, ElectionDefinition } from '@saylau/protocol';
import type { Page } from 'playwright-core';
import type { Voter } from '../../server/test/helpers.ts';
import type { Language } from '../src/i18n/index.ts';
import { screenshot } from './harness.ts';

export async function waitForScreen(page: Page, screen: string): Promise<void> {
  await page.waitForSelector(`main[data-screen="${screen}"]`, { timeout: 20_000 });
}

export async function chooseLanguage(page: Page, lang: Language): Promise<void> {
  await page.click(`button[data-language="${lang}"]`);
  await page.waitForSelector(`html[lang="${lang}"]`);
}

export async function logIn(page: Page, voter: Voter): Promise<void> {
  await page.fill('#field-voter-id', voter.voterId);
  await page.fill('#field-login-code', voter.loginCode);
  await page.click('#submit');
  await waitForScreen(page, 'credential');
}

/** Types the credential code as a voter might: lower case, with the letter's dashes. */
export async function enterCredential(page: Page, voter: Voter): Promise<void> {
  const typed = (voter.credentialCode.match(/.{1,5}/g) ?? []).join('-').toLowerCase();
  await page.fill('#field-credential', typed);
  await page.click('#submit');
  await waitForScreen(page, 'ballot');
}

/** Ticks each chosen option (radio or checkbox) by clicking its label. */
export async function choose(page: Page, definition: ElectionDefinition, choices: Choices): Promise<void> {
  for (const [questionId, optionIds] of Object.entries(choices)) {
    const question = definition.questions.find((q) => q.id === questionId);
    if (!question) throw new Error(`no question ${questionId}`);
    for (const optionId of optionIds) {
      const index = question.options.findIndex((o) => o.id === optionId);
      await page.click(`label[for="option-${questionId}-${index}"]`);
    }
  }
}

/** The option ids listed under each question of a choices view (review, audit, verification). */
export async function shownChoices(page: Page, selector: string): Promise<Record<string, string[]>> {
  return page.$$eval(`${selector} dd`, (items) => {
    const out: Record<string, string[]> = {};
    for (const dd of items as HTMLElement[]) {
      const q = dd.dataset.question as string;
      out[q] ??= [];
      if (dd.dataset.option) out[q].push(dd.dataset.option);
    }
    return out;
  });
}

export async function reviewAndSeal(page: Page): Promise<string> {
  await page.click('#to-review');
  await waitForScreen(page, 'review');
  await page.click('#seal');
  await waitForScreen(page, 'sealed');
  return (await page.textContent('#sealed-tracking-code')) ?? '';
}

export interface CastResult {
  readonly trackingCode: string;
  readonly link: string;
}

export async function castSealed(page: Page): Promise<CastResult> {
  await page.click('#cast');
  await waitForScreen(page, 'receipt');
  await page.waitForSelector('#board-check[data-state="ok"]', { timeout: 20_000 });
  // the QR code appears once the server holds the ballot's sealed seed
  await page.waitForSelector('#verification[data-state="ok"]', { timeout: 20_000 });
  return {
    trackingCode: (await page.textContent('#tracking-code')) ?? '',
    link: await page.inputValue('#verify-link'),
  };
}

/** The whole booth from the start page to the receipt, with a screenshot of each screen when `shots` names them. */
export async function voteFromStart(
  page: Page,
  options: {
    baseUrl: string;
    /** The address to open (the letter's); by default the booth of eid at baseUrl. */
    url?: string;
    eid: string;
    definition: ElectionDefinition;
    voter: Voter;
    lang: Language;
    choices: Choices;
    shots?: string;
  },
): Promise<CastResult> {
  const { page: p, shots } = { page, shots: options.shots };
  const shot = async (name: string): Promise<void> => {
    if (shots) await screenshot(p, `${shots}-${name}`);
  };
  await p.goto(options.url ?? `${options.baseUrl}/?election=${options.eid}`);
  await waitForScreen(p, 'login');
  await chooseLanguage(p, options.lang);
  await shot('1-login');
  await logIn(p, options.voter);
  await shot('2-credential');
  await enterCredential(p, options.voter);
  await choose(p, options.definition, options.choices);
  await shot('3-ballot');
  await p.click('#to-review');
  await waitForScreen(p, 'review');
  await shot('4-review');
  await p.click('#seal');
  await waitForScreen(p, 'sealed');
  await shot('5-sealed');
  const result = await castSealed(p);
  await shot('6-receipt');
  return result;
}
