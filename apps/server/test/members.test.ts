// The commission's console, attacked (docs/api.md): invitations and enrollment, sign-in over one-time challenges,
// session cookies with CSRF, idle and absolute expiry, the admin token for scripts, and the actions log. Requests go
// through app.request() on a real SQLite file; the same flow runs on PostgreSQL with two servers sharing it.
import { bytesToHex, generateKeyPair, hexToBytes, type Scalar, sign, TAGS, utf8ToBytes } from '@saylau/crypto';
import {
  invitationHash,
  MEMBER_SESSION_IDLE_MS,
  MEMBER_SESSION_LIFETIME_MS,
  memberPublicKeyHex,
  SIGN_IN_CHALLENGE_TTL_MS,
  signatureToHex,
  signEnrollment,
  signSignIn,
} from '@saylau/protocol/commission-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, expectStatus, loadDraft, type RequestOptions, startServer, type TestServer } from './helpers.ts';
import { describePostgres, freshDatabase, type TestDatabase } from './postgres.ts';

interface Key {
  readonly secretKey: Scalar;
  readonly publicKey: string;
}

function newKey(): Key {
  const { secretKey } = generateKeyPair();
  return { secretKey, publicKey: memberPublicKeyHex(secretKey) };
}

interface Signed {
  readonly cookie: string;
  readonly csrf: string;
  readonly answer: Answer;
}

let drafts = 0;
/** The fixture's definition under an id of its own. */
function draft() {
  drafts += 1;
  return { ...loadDraft(), id: `console-${drafts}` };
}

function expectError(answer: Answer, status: number, code: string): void {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  expect(answer.json).toMatchObject({ error: { code, message: expect.any(String) } });
}

/** The cookie pair (`saylau_member=…`) a Set-Cookie header sets. */
function cookieOf(answer: Answer): string {
  const header = answer.headers.get('set-cookie') ?? '';
  const pair = header.split(';')[0] ?? '';
  expect(pair).toMatch(/^saylau_member=[0-9a-f]{64}$/);
  return pair;
}

async function invite(t: TestServer, name: string): Promise<string> {
  const answer = expectStatus(
    await t.request('POST', '/api/commission/members/invitations', { token: t.adminToken, body: { name } }),
    201,
  );
  expect(answer.json.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return answer.json.token;
}

function enrollBody(token: string, key: Key) {
  return { token, publicKey: key.publicKey, signature: signEnrollment(key.secretKey, { invitationHash: invitationHash(token) }) };
}

async function enroll(t: TestServer, name: string, key: Key = newKey()): Promise<Key> {
  const token = await invite(t, name);
  expectStatus(await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, key) }), 200);
  return key;
}

async function challenge(t: TestServer): Promise<string> {
  return expectStatus(await t.request('POST', '/api/commission/session/challenge', { body: {} }), 200).json.challenge;
}

async function signIn(t: TestServer, key: Key): Promise<Signed> {
  const c = await challenge(t);
  const answer = expectStatus(
    await t.request('POST', '/api/commission/session', {
      body: { publicKey: key.publicKey, challenge: c, signature: signSignIn(key.secretKey, c) },
    }),
    200,
  );
  return { cookie: cookieOf(answer), csrf: answer.json.csrf, answer };
}

/** A request with the session cookie and, unless told otherwise, its CSRF header. */
function withSession(s: { cookie: string; csrf?: string }, options: RequestOptions = {}): RequestOptions {
  const headers: Record<string, string> = { cookie: s.cookie, ...options.headers };
  if (s.csrf !== undefined) headers['x-saylau-csrf'] = s.csrf;
  return { ...options, headers };
}

