// Open findings of the console's red-team review (2026): attacks on members' sign-in that SUCCEED today. Each test
// asserts the defended behaviour, so each fails until its fix lands; then it moves into
// commission-sign-in.attack.test.ts. The name ends in .findings.ts, not .test.ts, so CI's vitest does not collect it.
// Run it by hand: cp test/attacks/commission-sign-in.findings.ts test/attacks/zz-findings.test.ts &&
//   npx -y pnpm@12.4.2 exec vitest run test/attacks/zz-findings.test.ts; rm test/attacks/zz-findings.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  admin,
  expectStatus,
  type RequestOptions,
  startServer,
  type TestServer,
} from '../../apps/server/test/helpers.ts';
import { generateKeyPair, type Scalar } from '../../packages/crypto/src/index.ts';
import {
  createMemberKeyFile,
  invitationHash,
  memberPublicKeyHex,
  openMemberKeyFile,
  signEnrollment,
  signSignIn,
} from '../../packages/protocol/src/commission-client/index.ts';

interface Key {
  readonly secretKey: Scalar;
  readonly publicKey: string;
}

function newKey(): Key {
  const { secretKey } = generateKeyPair();
  return { secretKey, publicKey: memberPublicKeyHex(secretKey) };
}

function expectError(answer: Answer, status: number, code: string): void {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  expect(answer.json).toMatchObject({ error: { code } });
}

async function invite(t: TestServer, name: string, auth: RequestOptions = admin): Promise<Answer> {
  return t.request('POST', '/api/commission/members/invitations', { ...auth, body: { name } });
}

function enrollBody(token: string, key: Key) {
  return { token, publicKey: key.publicKey, signature: signEnrollment(key.secretKey, { invitationHash: invitationHash(token) }) };
}

async function enroll(t: TestServer, name: string, key: Key = newKey()): Promise<{ key: Key; member: number }> {
  const token = expectStatus(await invite(t, name), 201).json.token;
  const member = expectStatus(await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, key) }), 200)
    .json.member;
  return { key, member };
}

async function challenge(t: TestServer): Promise<string> {
  return expectStatus(await t.request('POST', '/api/commission/session/challenge', { body: {} }), 200).json.challenge;
}

async function signIn(t: TestServer, key: Key, c?: string): Promise<{ cookie: string; csrf: string; answer: Answer }> {
  const ch = c ?? (await challenge(t));
  const answer = await t.request('POST', '/api/commission/session', {
    body: { publicKey: key.publicKey, challenge: ch, signature: signSignIn(key.secretKey, ch) },
  });
  return { cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: answer.json?.csrf, answer };
}

const withSession = (s: { cookie: string; csrf: string }, options: RequestOptions = {}): RequestOptions => ({
  ...options,
  headers: { cookie: s.cookie, 'x-saylau-csrf': s.csrf, ...options.headers },
});

let t: TestServer;
let alice: { key: Key; member: number };
beforeAll(async () => {
  t = await startServer();
  alice = await enroll(t, 'Aliya Nurlanova');
});
afterAll(async () => {
  await t.close();
});

describe('F1 (medium): a session mints a permanent member; nothing removes one', () => {
  it('a console session alone (a stolen cookie, an unlocked laptop) cannot invite a new member', async () => {
    // Today: 201 and a token. The holder of an hour's session enrolls a key of its own under any name and signs in
    // with it for as long as the server runs — after the session ends, after the member's key is replaced.
    const s = await signIn(t, alice.key);
    expectStatus(s.answer, 200);
    expectError(await invite(t, 'Backdoor', withSession(s)), 403, 'FORBIDDEN');
  });

  it('the commission can disable a member: its sessions end and its key signs in no more', async () => {
    const mallory = await enroll(t, 'Departed Member');
    const s = await signIn(t, mallory.key);
    expectStatus(s.answer, 200);
    // Today: 404 — no route, no store method, no column; a departed member or a stolen key keeps the console.
    expectStatus(await t.request('POST', `/api/commission/members/${mallory.member}/disable`, { ...admin, body: {} }), 200);
    expectError(await t.request('GET', '/api/commission/members', withSession(s)), 401, 'UNAUTHENTICATED');
    expectError((await signIn(t, mallory.key)).answer, 401, 'UNKNOWN_MEMBER_KEY');
  });
});

