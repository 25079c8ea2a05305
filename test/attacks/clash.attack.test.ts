// Attack: clash attacks. Known from R. Küsters, T. Truderung, A. Vogt, "Clash Attacks on the Verifiability of
// E-Voting Systems", IEEE S&P 2012: voters who make the same choice are shown one and the same ballot and receipt,
// so one ballot on the board "verifies" for several voters, and the ballots saved that way are cast as the attacker
// likes — by a dishonest device that holds the voters' credentials, or by an authority that issued two voters one.
// What Saylau defends, read from the code: a ballot is signed by one credential and counts once, for it (spec §3.6.5,
// §6.2) — the server takes it only in that credential's session (403 NOT_YOUR_CREDENTIAL) and never its ciphertexts
// again (409 DUPLICATE_CIPHERTEXT); credentials are issued once each (422 DUPLICATE_CREDENTIAL, apps/server/src/
// register/register.ts) and the verifier fails a list holding one twice (credentials.list DUPLICATE_CREDENTIAL); the
// second device shows the credential a ballot is signed with (apps/voter-web/src/verify/main.ts #credential-short).
// Not defended (the last test fails): a voter handed another voter's receipt cannot tell, because nothing the voter
// holds — the letter prints the credential code, not the key (packages/documents/src/letters/html.ts) — can be
// compared with the credential the second device shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  ballotFor,
  expectStatus,
  loadDraft,
  loginVoter,
  makeVoters,
  openElection,
  type Voter,
} from '../../apps/server/test/helpers.ts';
import { shownChoices, voteFromStart, waitForScreen } from '../../apps/voter-web/test/flows.ts';
import { openPage, type Stack, startStack } from '../../apps/voter-web/test/harness.ts';
import { bytesToHex } from '../../packages/crypto/src/index.ts';
import { lettersHtml } from '../../packages/documents/src/index.ts';
import { type ElectionDefinition, loginCodeHash } from '../../packages/protocol/src/index.ts';
import { expectCaught, first, tamper } from '../tamper/harness.ts';
import { resignBallot, submitBallot } from './support.ts';

let stack: Stack;
let setup: Awaited<ReturnType<typeof openElection>>;
const medeu = (i: number): Voter => setup.voters.filter((v) => v.district === 'medeu')[i] as Voter;
const turnout = async () =>
  expectStatus(await stack.server.request('GET', `/api/elections/${setup.eid}/turnout`), 200).json.districts as {
    district: string;
    voted: number;
  }[];

beforeAll(async () => {
  stack = await startStack();
  setup = await openElection(stack.server, { medeu: 4, bostandyk: 1 });
});
afterAll(async () => {
  await stack?.close();
});

describe('clash attacks against the server', () => {
  it('one ballot counts for one credential: another session may not file it (403) nor its ciphertexts re-signed (409)', async () => {
    const t = stack.server;
    const [v1, v2] = [medeu(0), medeu(1)];
    const cast = ballotFor(setup.election, v1, { parks: ['yes'], transport: ['tram'] });
    expectStatus(await submitBallot(t, setup.eid, await loginVoter(t, setup.eid, v1), cast.json), 201);
    const before = await turnout();
    const token = await loginVoter(t, setup.eid, v2);
    const asIs = await submitBallot(t, setup.eid, token, cast.json);
    expect([asIs.status, asIs.json.error.code]).toEqual([403, 'NOT_YOUR_CREDENTIAL']);
    const resigned = resignBallot(
      { ...structuredClone(cast.json), credential: v2.credentialHex },
      v2.secret,
      setup.election.fingerprint,
    );
    const copy = await submitBallot(t, setup.eid, token, resigned);
    expect([copy.status, copy.json.error.code]).toEqual([409, 'DUPLICATE_CIPHERTEXT']);
    expect(await turnout()).toEqual(before);
  });

  it('refuses to issue one credential to two voters (422 DUPLICATE_CREDENTIAL)', async () => {
    const t = stack.server;
    const created = expectStatus(
      await t.request('POST', '/api/elections', { ...admin, body: { ...loadDraft(), id: 'clash-issue' } }),
      201,
    );
    const definition = created.json.definition as ElectionDefinition;
    const [a, b] = makeVoters(definition, { medeu: 2 }, false) as [Voter, Voter];
    expectStatus(
      await t.request('POST', `/api/elections/${definition.id}/register`, {
        ...admin,
        body: { voters: [a, b].map((v) => ({ voterId: v.voterId, district: v.district })) },
      }),
      200,
    );
    const answer = await t.request('POST', `/api/elections/${definition.id}/credentials`, {
      ...admin,
      body: {
        entries: [a, b].map((v) => ({
          voterId: v.voterId,
          credential: a.credentialHex,
          loginCodeHash: loginCodeHash(v.loginCode),
        })),
      },
    });
    expect([answer.status, answer.json.error.code]).toEqual([422, 'DUPLICATE_CREDENTIAL']);
  });
});