function membersFlow(start: () => Promise<{ a: TestServer; b: TestServer }>) {
  let a: TestServer;
  let b: TestServer;
  let alice: Key;
  let bob: Key;
  beforeAll(async () => {
    ({ a, b } = await start());
    alice = await enroll(a, 'Aliya Nurlanova');
    bob = await enroll(b, 'Bolat Serikov');
  });

  it('lists the members with their keys; a challenge from one server is answered at another', async () => {
    const members = expectStatus(await b.request('GET', '/api/commission/members', { token: b.adminToken }), 200).json.members;
    expect(members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Aliya Nurlanova', publicKey: alice.publicKey, enrolledAt: expect.any(String) }),
      ]),
    );
    const c = await challenge(a);
    const answer = await b.request('POST', '/api/commission/session', {
      body: { publicKey: alice.publicKey, challenge: c, signature: signSignIn(alice.secretKey, c) },
    });
    expectStatus(answer, 200);
    const session = { cookie: cookieOf(answer), csrf: answer.json.csrf };
    // and the session one server made holds at the other
    expect(expectStatus(await a.request('GET', '/api/commission/session', withSession(session)), 200).json.name).toBe(
      'Aliya Nurlanova',
    );
    expectStatus(await a.request('GET', '/api/commission/members', withSession(session)), 200);
  });

  it('a replayed challenge is refused, at the same server or another', async () => {
    const c = await challenge(a);
    const body = { publicKey: bob.publicKey, challenge: c, signature: signSignIn(bob.secretKey, c) };
    expectStatus(await a.request('POST', '/api/commission/session', { body }), 200);
    expectError(await a.request('POST', '/api/commission/session', { body }), 401, 'CHALLENGE_INVALID');
    expectError(await b.request('POST', '/api/commission/session', { body }), 401, 'CHALLENGE_INVALID');
  });

  it('ends a session everywhere at sign-out', async () => {
    const s = await signIn(a, alice);
    expectStatus(await b.request('POST', '/api/commission/session/end', withSession(s, { body: {} })), 200);
    expectError(await a.request('GET', '/api/commission/session', withSession(s)), 401, 'UNAUTHENTICATED');
    expectError(await a.request('GET', '/api/commission/members', withSession(s)), 401, 'UNAUTHENTICATED');
  });
}