describe('F2 (low): a sign-in signature is not bound to the server it was made for', () => {
  it('a server the member signs in to cannot relay the member’s signature to another server', async () => {
    // The member uses one key with two deployments (a training server and the real one, or two elections' servers),
    // as the guide invites: the commission key is the member's one signing key. The training server's operator
    // answers the member's challenge request with a challenge fetched from the real server, and forwards the signature.
    const real = await startServer();
    try {
      await enroll(real, 'Aliya Nurlanova', alice.key);
      const relayed = await challenge(real);
      // what the member's client signs when the (dishonest) server it talks to hands it this challenge
      const signature = signSignIn(alice.key.secretKey, relayed);
      const answer = await real.request('POST', '/api/commission/session', {
        body: { publicKey: alice.key.publicKey, challenge: relayed, signature },
      });
      // Today: 200 and a session on the real server for the relaying operator.
      expect(answer.status).toBe(401);
    } finally {
      await real.close();
    }
  });
});

describe('F3 (low): member names take invisible and bidirectional format characters', () => {
  it('refuses names with U+202E, U+2066–2069, U+200B–U+200F, U+FEFF, as it refuses control characters', async () => {
    // The name is what the members list and the actions log show as "who": "Aliya\u202Eavoralun" displays as another
    // name, "Aliya\u200BNurlanova" looks exactly like the real Aliya's, with another member number behind it.
    for (const name of ['Aliya \u202EvonaruN', 'Aliya\u200BNurlanova', 'Aliya Nurlanova\u2066', '\uFEFFAliya Nurlanova']) {
      expectError(await invite(t, name), 400, 'MALFORMED');
    }
  });
});

describe('F4 (low): a malformed member key file crashes with an untyped error', () => {
  it('refuses a header without kdf, with a bad salt, an impossible or a trivial work factor as NOT_A_KEY_FILE', async () => {
    const made = await createMemberKeyFile({ name: 'A' }, 'correct horse battery staple', { logN: 10 });
    const json = JSON.parse(made.text);
    // Today: TypeError "Cannot read properties of undefined", TypeError from hexToBytes, Error/RangeError from scrypt
    // (the console shows them as an internal error); and a file at scrypt 2^1 opens without a word.
    for (const kdf of [
      undefined,
      { ...json.kdf, salt: 'zz' },
      { ...json.kdf, logN: 40 },
      { ...json.kdf, logN: 1.5 },
      { ...json.kdf, r: 0 },
    ]) {
      const text = JSON.stringify({ ...json, kdf });
      await expect(openMemberKeyFile(text, 'correct horse battery staple', 'f.key')).rejects.toMatchObject({
        code: 'NOT_A_KEY_FILE',
      });
    }
    await expect(openMemberKeyFile(JSON.stringify({ ...json, cipher: undefined }), 'x', 'f.key')).rejects.toMatchObject({
      code: 'NOT_A_KEY_FILE',
    });
    const weak = await createMemberKeyFile({ name: 'A' }, 'correct horse battery staple', { logN: 1 });
    await expect(openMemberKeyFile(weak.text, 'correct horse battery staple', 'weak.key')).rejects.toMatchObject({
      code: 'NOT_A_KEY_FILE',
    });
  });
});

describe('F5 (low): the session cookie can be shadowed from a sibling host', () => {
  it('over HTTPS the cookie is a __Host- cookie, which no other host can set or shadow', async () => {
    // A host of the same site (say the public results page on results.example.kz, or any subdomain an attacker
    // gets) sets `saylau_member=<its own session>; Domain=example.kz; Path=/api/commission`. The browser sends the
    // longer path first, and the server takes the first value: the member then works in the attacker's session
    // (its actions logged under the attacker's name) or, with garbage, is signed out on every request.
    const victim = await signIn(t, alice.key);
    const attacker = await signIn(t, (await enroll(t, 'Attacker')).key);
    const both = { cookie: `${attacker.cookie}; ${victim.cookie}`, csrf: attacker.csrf };
    const shadowed = expectStatus(await t.request('GET', '/api/commission/session', withSession(both)), 200);
    expect(shadowed.json.name).toBe('Attacker'); // the shadowing works today; the fix is the prefix below
    const env = { incoming: { socket: { remoteAddress: '10.0.0.9' } } };
    const c = await challenge(t);
    const res = await t.server.app.request(
      'https://saylau.example/api/commission/session',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ publicKey: alice.key.publicKey, challenge: c, signature: signSignIn(alice.key.secretKey, c) }),
      },
      env,
    );
    expect(res.status).toBe(200);
    // Today: `saylau_member=…; Path=/api; Secure` — shadowable. With the fix: `__Host-saylau_member=…; Path=/; Secure`.
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-saylau_member=[0-9a-f]{64};.*Path=\/;.*Secure/);
  });
});
