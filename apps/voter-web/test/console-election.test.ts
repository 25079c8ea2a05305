// A whole election from the commission's console (issue 14's "done when"): the real server (in process, its pages
// built by the install's script, its CSP) and Chromium. A commission member invited with the admin token enrolls and
// signs in; the election and its register are made; in the console the member starts a 2-of-3 key ceremony whose
// invitation links go to two trustee pages while the third trustee uses the CLI, finishes it, signs the commission's
// decision, opens voting (confirming), watches three voters vote in the booth, closes early (signed), imports a paper
// voter (signed: one electronic vote cancelled), processes; two trustees decrypt (a page and the CLI); the member
// decrypts the totals, publishes, downloads the record and the results protocol; the verifier passes every check and
// the record's result is the votes cast; the member signs the results protocol in the console (a changed one, another
// election's and one with a forged signature refused first) and `saylau-verify --protocol` passes on the signed file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Choices, ElectionDefinition } from '@saylau/protocol';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lettersCodes, saylauInProcess, tempDir } from '../../cli/test/helpers.ts';
import { admin, expectStatus, type Voter } from '../../server/test/helpers.ts';
import { runVerifier, verifyRecord } from '../../verifier/src/index.ts';
import { KIT_TEXTS } from '../src/console/steps/kit/texts.ts';
import { AFTER_CLOSE_TEXTS } from '../src/console/texts/after-close.ts';
import { voteFromStart } from './flows.ts';
import {
  axeViolations,
  openPage,
  overflowsHorizontally,
  type Stack,
  screenshot,
  startStack,
  type WatchedPage,
} from './harness.ts';

const MEMBER_PASS = 'member correct horse battery';
const TRUSTEE_PASS = ['trustee one correct horse', 'trustee two correct horse'] as const;
const CLI_PASS = 'the cli trustee passphrase';
const ELECTION = 'console-referendum';

/** A time as a clerk in Aqtöbe writes it: local wall-clock time with the +05:00 offset. */
function localTime(ms: number): string {
  return `${new Date(ms + 5 * 3600_000).toISOString().slice(0, 19)}+05:00`;
}

/** `saylau-verify RECORD --protocol FILE`, quiet: its exit code and the anchor.protocol check of its JSON report. */
async function verifyProtocol(
  record: string,
  protocol: string,
): Promise<{ code: number; checked: number | undefined; failed: number | undefined }> {
  let out = '';
  const stdout = {
    write: (chunk: string) => {
      out += chunk;
      return true;
    },
    isTTY: false,
  } as unknown as NodeJS.WritableStream;
  const stderr = { write: () => true } as unknown as NodeJS.WritableStream;
  const code = await runVerifier([record, '--protocol', protocol, '--json', '--workers', '0'], { stdout, stderr });
  const report = JSON.parse(out) as { checks: { id: string; checked: number; failed: number }[] };
  const check = report.checks.find((c) => c.id === 'anchor.protocol');
  return { code, checked: check?.checked, failed: check?.failed };
}

const screen = (page: Page, name: string) => page.waitForSelector(`main[data-screen="${name}"]`, { timeout: 60_000 });

let stack: Stack;
const dir = tempDir('saylau-console-election-');

beforeAll(async () => {
  stack = await startStack();
  // the board's clock is the real one: the member's early close is signed at the browser's time
  Object.defineProperty(stack.server.clock, 'now', { get: () => Date.now(), set: () => {} });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function text(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8');
}

/** Clicks an action's button once it is enabled (aria-disabled gone), then confirms its dialog when it has one. */
async function act(page: Page, id: string, confirm = false): Promise<string> {
  await page.waitForSelector(`#${id}:not([aria-disabled])`, { timeout: 60_000 });
  await page.click(`#${id}`);
  if (confirm) {
    await page.waitForSelector('dialog[open] #confirm-yes');
    await page.click('dialog[open] #confirm-yes');
  }
  await page.waitForSelector(`#${id}-outcome[data-ok]`, { timeout: 60_000 });
  const outcome = (await page.textContent(`#${id}-outcome`)) ?? '';
  expect(await page.getAttribute(`#${id}-outcome`, 'data-ok'), outcome).toBe('true');
  return outcome;
}

/** axe-clean, no sideways scrolling at 390 px, and a phone-sized picture of the step. */
async function checkStep(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await overflowsHorizontally(page), `${name} scrolls sideways at 390 px`).toBe(false);
  await screenshot(page, `screens/console-phone-${name}`);
  if (desktop) await page.setViewportSize(desktop);
}

async function goToStep(page: Page, eid: string, step: string): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#election=${eid}&step=${step}`);
  await page.waitForSelector(`#step-panel[data-step="${step}"] #step-title`);
}