describe('clash attacks in a record', () => {
  it('a credential list giving two voters one credential fails credentials.list (DUPLICATE_CREDENTIAL)', async () => {
    let shared = '';
    const files = tamper(
      (board) => {
        const [one, two] = first(board, 'credentials').entries;
        if (!one || !two) throw new Error('fewer than two credentials');
        two.credential = one.credential;
        shared = one.credential;
      },
      { resign: true },
    );
    const report = await expectCaught(files, 'credentials.list');
    expect(report.checks.find((c) => c.id === 'credentials.list')?.failures).toContainEqual(
      expect.objectContaining({ credential: shared, code: 'DUPLICATE_CREDENTIAL' }),
    );
  });
});

describe('clash attacks on the voter’s checks (booth and second device in Chromium)', () => {
  /** What the second device shows for a verification link: the choices and the credential the ballot is signed with. */
  async function secondDevice(link: string) {
    const phone = await openPage(stack.browser, { locale: 'en-GB' });
    await phone.page.goto(link);
    await waitForScreen(phone.page, 'verified');
    const credential = (await phone.page.textContent('#credential-short')) ?? '';
    const choices = await shownChoices(phone.page, '#verified-choices');
    await phone.context.close();
    return { credential, choices };
  }
  const boothVote = async (voter: Voter, choices: Record<string, string[]>) => {
    const booth = await openPage(stack.browser);
    const cast = await voteFromStart(booth.page, {
      baseUrl: stack.baseUrl,
      eid: setup.eid,
      definition: setup.definition,
      voter,
      lang: 'en',
      choices,
    });
    await booth.context.close();
    return cast.link;
  };
  let clash: Awaited<ReturnType<typeof secondDevice>>;
  let own: Awaited<ReturnType<typeof secondDevice>>;
  let v2: Voter;

  beforeAll(async () => {
    const v1 = medeu(2);
    v2 = medeu(3);
    // v1 and v2 both choose "no" and "metro"; the dishonest device casts v1's ballot, shows v2 the same receipt,
    // and casts what it likes with v2's credential
    const clashLink = await boothVote(v1, { parks: ['no'], transport: ['metro'] });
    const stuffedLink = await boothVote(v2, { parks: ['yes'], transport: ['roads'] });
    clash = await secondDevice(clashLink);
    own = await secondDevice(stuffedLink);
  });

  it('the second device shows which credential signed the ballot: the clashing receipt’s differs from the voter’s own', () => {
    // the clash itself is convincing: the receipt v2 was shown opens to v2's choices
    expect(clash.choices).toEqual({ parks: ['no'], transport: ['metro'] });
    expect(clash.credential).not.toBe('');
    expect(clash.credential).not.toBe(own.credential);
  });

  it('the voter can tell: their letter carries the credential the second device shows for their ballots, and not another’s', () => {
    // The voter holds the letter (voter id, login code, credential code, fingerprint) and the second device's page.
    // For a clash to be caught, something on the letter must match what the page shows for the voter's own ballots
    // and differ for another voter's: the letter prints the credential's short form, as the second device shows it.
    const letter = lettersHtml(
      setup.definition,
      [
        {
          voterId: v2.voterId,
          name: v2.voterId,
          district: v2.district,
          loginCode: v2.loginCode,
          credentialCode: v2.credentialCode,
          credentialHex: v2.credentialHex,
        },
      ],
      stack.baseUrl,
      bytesToHex(setup.election.fingerprint),
    );
    const recognisable = letter.includes(own.credential) && !letter.includes(clash.credential);
    expect(recognisable, `the letter shows nothing to compare with the second device's "${own.credential}"`).toBe(true);
  });
});
