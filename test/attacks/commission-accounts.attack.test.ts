// The red team's findings on members' accounts (2026-12-03), each now defended: a console session cannot mint a
// member (only the operator's admin token invites) and the operator can disable one; member names refuse invisible
// and bidirectional characters; a key file with a malformed or trivial kdf is NOT_A_KEY_FILE; over HTTPS the session
// cookie is a __Host- cookie that no sibling host can shadow. (Its finding F2 — a sign-in signature is not bound to
// the server — is a stated limit, docs/spec.md §4.4.2: the page that opens a member's key file holds the key.)
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

describe('members are the operator’s to add and remove', () => {
  it('a console session alone (a stolen cookie, an unlocked laptop) cannot invite a new member', async () => {
    // Were it allowed, the holder of an hour's session would enroll a key of its own under any name and sign in
    // with it for as long as the server runs — after the session ends, after the member's key is replaced.
    const s = await signIn(t, alice.key);
    expectStatus(s.answer, 200);
    expectError(await invite(t, 'Backdoor', withSession(s)), 403, 'FORBIDDEN');
  });

  it('the commission can disable a member: its sessions end and its key signs in no more', async () => {
    const mallory = await enroll(t, 'Departed Member');
    const s = await signIn(t, mallory.key);
    expectStatus(s.answer, 200);
    expectStatus(await t.request('POST', `/api/commission/members/${mallory.member}/disable`, { ...admin, body: {} }), 200);
    expectError(await t.request('GET', '/api/commission/members', withSession(s)), 401, 'UNAUTHENTICATED');
    expectError((await signIn(t, mallory.key)).answer, 401, 'MEMBER_DISABLED');
    // the list says so; disabling again changes nothing and says so; a member session cannot disable anyone
    const listed = expectStatus(await t.request('GET', '/api/commission/members', admin), 200).json.members;
    expect(listed.find((m: { member: number }) => m.member === mallory.member).disabledAt).toMatch(/^\d{4}-/);
    expectError(
      await t.request('POST', `/api/commission/members/${mallory.member}/disable`, { ...admin, body: {} }),
      409,
      'WRONG_STATE',
    );
    const s2 = await signIn(t, alice.key);
    expectError(
      await t.request('POST', `/api/commission/members/${alice.member}/disable`, withSession(s2, { body: {} })),
      403,
      'FORBIDDEN',
    );
    expectError(await t.request('POST', '/api/commission/members/0x1/disable', { ...admin, body: {} }), 404, 'NOT_FOUND');
    expectError(await t.request('POST', '/api/commission/members/999/disable', { ...admin, body: {} }), 404, 'NOT_FOUND');
  });

  it('an invitation of a disabled member enrolls nobody', async () => {
    const answer = expectStatus(await invite(t, 'Never Enrolled'), 201).json;
    expectStatus(await t.request('POST', `/api/commission/members/${answer.member}/disable`, { ...admin, body: {} }), 200);
    const attempt = await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(answer.token, newKey()) });
    expectError(attempt, 401, 'MEMBER_DISABLED');
  });
});

describe('member names', () => {
  it('refuses names with U+202E, U+2066–2069, U+200B–U+200F, U+FEFF, as it refuses control characters', async () => {
    // The name is what the members list and the actions log show as "who": "Aliya\u202Eavoralun" displays as another
    // name, "Aliya\u200BNurlanova" looks exactly like the real Aliya's, with another member number behind it.
    for (const name of ['Aliya \u202EvonaruN', 'Aliya\u200BNurlanova', 'Aliya Nurlanova\u2066', '\uFEFFAliya Nurlanova']) {
      expectError(await invite(t, name), 400, 'MALFORMED');
    }
  });
});

describe('a malformed member key file', () => {
  it('refuses a header without kdf, with a bad salt, an impossible or a trivial work factor as NOT_A_KEY_FILE', async () => {
    const made = await createMemberKeyFile({ name: 'A' }, 'correct horse battery staple', { logN: 10 });
    const json = JSON.parse(made.text);
    // Unchecked, these were a TypeError, an Error or RangeError from scrypt (an internal error on the page); and a file
    // at scrypt 2^1 opened without a word.
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
    const weak = JSON.stringify({ ...json, kdf: { ...json.kdf, logN: 1 } });
    await expect(openMemberKeyFile(weak, 'correct horse battery staple', 'weak.key')).rejects.toMatchObject({
      code: 'NOT_A_KEY_FILE',
    });
    // and none is made that weak
    await expect(createMemberKeyFile({ name: 'A' }, 'correct horse battery staple', { logN: 1 })).rejects.toThrow(RangeError);
  });
});

describe('the session cookie over HTTPS', () => {
  it('over HTTPS the cookie is a __Host- cookie, which no other host can set or shadow', async () => {
    // A host of the same site (say the public results page on results.example.kz, or any subdomain an attacker
    // gets) sets `saylau_member=<its own session>; Domain=example.kz; Path=/api/commission`. The browser sends the
    // longer path first, and the server takes the first value: the member then works in the attacker's session
    // (its actions logged under the attacker's name) or, with garbage, is signed out on every request.
    const victim = await signIn(t, alice.key);
    const attacker = await signIn(t, (await enroll(t, 'Attacker')).key);
    const both = { cookie: `${attacker.cookie}; ${victim.cookie}`, csrf: attacker.csrf };
    // over plain HTTP (a server on loopback) the first cookie still wins; behind TLS the name below cannot be planted
    const shadowed = expectStatus(await t.request('GET', '/api/commission/session', withSession(both)), 200);
    expect(shadowed.json.name).toBe('Attacker');
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
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-saylau_member=[0-9a-f]{64};.*Path=\/;.*Secure/);
    // and over HTTPS only that name counts: a plain saylau_member cookie (which any sibling host could set) is no session
    const hostCookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const csrf = ((await res.json()) as { csrf: string }).csrf;
    const read = (cookie: string) =>
      t.server.app.request('https://saylau.example/api/commission/session', { headers: { cookie, 'x-saylau-csrf': csrf } }, env);
    expect((await read(hostCookie)).status).toBe(200);
    expect((await read(hostCookie.replace('__Host-', ''))).status).toBe(401);
  });
});