async function trusteePage(link: string): Promise<WatchedPage> {
  const watched = await openPage(stack.browser);
  await watched.page.goto(link);
  return watched;
}

const trusteeStep = (page: Page, name: string) => page.waitForSelector(`section[data-step="${name}"]`, { timeout: 60_000 });

describe("an election run from the commission's console", () => {
  it('from the member’s enrollment to a published record that verifies', async () => {
    // --- a member, invited with the admin token, enrolls in the console (key made in the browser) ---
    const invitation = expectStatus(
      await stack.server.request('POST', '/api/commission/members/invitations', { ...admin, body: { name: 'Aigerim' } }),
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
    const [keyDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-key')]);
    const memberKeyFile = join(dir, 'member.key');
    await keyDownload.saveAs(memberKeyFile);
    await page.check('#saved-confirm');
    await page.click('#enrol');
    await page.waitForSelector('main[data-screen="list"]', { timeout: 60_000 });

    // --- the election from the define step's referendum template: its period around now and a small KDF (edited in
    // the YAML editor), the enrolled member ticked as the commission's signer in the form ---
    await page.click('#new-election');
    await screen(page, 'new');
    await page.click('#template-referendum');
    await page.fill('#def-id', ELECTION);
    const now = Date.now();
    const yaml = (await page.inputValue('#definition-yaml'))
      .replace(/logN: 15/, 'logN: 8')
      .replace(/opens: .*\n/, `opens: "${localTime(now - 3600_000)}"\n`)
      .replace(/closes: .*\n/, `closes: "${localTime(now + 7 * 86_400_000)}"\n`);
    await page.fill('#definition-yaml', yaml);
    await page.check('#def-commission-1');
    await page.waitForSelector('#def-commission-threshold');
    expect(await page.inputValue('#definition-yaml')).toContain(memberKey);
    await page.waitForSelector('#definition-problems.alert-success');
    await page.click('#create-election');
    await screen(page, 'define');
    const eid = ELECTION;
    const definition = expectStatus(await stack.server.request('GET', `/api/elections/${eid}`), 200).json
      .definition as ElectionDefinition;
    expect(definition.commission?.members.map((m) => m.publicKey)).toEqual([memberKey]);

    // --- the register from a voter file, then the letters made in the browser (their codes from the mail merge) ---
    await page.click('.step-tabs li[data-step="register"] a');
    await screen(page, 'register');
    const voterIds = ['V-001', 'V-002', 'V-003', 'V-004'];
    await page.setInputFiles('#register-file', {
      name: 'voters.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['voter_id,district,name', ...voterIds.map((id, i) => `${id},all,Voter ${i + 1}`), ''].join('\n')),
    });
    await page.waitForSelector('#register-import:not([aria-disabled])');
    await page.click('#register-import');
    await page.waitForSelector('#register-sizes');
    await page.click('.step-tabs li[data-step="letters"] a');
    await screen(page, 'letters');
    await page.click('#letters-generate');
    await page.waitForSelector('#letters-download-html', { timeout: 60_000 });
    const [letters] = await Promise.all([page.waitForEvent('download'), page.click('#letters-download-html')]);
    // the codes as the voters will read them on their letters
    const voters = lettersCodes(await text(letters)).map(
      (c) => ({ voterId: c.voterId, loginCode: c.loginCode, credentialCode: c.credentialCode.replace(/[-\s]/g, '') }) as Voter,
    );
    expect(voters.map((v) => v.voterId)).toEqual(voterIds);
    await page.check('#letters-saved');
    await page.click('#letters-upload');
    await page.waitForSelector('#step-panel .alert-success');

    // --- the key ceremony from the console: three names, three invitation links ---
    await goToStep(page, eid, 'ceremony');
    expect(await page.getAttribute('#ceremony-start', 'aria-disabled')).toBe('true');
    expect(await page.textContent('#ceremony-start-why')).toContain('name');
    for (const [i, name] of ['Alice', 'Bolat', 'Chen'].entries()) await page.fill(`#trustee-name-${i + 1}`, name);
    await act(page, 'ceremony-start');
    await page.waitForSelector('#invitation-3');
    const links = await Promise.all([1, 2, 3].map((n) => page.inputValue(`#invitation-${n}`)));
    // the server hands the tokens out once: a reload of the console keeps the links (this tab's session storage)
    await page.reload();
    await page.waitForSelector('#invitation-3');
    expect(await Promise.all([1, 2, 3].map((n) => page.inputValue(`#invitation-${n}`)))).toEqual(links);
    expect(links[0]).toMatch(new RegExp(`^${stack.baseUrl}/trustee\\.html#election=${eid}&trustee=1&token=[0-9a-f]{64}$`));
    // finishing is not possible yet, and the page says why
    await page.waitForSelector('#ceremony-finish-why');
    expect(await page.textContent('#ceremony-finish-why')).toContain('1, 2, 3');

    // trustees 1 and 2 on the trustee page, trustee 3 with the CLI
    const env = { SAYLAU_SERVER: stack.baseUrl, SAYLAU_ELECTION: eid, SAYLAU_PASSPHRASE: CLI_PASS };
    const cli = async (args: string[]) => {
      const run = await saylauInProcess(args, env);
      if (run.code !== 0) throw new Error(`saylau ${args.join(' ')} failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
      return run.stdout;
    };
    const trustees = await Promise.all([trusteePage(links[0] as string), trusteePage(links[1] as string)]);
    for (const [i, t] of trustees.entries()) {
      await trusteeStep(t.page, 'enrol');
      await t.page.fill('#new-passphrase', TRUSTEE_PASS[i] as string);
      await t.page.fill('#confirm-passphrase', TRUSTEE_PASS[i] as string);
      await t.page.click('#generate');
      await t.page.waitForSelector('#download-key', { timeout: 60_000 });
      await Promise.all([t.page.waitForEvent('download'), t.page.click('#download-key')]);
      await t.page.check('#saved-confirm');
      await t.page.click('#enrol');
      await trusteeStep(t.page, 'deal');
    }
    const token3 = new URL(links[2] as string).hash.match(/token=([0-9a-f]{64})/)?.[1] as string;
    const chenFile = join(dir, 'trustee-3.key');
    await cli(['trustee', 'keygen', '--trustee', '3', '--token', token3, '--key-file', chenFile, '--scrypt-log-n', '10']);
    // the console's live status sees all three keys
    await page.waitForSelector('#ceremony-status tr[data-trustee="3"] td[data-value="true"]', { timeout: 30_000 });
    for (const t of trustees) {
      await t.page.waitForSelector('#deal', { timeout: 30_000 });
      await t.page.click('#deal');
      await trusteeStep(t.page, 'verify');
    }
    await cli(['trustee', 'deal', '--key-file', chenFile]);
    for (const t of trustees) {
      await t.page.waitForSelector('#verify-shares', { timeout: 30_000 });
      await t.page.click('#verify-shares');
      await trusteeStep(t.page, 'wait');
    }
    await cli(['trustee', 'verify-shares', '--key-file', chenFile]);
    await checkStep(page, 'ceremony-running');
    const finished = await act(page, 'ceremony-finish');
    expect(finished).toContain('1, 2, 3');

    // --- voting: the decision signed with the member's key, then open (the confirmation says what happens) ---
    await goToStep(page, eid, 'voting');
    await page.waitForSelector('#decision-statement');
    expect(await page.textContent('#voting-open-why')).toContain('1');
    // a dishonest server asks the member to sign another decision than its own signed board determines: refused,
    // and no signature is sent
    const signatures: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/commission/decision/signatures')) signatures.push(r.url());
    });
    await page.route(`**/api/elections/${eid}/commission/decision`, async (route) => {
      const answer = await route.fetch();
      const json = await answer.json();
      json.statement.registerSizes = { all: 40 };
      await route.fulfill({ response: answer, json });
    });
    await goToStep(page, eid, 'ceremony');
    await goToStep(page, eid, 'voting');
    await page.waitForSelector('#decision-statement');
    expect(await page.textContent('#decision-statement')).toContain('40');
    await page.click('#decision-sign');
    await page.waitForSelector('#decision-sign-outcome[data-ok="false"]', { timeout: 60_000 });
    expect(await page.textContent('#decision-sign-outcome')).toContain('Do not sign');
    expect(signatures).toEqual([]);
    await page.unroute(`**/api/elections/${eid}/commission/decision`);
    await goToStep(page, eid, 'ceremony');
    await goToStep(page, eid, 'voting');
    // after the reload above the key is no longer in memory: the console asks for the key file again
    await page.click('#decision-sign');
    await page.waitForSelector('#key-prompt[open]');
    await page.setInputFiles('#key-prompt-file', memberKeyFile);
    await page.fill('#key-prompt-passphrase', MEMBER_PASS);
    await page.click('#key-prompt-open');
    await page.waitForSelector('#decision-sign-outcome[data-ok="true"]', { timeout: 60_000 });
    expect(signatures).toHaveLength(1);
    await page.waitForSelector('#decision-published');
    await page.waitForSelector('#voting-open:not([aria-disabled])');
    await checkStep(page, 'voting-ready');
    // by keyboard: the confirmation opens with the focus on Cancel, Escape cancels and nothing happens
    await page.focus('#voting-open');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog[open]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-no');
    const confirmation = (await page.textContent('dialog[open] #confirm-lines')) as string;
    expect(confirmation).toContain('(UTC+05:00)');
    expect(confirmation).toContain('can no longer change');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    expect(expectStatus(await stack.server.request('GET', `/api/elections/${eid}`), 200).json.state).toBe('ready');
    await page.click('#voting-open');
    await page.click('dialog[open] #confirm-yes');
    await page.waitForSelector('#turnout', { timeout: 30_000 });

    // --- three voters vote in the booth ---
    const choices: Choices[] = [{ question: ['yes'] }, { question: ['no'] }, { question: ['yes'] }];
    const voting = voters.slice(0, 3);
    for (const [i, voter] of voting.entries()) {
      const booth = await openPage(stack.browser);
      await voteFromStart(booth.page, {
        baseUrl: stack.baseUrl,
        eid,
        definition,
        voter: voter as Voter,
        lang: 'en',
        choices: choices[i] as Choices,
      });
      await booth.context.close();
    }
    await page.waitForSelector('#turnout tr[data-district="all"] td[data-voted="3"]', { timeout: 30_000 });
    expect(Number(await page.textContent('#tree-head-size'))).toBeGreaterThan(3);
    await checkStep(page, 'voting-open');

    // --- close early (threshold 1: the member's signature is enough), with a reason ---
    expect(await page.getAttribute('#voting-close', 'aria-disabled')).toBe('true');
    await page.fill('#early-reason', 'console end-to-end test');
    await act(page, 'voting-close', true);

    // --- a voter who voted on paper: their electronic vote is cancelled once the member signs ---
    await page.waitForSelector('#paper-voters-file');
    const paperVoter = voting[2] as Voter;
    await page.setInputFiles('#paper-voters-file', {
      name: 'paper.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`voter_id\n${paperVoter.voterId}\n\n${paperVoter.voterId}\n`),
    });
    await page.waitForSelector('#paper-count[data-count="1"]');
    expect(await page.$$eval('#paper-problems li', (li) => li.map((l) => (l as HTMLElement).dataset.kind))).toEqual([
      'duplicate',
    ]);
    await checkStep(page, 'voting-paper-voters');
    await act(page, 'paper-voters-import');
    expect(await act(page, 'paper-voters-sign')).toContain('1');

    // --- after close: process, the trustees decrypt (trustee 1's page, trustee 3's CLI), tally, publish ---
    await goToStep(page, eid, 'after-close');
    expect(await act(page, 'process')).toMatch(/2 ballots counted.*1 cancelled/);
    await page.waitForSelector('#tally-why');
    const alice = trustees[0] as WatchedPage;
    await alice.page.waitForSelector('#decrypt', { timeout: 60_000 });
    await alice.page.click('#decrypt');
    await alice.page.waitForSelector('.alert-success', { timeout: 60_000 });
    await cli(['trustee', 'decrypt', '--key-file', chenFile]);
    await page.waitForSelector('#decryption-status tr[data-trustee="3"] td[data-value="true"]', { timeout: 30_000 });
    expect(await act(page, 'tally')).toContain('1, 3');
    await act(page, 'publish', true);

    // --- the downloads: the record verifies, its result is the votes cast; the protocol is built from it ---
    const [recordDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-record')]);
    const record = JSON.parse(await text(recordDownload));
    const report = await verifyRecord(record, { workers: 0 });
    expect(report.readable).toBe(true);
    expect(report.ok && report.checks.filter((c) => c.failed > 0).map((c) => c.id)).toEqual([]);
    const result = (record.events as { type: string }[]).find((e) => e.type === 'result') as unknown as {
      districts: { district: string; questions: { question: string; counts: Record<string, number> }[] }[];
    };
    // the paper voter's electronic vote (yes) is cancelled
    const all = result.districts.find((d) => d.district === 'all');
    expect(all?.questions.find((q) => q.question === 'question')?.counts).toEqual({ yes: 1, no: 1 });
    const [protocolDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-protocol')]);
    const protocol = JSON.parse(await text(protocolDownload));
    expect(protocol.election).toBe(eid);
    expect(protocol.eVoting.counted).toBe(2);
    expect(await page.textContent('#verifier-command')).toBe(`saylau-verify saylau-record-${eid}.json`);
    // the verifier's report in this browser, on the record the server gives: the same checks as the run above, all passed
    await page.click('#verify-in-browser');
    await page.waitForSelector('#verify-verdict[data-ok]', { timeout: 120_000 });
    const verdict = (await page.textContent('#verify-verdict')) ?? '';
    expect(await page.getAttribute('#verify-verdict', 'data-ok'), verdict).toBe('true');
    expect(verdict).toMatch(new RegExp(`^All ${report.checks.length} checks passed`));
    expect(await page.getAttribute('#verify-verdict', 'data-checks')).toBe(String(report.checks.length));
    const rows = await page.$$eval('#verify-checks tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-check'), tr.getAttribute('data-failed')]),
    );
    expect(rows).toEqual(report.checks.map((c) => [c.id, '0']));
    expect(await page.textContent('#verify-result')).toBe(AFTER_CLOSE_TEXTS.en.resultMatches);
    await checkStep(page, 'after-close-published');

    // --- the member signs the results protocol in the console: what does not match the record is refused unsigned ---
    const recordFile = join(dir, `saylau-record-${eid}.json`);
    await recordDownload.saveAs(recordFile);
    const en = AFTER_CLOSE_TEXTS.en;
    const pick = async (name: string, json: unknown, ok: boolean) => {
      await page.evaluate(() => document.querySelector('#protocol-verdict')?.remove());
      await page.setInputFiles('#protocol-file', {
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)),
      });
      await page.waitForSelector(`#protocol-verdict[data-ok="${ok}"]`, { timeout: 60_000 });
      return (await page.textContent('#protocol-verdict')) ?? '';
    };
    const refusals: [string, unknown, string, string][] = [
      ['a count changed', { ...protocol, eVoting: { ...protocol.eVoting, counted: 3 } }, 'PROTOCOL_MISMATCH', en.refusedFigures],
      ['another election', { ...protocol, election: 'another-election' }, 'PROTOCOL_MISMATCH', en.refusedOtherElection],
      ['not a protocol', { ...protocol, format: 'something-else' }, 'MALFORMED', en.refusedMalformed],
      ['not JSON', '{"format":', 'MALFORMED', 'not JSON'],
    ];
    for (const [what, json, code, sentence] of refusals) {
      const said = await pick(`${what}.json`, json, false);
      expect(await page.getAttribute('#protocol-verdict', 'data-code'), what).toBe(code);
      expect(said, what).toContain(sentence);
      expect(await page.$('#protocol-sign'), what).toBeNull();
    }
    expect(await pick('changed.json', refusals[0]?.[1], false)).toContain('eVoting.counted: PROTOCOL_MISMATCH');
    // the protocol as downloaded: what it certifies, in plain words, and no signature yet
    await page.setInputFiles('#protocol-file', await protocolDownload.path());
    await page.waitForSelector('#protocol-verdict[data-ok="true"]', { timeout: 60_000 });
    const item = (key: string) => page.textContent(`#protocol-summary dd[data-item="${key}"]`);
    expect(await item('election')).toContain(`(${eid})`);
    expect(await item('register')).toBe('4');
    expect(await item('counted')).toBe('2');
    expect(await item('question-question')).toContain('Yes: 1');
    expect(await item('final-head')).toContain(`${protocol.finalHead.treeSize} events`);
    expect(await item('final-head')).toContain('(UTC+05:00)');
    expect(await item('signers')).toBe(en.nobodyYet);
    expect(await page.textContent('#protocol-signatures')).toBe(en.signatureCount(0, 1));
    expect(await page.textContent('#protocol-command')).toBe(`saylau-verify saylau-record-${eid}.json --protocol FILE`);
    // unsigned, the verifier refuses it: one signature short
    expect((await verifyProtocol(recordFile, await protocolDownload.path())).code).not.toBe(0);
    await checkStep(page, 'after-close-protocol');
    const [signedDownload] = await Promise.all([page.waitForEvent('download'), page.click('#protocol-sign')]);
    expect(signedDownload.suggestedFilename()).toBe(`saylau-protocol-${eid}-1-signature.json`);
    const signedFile = join(dir, signedDownload.suggestedFilename());
    await signedDownload.saveAs(signedFile);
    await page.waitForSelector('#protocol-already');
    expect(await page.textContent('#protocol-sign-outcome')).toBe(en.signedSaved(signedDownload.suggestedFilename(), 1, 1));
    expect(await page.textContent('#protocol-signatures')).toBe(en.signatureCount(1, 1));
    expect(await item('signers')).toBe('Aigerim');
    expect(await verifyProtocol(recordFile, signedFile)).toEqual({ code: 0, checked: 1, failed: 0 });
    // the signed file passed back: already signed, nothing added; its signature changed: refused
    const signed = JSON.parse(readFileSync(signedFile, 'utf8'));
    expect(signed.signatures).toHaveLength(1);
    expect(await pick('signed.json', signed, true)).toContain(en.alreadySigned);
    expect(await page.$('#protocol-sign')).toBeNull();
    // its response changed in the last hex digit: still a scalar, no longer the signature
    const { member, signature } = signed.signatures[0] as { member: string; signature: { commitment: string; response: string } };
    const response = `${signature.response.slice(0, -1)}${signature.response.endsWith('0') ? '1' : '0'}`;
    const forged = { ...signed, signatures: [{ member, signature: { ...signature, response } }] };
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    expect((await verifyProtocol(recordFile, join(dir, 'forged.json'))).code).not.toBe(0);
    expect(await pick('forged.json', forged, false)).toContain(en.refusedSignature);
    expect(await page.getAttribute('#protocol-verdict', 'data-code')).toBe('BAD_MEMBER_SIGNATURE');
    // the freshly built protocol, as the member may start from it: matches, and not yet signed
    await page.click('#protocol-use-built');
    await page.waitForSelector('#protocol-verdict[data-ok="true"][data-signatures="0"]', { timeout: 60_000 });
    // the same step in Kazakh and Russian: the step's own words, still axe-clean
    for (const language of ['kk', 'ru'] as const) {
      await page.click(`button[data-language="${language}"]`);
      await page.waitForSelector(`html[lang="${language}"]`);
      await page.waitForSelector('#verifier-command');
      expect(await page.textContent('#step-title')).toBe(AFTER_CLOSE_TEXTS[language].title);
      expect(await page.textContent('#publish-why')).toBe(
        `${KIT_TEXTS[language].whyNot} ${AFTER_CLOSE_TEXTS[language].publishWrongState}`,
      );
      // what an action did is said again in the new language
      expect(await page.textContent('#publish-outcome')).toBe(AFTER_CLOSE_TEXTS[language].published);
      await checkStep(page, `after-close-published-${language}`);
    }

    for (const p of [console_, ...trustees]) {
      expect(await p.cspViolations()).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  }, 300_000);
});