describe('the commission console on a SQLite file', () => {
  let t: TestServer;
  let alice: Key;
  let bob: Key;
  beforeAll(async () => {
    t = await startServer();
    alice = await enroll(t, 'Aliya Nurlanova');
    bob = await enroll(t, 'Bolat Serikov');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('invitations and enrollment', () => {
    it('spends an invitation once', async () => {
      const token = await invite(t, 'Dana Omarova');
      const key = newKey();
      const first = expectStatus(
        await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, key) }),
        200,
      );
      expect(first.json).toEqual({ member: expect.any(Number), name: 'Dana Omarova' });
      expectError(
        await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, newKey()) }),
        409,
        'INVITATION_SPENT',
      );
    });

    it('refuses a key that is already enrolled, and keeps the invitation for another key', async () => {
      const token = await invite(t, 'Erlan Abenov');
      expectError(
        await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, alice) }),
        409,
        'KEY_ALREADY_ENROLLED',
      );
      expectStatus(await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, newKey()) }), 200);
    });

    it('refuses a proof made for another invitation or another key, an unknown and an expired invitation', async () => {
      const token = await invite(t, 'Farida Ospanova');
      const other = await invite(t, 'Galym Tursyn');
      const key = newKey();
      const forOther = { ...enrollBody(other, key), token };
      expectError(await t.request('POST', '/api/commission/members/enroll', { body: forOther }), 401, 'BAD_ENROLLMENT_SIGNATURE');
      const forAnotherKey = { ...enrollBody(token, key), publicKey: newKey().publicKey };
      expectError(
        await t.request('POST', '/api/commission/members/enroll', { body: forAnotherKey }),
        401,
        'BAD_ENROLLMENT_SIGNATURE',
      );
      // a sign-in signature is no enrollment proof
      const signInStyle = { ...enrollBody(token, key), signature: signSignIn(key.secretKey, invitationHash(token)) };
      expectError(
        await t.request('POST', '/api/commission/members/enroll', { body: signInStyle }),
        401,
        'BAD_ENROLLMENT_SIGNATURE',
      );
      const unknown = enrollBody('A'.repeat(43), key);
      expectError(await t.request('POST', '/api/commission/members/enroll', { body: unknown }), 401, 'INVITATION_INVALID');
      expectError(
        await t.request('POST', '/api/commission/members/enroll', { body: { ...enrollBody(token, key), token: 'short' } }),
        400,
        'MALFORMED',
      );
      const saved = t.clock.now;
      t.clock.now += 7 * 24 * 3_600_000;
      try {
        expectError(
          await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(other, key) }),
          401,
          'INVITATION_INVALID',
        );
      } finally {
        t.clock.now = saved;
      }
      // the refusals spent nothing
      expectStatus(await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, key) }), 200);
    });

    it('needs the operator’s admin token to invite, and never lists a token', async () => {
      expectError(await t.request('POST', '/api/commission/members/invitations', { body: { name: 'X' } }), 403, 'FORBIDDEN');
      expectError(
        await t.request('POST', '/api/commission/members/invitations', { token: 'not-the-admin-token', body: { name: 'X' } }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(
        await t.request('POST', '/api/commission/members/invitations', { token: t.adminToken, body: { name: ' padded ' } }),
        400,
        'MALFORMED',
      );
      const listed = expectStatus(await t.request('GET', '/api/commission/members', { token: t.adminToken }), 200).json;
      expect(Object.keys(listed.members[0]).sort()).toEqual(['disabledAt', 'enrolledAt', 'member', 'name', 'publicKey']);
    });
  });

  describe('sign-in', () => {
    it('signs in, reads the session back, acts for the commission, signs out', async () => {
      const s = await signIn(t, alice);
      expect(s.answer.json).toEqual({
        member: expect.any(Number),
        name: 'Aliya Nurlanova',
        publicKey: alice.publicKey,
        csrf: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiresAt: new Date(t.clock.now + MEMBER_SESSION_IDLE_MS).toISOString(),
      });
      const setCookie = s.answer.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Strict/);
      expect(setCookie).toMatch(/; Path=\/api/);
      expect(setCookie).toMatch(/; Max-Age=43200/);
      expect(setCookie).not.toMatch(/Secure/);
      // a reload: the cookie alone gives the session back with the same CSRF token, and no new cookie
      const again = expectStatus(await t.request('GET', '/api/commission/session', withSession({ cookie: s.cookie })), 200);
      expect(again.json).toEqual(s.answer.json);
      expect(again.headers.get('set-cookie')).toBeNull();
      const created = await t.request('POST', '/api/elections', withSession(s, { body: draft() }));
      expectStatus(created, 201);
      const ended = expectStatus(await t.request('POST', '/api/commission/session/end', withSession(s, { body: {} })), 200);
      expect(ended.json).toEqual({});
      expect(ended.headers.get('set-cookie')).toMatch(/^saylau_member=; Max-Age=0/);
      expectError(await t.request('GET', '/api/commission/session', withSession({ cookie: s.cookie })), 401, 'UNAUTHENTICATED');
      expectError(await t.request('POST', '/api/elections', withSession(s, { body: draft() })), 401, 'UNAUTHENTICATED');
      expectError(await t.request('POST', '/api/commission/session/end', withSession(s, { body: {} })), 401, 'UNAUTHENTICATED');
    });

    it('refuses a replayed challenge, and an expired one', async () => {
      const c = await challenge(t);
      const body = { publicKey: alice.publicKey, challenge: c, signature: signSignIn(alice.secretKey, c) };
      expectStatus(await t.request('POST', '/api/commission/session', { body }), 200);
      expectError(await t.request('POST', '/api/commission/session', { body }), 401, 'CHALLENGE_INVALID');

      const late = await challenge(t);
      t.clock.now += SIGN_IN_CHALLENGE_TTL_MS;
      try {
        const lateBody = { publicKey: alice.publicKey, challenge: late, signature: signSignIn(alice.secretKey, late) };
        expectError(await t.request('POST', '/api/commission/session', { body: lateBody }), 401, 'CHALLENGE_INVALID');
      } finally {
        t.clock.now -= SIGN_IN_CHALLENGE_TTL_MS;
      }
      // a challenge the server never issued
      const made = bytesToHex(new Uint8Array(32).fill(7));
      const madeBody = { publicKey: alice.publicKey, challenge: made, signature: signSignIn(alice.secretKey, made) };
      expectError(await t.request('POST', '/api/commission/session', { body: madeBody }), 401, 'CHALLENGE_INVALID');
    });

    it('refuses another member’s signature and an unknown key, spending the challenge either way', async () => {
      const c = await challenge(t);
      const byBob = { publicKey: alice.publicKey, challenge: c, signature: signSignIn(bob.secretKey, c) };
      expectError(await t.request('POST', '/api/commission/session', { body: byBob }), 401, 'BAD_SIGN_IN_SIGNATURE');
      const honest = { publicKey: alice.publicKey, challenge: c, signature: signSignIn(alice.secretKey, c) };
      expectError(await t.request('POST', '/api/commission/session', { body: honest }), 401, 'CHALLENGE_INVALID');

      const stranger = newKey();
      const c2 = await challenge(t);
      const unknown = { publicKey: stranger.publicKey, challenge: c2, signature: signSignIn(stranger.secretKey, c2) };
      expectError(await t.request('POST', '/api/commission/session', { body: unknown }), 401, 'UNKNOWN_MEMBER_KEY');
    });

    it('takes no other signature of the member’s key as a sign-in (domain separation)', async () => {
      const fingerprint = new Uint8Array(32).fill(1);
      const others: ((c: string) => string)[] = [
        // a commission statement signature over the challenge's bytes
        (c) =>
          signatureToHex(
            sign(alice.secretKey, hexToBytes(c), [utf8ToBytes(TAGS.commissionSignature), fingerprint, utf8ToBytes('m1')]),
          ),
        // the enrollment proof's context over the challenge's bytes, and a real enrollment proof
        (c) => signatureToHex(sign(alice.secretKey, hexToBytes(c), [utf8ToBytes(TAGS.memberEnrollment)])),
        (c) => signEnrollment(alice.secretKey, { invitationHash: c }),
        // a signature with no context (as a bare credential signature) and a trustee request's context
        (c) => signatureToHex(sign(alice.secretKey, hexToBytes(c))),
        (c) => signatureToHex(sign(alice.secretKey, hexToBytes(c), [utf8ToBytes(TAGS.trusteeRequest)])),
      ];
      for (const forge of others) {
        const c = await challenge(t);
        const body = { publicKey: alice.publicKey, challenge: c, signature: forge(c) };
        expectError(await t.request('POST', '/api/commission/session', { body }), 401, 'BAD_SIGN_IN_SIGNATURE');
      }
      // malformed signatures and keys are refused as input, not as a crash
      const c = await challenge(t);
      for (const body of [
        { publicKey: alice.publicKey, challenge: c, signature: 'ff'.repeat(64) },
        { publicKey: alice.publicKey, challenge: c, signature: 'zz' },
        { publicKey: 'ff'.repeat(32), challenge: c, signature: signSignIn(alice.secretKey, c) },
      ]) {
        const answer = await t.request('POST', '/api/commission/session', { body });
        expect([400, 401]).toContain(answer.status);
        expect(answer.json.error.code).toMatch(/^(MALFORMED|BAD_SIGN_IN_SIGNATURE|UNKNOWN_MEMBER_KEY|CHALLENGE_INVALID)$/);
      }
    });
  });

  describe('the session cookie and CSRF', () => {
    let s: Signed;
    let other: Signed;
    beforeAll(async () => {
      s = await signIn(t, alice);
      other = await signIn(t, bob);
    });

    it('refuses the cookie without the CSRF header, with a wrong one, or with another session’s', async () => {
      const path = '/api/commission/members';
      expectError(await t.request('GET', path, withSession({ cookie: s.cookie })), 403, 'CSRF_REJECTED');
      expectError(await t.request('GET', path, withSession({ cookie: s.cookie, csrf: '0'.repeat(64) })), 403, 'CSRF_REJECTED');
      expectError(await t.request('GET', path, withSession({ cookie: s.cookie, csrf: '' })), 403, 'CSRF_REJECTED');
      expectError(await t.request('GET', path, withSession({ cookie: s.cookie, csrf: other.csrf })), 403, 'CSRF_REJECTED');
      expectError(
        await t.request('POST', '/api/elections', withSession({ cookie: s.cookie, csrf: other.csrf }, { body: draft() })),
        403,
        'CSRF_REJECTED',
      );
      expectError(
        await t.request('POST', '/api/commission/session/end', withSession({ cookie: s.cookie }, { body: {} })),
        403,
        'CSRF_REJECTED',
      );
      expectStatus(await t.request('GET', path, withSession(s)), 200);
    });

    it('refuses forged and garbage cookies', async () => {
      const path = '/api/commission/members';
      for (const cookie of [
        'saylau_member=' + 'a'.repeat(64),
        'saylau_member=garbage',
        'saylau_member=',
        'saylau_member=%00%ff',
      ]) {
        const answer = await t.request('GET', path, withSession({ cookie, csrf: s.csrf }));
        expectError(answer, 401, 'UNAUTHENTICATED');
      }
      expectError(await t.request('GET', path), 401, 'UNAUTHENTICATED');
    });

    it('lets the Bearer header win over a cookie; the admin token still works for scripts', async () => {
      expectError(
        await t.request('GET', '/api/commission/members', withSession(s, { token: 'not-the-admin-token' })),
        401,
        'UNAUTHENTICATED',
      );
      expectStatus(
        await t.request('GET', '/api/commission/members', withSession({ cookie: 'saylau_member=x' }, { token: t.adminToken })),
        200,
      );
      expectStatus(await t.request('GET', '/api/commission/members', { token: t.adminToken }), 200);
    });

    it('ends after an hour without a request, each request sliding it, and after twelve hours in any case', async () => {
      const saved = t.clock.now;
      try {
        const fresh = await signIn(t, alice);
        t.clock.now += MEMBER_SESSION_IDLE_MS - 1_000;
        expectStatus(await t.request('GET', '/api/commission/members', withSession(fresh)), 200);
        t.clock.now += MEMBER_SESSION_IDLE_MS - 1_000;
        const slid = expectStatus(await t.request('GET', '/api/commission/session', withSession({ cookie: fresh.cookie })), 200);
        expect(slid.json.expiresAt).toBe(new Date(t.clock.now + MEMBER_SESSION_IDLE_MS).toISOString());
        t.clock.now += MEMBER_SESSION_IDLE_MS;
        expectError(await t.request('GET', '/api/commission/members', withSession(fresh)), 401, 'UNAUTHENTICATED');

        const long = await signIn(t, alice);
        const end = t.clock.now + MEMBER_SESSION_LIFETIME_MS;
        while (t.clock.now + MEMBER_SESSION_IDLE_MS / 2 < end) {
          t.clock.now += MEMBER_SESSION_IDLE_MS / 2;
          expectStatus(await t.request('GET', '/api/commission/members', withSession(long)), 200);
        }
        t.clock.now = end;
        expectError(await t.request('GET', '/api/commission/members', withSession(long)), 401, 'UNAUTHENTICATED');
      } finally {
        t.clock.now = saved;
      }
    });
  });

  describe('the actions log', () => {
    it('records the member’s name on a commission action and the admin token for a script, never a secret', async () => {
      const { json: before } = expectStatus(await t.request('GET', '/api/commission/actions', { token: t.adminToken }), 200);
      const after = before.actions.at(-1)?.id ?? 0;
      const s = await signIn(t, bob);
      const byMember = expectStatus(await t.request('POST', '/api/elections', withSession(s, { body: draft() })), 201).json.id;
      const byScript = expectStatus(await t.request('POST', '/api/elections', { token: t.adminToken, body: draft() }), 201).json
        .id;
      expectError(await t.request('POST', `/api/elections/${byMember}/open`, withSession(s, { body: {} })), 409, 'WRONG_STATE');

      const { json } = expectStatus(await t.request('GET', `/api/commission/actions?after=${after}`, withSession(s)), 200);
      const actor = { kind: 'member', member: s.answer.json.member, name: 'Bolat Serikov' };
      expect(json.actions.map((a: Record<string, unknown>) => ({ ...a, id: undefined, at: undefined }))).toEqual([
        { actor, method: 'POST', route: '/api/commission/session', election: null, status: 200, id: undefined, at: undefined },
        { actor, method: 'POST', route: '/api/elections', election: null, status: 201, id: undefined, at: undefined },
        {
          actor: { kind: 'admin-token' },
          method: 'POST',
          route: '/api/elections',
          election: null,
          status: 201,
          id: undefined,
          at: undefined,
        },
        {
          actor,
          method: 'POST',
          route: '/api/elections/:eid/open',
          election: byMember,
          status: 409,
          id: undefined,
          at: undefined,
        },
      ]);
      const ids = json.actions.map((a: { id: number }) => a.id);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect(JSON.stringify(json)).not.toContain(s.csrf);
      expect(JSON.stringify(json)).not.toContain(s.cookie.split('=')[1]);
      expect(JSON.stringify(json)).not.toContain(t.adminToken);

      const { json: one } = expectStatus(
        await t.request('GET', `/api/commission/actions?election=${byMember}`, withSession(s)),
        200,
      );
      expect(one.actions.map((a: { route: string }) => a.route)).toEqual(['/api/elections/:eid/open']);
      expect(byScript).not.toBe(byMember);
      expectError(await t.request('GET', '/api/commission/actions?after=-1', withSession(s)), 400, 'MALFORMED');
      expectError(await t.request('GET', '/api/commission/actions'), 401, 'UNAUTHENTICATED');
    });

    it('records enrollment, sign-in and sign-out with the member, and nothing for refused requests', async () => {
      const { json: before } = expectStatus(await t.request('GET', '/api/commission/actions', { token: t.adminToken }), 200);
      const after = before.actions.at(-1)?.id ?? 0;
      const key = newKey();
      const token = await invite(t, 'Kairat Zhaksylykov');
      expectStatus(await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, key) }), 200);
      const s = await signIn(t, key);
      await t.request('GET', '/api/commission/members', withSession({ cookie: s.cookie }));
      await t.request('GET', '/api/commission/members', { token: 'wrong-token-wrong-token' });
      expectStatus(await t.request('POST', '/api/commission/session/end', withSession(s, { body: {} })), 200);
      const { json } = expectStatus(
        await t.request('GET', `/api/commission/actions?after=${after}`, { token: t.adminToken }),
        200,
      );
      expect(
        json.actions.map(
          (a: { actor: { kind: string; name?: string }; route: string }) => `${a.actor.name ?? a.actor.kind} ${a.route}`,
        ),
      ).toEqual([
        'admin-token /api/commission/members/invitations',
        'Kairat Zhaksylykov /api/commission/members/enroll',
        'Kairat Zhaksylykov /api/commission/session',
        'Kairat Zhaksylykov /api/commission/session/end',
      ]);
    });
  });

  describe('HTTPS and the address limit', () => {
    it('marks the cookie Secure over HTTPS, directly or from a trusted proxy only', async () => {
      const proxied = await startServer({ trustedProxies: ['127.0.0.1'] });
      try {
        const key = await enroll(proxied, 'Lyazzat Bekova');
        const attempt = async (url: string, address: string, headers: Record<string, string> = {}) => {
          const c = await challenge(proxied);
          const body = JSON.stringify({ publicKey: key.publicKey, challenge: c, signature: signSignIn(key.secretKey, c) });
          const env = { incoming: { socket: { remoteAddress: address } } };
          const init = { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } };
          const res = await proxied.server.app.request(url, init, env);
          expect(res.status).toBe(200);
          return res.headers.get('set-cookie') ?? '';
        };
        expect(await attempt('https://saylau.example/api/commission/session', '10.0.0.9')).toMatch(/; Secure/);
        expect(await attempt('/api/commission/session', '127.0.0.1', { 'x-forwarded-proto': 'https' })).toMatch(/; Secure/);
        expect(await attempt('/api/commission/session', '10.0.0.9', { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
        expect(await attempt('/api/commission/session', '127.0.0.1')).not.toMatch(/Secure/);
      } finally {
        await proxied.close();
      }
    });

    it('limits challenges per address', async () => {
      const limited = await startServer({
        rateLimits: { perAddress: { capacity: 1e9, refillPerSecond: 1e9 }, perVoter: { capacity: 3, refillPerSecond: 0.001 } },
      });
      try {
        for (let i = 0; i < 3; i++) {
          expectStatus(
            await limited.request('POST', '/api/commission/session/challenge', { body: {}, address: '10.0.0.1' }),
            200,
          );
        }
        expectError(
          await limited.request('POST', '/api/commission/session/challenge', { body: {}, address: '10.0.0.1' }),
          429,
          'RATE_LIMITED',
        );
        expectStatus(await limited.request('POST', '/api/commission/session/challenge', { body: {}, address: '10.0.0.2' }), 200);
      } finally {
        await limited.close();
      }
    });
  });
});

describePostgres('the commission console on PostgreSQL, two servers sharing it', () => {
  let database: TestDatabase;
  let servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
    await database?.drop();
  });
  membersFlow(async () => {
    database = await freshDatabase();
    const clock = { now: Date.parse('2026-06-01T10:00:00.000Z') };
    const a = await startServer({ db: database.url, now: () => clock.now });
    const b = await startServer({ db: database.url, now: () => clock.now });
    servers = [a, b];
    return { a, b };
  });
});

describe('the commission console on one SQLite server (the shared-database flow)', () => {
  let t: TestServer;
  afterAll(async () => {
    await t.close();
  });
  membersFlow(async () => {
    t = await startServer();
    return { a: t, b: t };
  });
});
