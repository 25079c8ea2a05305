// Attack: take over the commission's console — members' sign-in, their session cookie and the actions log (docs/api.md,
// "The commission's console"). Known from: OWASP ASVS v4 V3 (session management) and V4.2.2 / the CSRF cheat sheet
// (a cookie session needs a token a foreign page cannot read), session fixation (Kolšek, 2002), cross-protocol
// signature reuse (Kelsey, Schneier, Wagner, "Protocol interactions and the chosen protocol attack", 1997), and
// rogue-key / small-order keys (Chalkias et al., SSR 2020). Saylau red-team review of the console (2026).
// What stops it: one-time challenges and sessions kept as SHA-256 in the database and taken atomically; sign-in and
// enrollment signatures under tags of their own; canonical non-identity keys; cookies HttpOnly, SameSite=Strict,
// with a CSRF header a foreign page cannot learn; no CORS; the Bearer header wins without falling back. Each test
// drives the real server (in process on a real SQLite file, over HTTP on PostgreSQL for races, and in Chromium for
// cross-origin requests) and asserts the documented error code.
import { readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Listening, listen } from '../../apps/server/src/index.ts';
import {
  type Answer,
  admin,
  expectStatus,
  httpRequester,
  loadDraft,
  makeVoters,
  type RequestOptions,
  registerVoters,
  runCeremony,
  startServer,
  type TestServer,
} from '../../apps/server/test/helpers.ts';
import { describePostgres, freshDatabase, type TestDatabase } from '../../apps/server/test/postgres.ts';
import { type Stack, startStack } from '../../apps/voter-web/test/harness.ts';
import {
  bytesToHex,
  decodePoint,
  encodePoint,
  encodeScalar,
  equationHolds,
  G,
  generateKeyPair,
  hexToBytes,
  IDENTITY,
  randomNonZeroScalar,
  type Scalar,
  type Signature,
  signatureEquations,
  TAGS,
  utf8ToBytes,
} from '../../packages/crypto/src/index.ts';
import {
  createMemberKeyFile,
  invitationHash,
  memberPublicKeyHex,
  openMemberKeyFile,
  signatureToHex,
  signEnrollment,
  signSignIn,
} from '../../packages/protocol/src/commission-client/index.ts';
import {
  type ElectionDefinition,
  fingerprintBytes,
  SignatureWire,
  signCommissionStatement,
  verifyCosignature,
  verifyTreeHead,
  verifyTrusteeRequest,
} from '../../packages/protocol/src/index.ts';
import { EDWARDS25519_TORSION } from './support.ts';

// ---------- the parties ----------

interface Key {
  readonly secretKey: Scalar;
  readonly publicKey: string;
}

function newKey(): Key {
  const { secretKey } = generateKeyPair();
  return { secretKey, publicKey: memberPublicKeyHex(secretKey) };
}

interface Session {
  readonly cookie: string;
  readonly csrf: string;
  readonly answer: Answer;
}

function expectError(answer: Answer, status: number, code: string): void {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  expect(answer.json).toMatchObject({ error: { code, message: expect.any(String) } });
}

function cookieOf(answer: Answer): string {
  const pair = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(pair).toMatch(/^saylau_member=[0-9a-f]{64}$/);
  return pair;
}

async function invite(t: TestServer, name: string, auth: RequestOptions = admin): Promise<string> {
  const path = '/api/commission/members/invitations';
  return expectStatus(await t.request('POST', path, { ...auth, body: { name } }), 201).json.token;
}

function enrollBody(token: string, key: Key) {
  return { token, publicKey: key.publicKey, signature: signEnrollment(key.secretKey, { invitationHash: invitationHash(token) }) };
}

async function enroll(t: TestServer, name: string, key: Key = newKey()): Promise<Key> {
  const token = await invite(t, name);
  expectStatus(await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, key) }), 200);
  return key;
}

async function challenge(t: { request: TestServer['request'] }): Promise<string> {
  return expectStatus(await t.request('POST', '/api/commission/session/challenge', { body: {} }), 200).json.challenge;
}

function signInBody(key: Key, c: string) {
  return { publicKey: key.publicKey, challenge: c, signature: signSignIn(key.secretKey, c) };
}

async function signIn(t: TestServer, key: Key, headers: Record<string, string> = {}): Promise<Session> {
  const c = await challenge(t);
  const answer = expectStatus(await t.request('POST', '/api/commission/session', { body: signInBody(key, c), headers }), 200);
  return { cookie: cookieOf(answer), csrf: answer.json.csrf, answer };
}

function withSession(s: { cookie: string; csrf?: string }, options: RequestOptions = {}): RequestOptions {
  const headers: Record<string, string> = { cookie: s.cookie, ...options.headers };
  if (s.csrf !== undefined) headers['x-saylau-csrf'] = s.csrf;
  return { ...options, headers };
}

async function actionsAfter(t: TestServer, after: number): Promise<{ id: number; route: string; actor: unknown }[]> {
  return expectStatus(await t.request('GET', `/api/commission/actions?after=${after}`, admin), 200).json.actions;
}

async function lastActionId(t: TestServer): Promise<number> {
  return (await actionsAfter(t, 0)).at(-1)?.id ?? 0;
}

const hexOf = (signature: Signature) => signatureToHex(signature);
/** A console signature (R ‖ s in hex) as the board's signature object, and back. */
const wireOf = (hex: string) => ({ commitment: hex.slice(0, 64), response: hex.slice(64) });
const hexOfWire = (wire: { commitment: string; response: string }) => `${wire.commitment}${wire.response}`;
const decoded = (hex: string): Signature => SignatureWire.parse(wireOf(hex));

let drafts = 0;
const draftId = () => `console-attack-${++drafts}`;

// ---------- in process, on a SQLite file ----------

describe('the console on a SQLite file, attacked', () => {
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

  describe('signatures across domains', () => {
    // One election whose commission signs with the keys its members enrolled in the console (the same key, as the
    // commission guide has it), so every statement signature a member ever makes is at the attacker's disposal.
    let definition: ElectionDefinition;
    let fp: Uint8Array;
    let decision: unknown;
    beforeAll(async () => {
      const draft = {
        ...loadDraft(),
        id: draftId(),
        commission: {
          members: [
            { id: 'aliya', name: 'Aliya', publicKey: alice.publicKey },
            { id: 'bolat', name: 'Bolat', publicKey: bob.publicKey },
          ],
          threshold: 2,
        },
      };
      definition = expectStatus(await t.request('POST', '/api/elections', { ...admin, body: draft }), 201).json.definition;
      fp = fingerprintBytes(definition);
      await registerVoters(t, definition.id, makeVoters(definition, { medeu: 1, bostandyk: 1 }));
      await runCeremony(t, definition.id, definition);
      decision = expectStatus(await t.request('GET', `/api/elections/${definition.id}/commission/decision`), 200).json.statement;
    });

    it('a malicious server’s chosen challenge never yields a statement, trustee, witness or board signature', async () => {
      // The server picks the 32 bytes a member signs at sign-in. It picks the election's fingerprint, the board's
      // root hash, the digest of the pending decision: whatever it chooses, the sign-in signature carries its own tag.
      const head = expectStatus(await t.request('GET', `/api/elections/${definition.id}/tree-head`), 200).json;
      const chosen = [bytesToHex(fp), head.rootHash as string, invitationHash(JSON.stringify(decision))];
      const decisionPath = `/api/elections/${definition.id}/commission/decision/signatures`;
      for (const c of chosen) {
        const signInSig = signSignIn(alice.secretKey, c);
        const enrollSig = signEnrollment(alice.secretKey, { invitationHash: c });
        for (const hex of [signInSig, enrollSig]) {
          const answer = await t.request('POST', decisionPath, { body: { member: 'aliya', signature: wireOf(hex) } });
          expectError(answer, 422, 'BAD_MEMBER_SIGNATURE');
          const sig = decoded(hex);
          const key = decodePoint(hexToBytes(alice.publicKey));
          expect(verifyTreeHead(key, fp, { ...head, signature: sig })).toBe(false);
          expect(verifyCosignature(key, fp, head, sig)).toBe(false);
          expect(verifyTrusteeRequest(key, fp, 1, 'decryption-share', { shares: [] }, sig)).toBe(false);
        }
      }
      // the same key's honest decision signature still counts: the refusals were about the domain, not the key
      const honest = signCommissionStatement(alice.secretKey, fp, 'aliya', 'decision', decision);
      expect(expectStatus(await t.request('POST', decisionPath, { body: honest }), 200).json.signers).toEqual(['aliya']);
    });

    it('a member’s statement signature is neither a sign-in nor an enrollment proof', async () => {
      const statement = signCommissionStatement(bob.secretKey, fp, 'bolat', 'decision', decision);
      const sigHex = hexOfWire(statement.signature as { commitment: string; response: string });
      const c = await challenge(t);
      expectError(
        await t.request('POST', '/api/commission/session', {
          body: { publicKey: bob.publicKey, challenge: c, signature: sigHex },
        }),
        401,
        'BAD_SIGN_IN_SIGNATURE',
      );
      const token = await invite(t, 'Replayed Statement');
      expectError(
        await t.request('POST', '/api/commission/members/enroll', {
          body: { token, publicKey: newKey().publicKey, signature: sigHex },
        }),
        401,
        'BAD_ENROLLMENT_SIGNATURE',
      );
    });

    it('the board key cannot be enrolled with the board’s own tree-head signature as the proof', async () => {
      const head = expectStatus(await t.request('GET', `/api/elections/${definition.id}/tree-head`), 200).json;
      const token = await invite(t, 'Board Key');
      const body = { token, publicKey: definition.boardKey, signature: hexOfWire(head.signature) };
      expectError(await t.request('POST', '/api/commission/members/enroll', { body }), 401, 'BAD_ENROLLMENT_SIGNATURE');
      // and nobody signs in as the board key
      const c = await challenge(t);
      const signInAsBoard = { publicKey: definition.boardKey, challenge: c, signature: hexOfWire(head.signature) };
      expectError(await t.request('POST', '/api/commission/session', { body: signInAsBoard }), 401, 'UNKNOWN_MEMBER_KEY');
    });
  });

  describe('rogue keys at enrollment', () => {
    it('refuses the identity as a key, although a forged proof satisfies its equation', async () => {
      // With X = identity, s·G − e·X − R = 0 holds for R = s·G and any s: a proof anyone can make.
      const identity = '00'.repeat(32);
      const s = randomNonZeroScalar();
      const forged: Signature = { commitment: G.multiply(s), response: s };
      const token = await invite(t, 'Identity Key');
      const message = hexToBytes(invitationHash(token) + identity);
      const raw = signatureEquations(IDENTITY, message, forged, [utf8ToBytes(TAGS.memberEnrollment)]);
      expect(raw.every(equationHolds)).toBe(true);
      const body = { token, publicKey: identity, signature: hexOf(forged) };
      expectError(await t.request('POST', '/api/commission/members/enroll', { body }), 401, 'BAD_ENROLLMENT_SIGNATURE');
    });

    it('refuses edwards25519 torsion encodings and non-canonical keys', async () => {
      const token = await invite(t, 'Torsion Key');
      const s = randomNonZeroScalar();
      const anySig = bytesToHex(new Uint8Array([...encodePoint(G.multiply(s)), ...encodeScalar(s)]));
      for (const { hex } of EDWARDS25519_TORSION) {
        const body = { token, publicKey: hex, signature: anySig };
        expectError(await t.request('POST', '/api/commission/members/enroll', { body }), 401, 'BAD_ENROLLMENT_SIGNATURE');
      }
      // the invitation survived every refusal
      expectStatus(await t.request('POST', '/api/commission/members/enroll', { body: enrollBody(token, newKey()) }), 200);
    });
  });

  describe('challenges', () => {
    it('a challenge from another server’s database signs nobody in here', async () => {
      const other = await startServer();
      try {
        await enroll(other, 'Aliya Nurlanova', alice);
        const c = await challenge(other);
        expectError(await t.request('POST', '/api/commission/session', { body: signInBody(alice, c) }), 401, 'CHALLENGE_INVALID');
        // the foreign challenge is still good where it was issued: nothing here spent it
        expectStatus(await other.request('POST', '/api/commission/session', { body: signInBody(alice, c) }), 200);
      } finally {
        await other.close();
      }
    });

    it('one signed challenge raced twelve times gives one session', async () => {
      const c = await challenge(t);
      const body = signInBody(alice, c);
      const answers = await Promise.all(Array.from({ length: 12 }, () => t.request('POST', '/api/commission/session', { body })));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 200)) expectError(a, 401, 'CHALLENGE_INVALID');
    });

    it('a wrong signature spends the challenge: no oracle to try answers against', async () => {
      const c = await challenge(t);
      const wrong = { ...signInBody(alice, c), signature: signSignIn(bob.secretKey, c) };
      expectError(await t.request('POST', '/api/commission/session', { body: wrong }), 401, 'BAD_SIGN_IN_SIGNATURE');
      expectError(await t.request('POST', '/api/commission/session', { body: signInBody(alice, c) }), 401, 'CHALLENGE_INVALID');
    });
  });

  describe('sessions', () => {
    it('a cookie value the attacker planted before sign-in never becomes valid (no fixation)', async () => {
      const planted = 'ab'.repeat(32);
      const s = await signIn(t, alice, { cookie: `saylau_member=${planted}` });
      expect(s.cookie).not.toBe(`saylau_member=${planted}`);
      const csrfOfPlanted = s.csrf; // even with the real session's CSRF header, the planted value is no session
      expectError(
        await t.request(
          'GET',
          '/api/commission/members',
          withSession({ cookie: `saylau_member=${planted}`, csrf: csrfOfPlanted }),
        ),
        401,
        'UNAUTHENTICATED',
      );
      expectStatus(await t.request('GET', '/api/commission/members', withSession(s)), 200);
    });

    it('keeps only digests: no session token, CSRF token, challenge or invitation token is in the database file', async () => {
      const token = await invite(t, 'Digest Check');
      const c = await challenge(t);
      const s = await signIn(t, bob);
      const file = Buffer.concat(
        [t.file, `${t.file}-wal`].flatMap((f) => {
          try {
            return [readFileSync(f)];
          } catch {
            return [];
          }
        }),
      );
      const secrets = { session: s.cookie.split('=')[1] as string, csrf: s.csrf, challenge: c, invitation: token };
      for (const [what, secret] of Object.entries(secrets)) {
        expect(file.includes(Buffer.from(secret, 'utf8')), `${what} stored in clear`).toBe(false);
      }
    });

    it('fifty sessions: 256-bit tokens, all distinct, each with its own CSRF token', async () => {
      const sessions = [];
      for (let i = 0; i < 50; i++) sessions.push(await signIn(t, i % 2 ? alice : bob));
      const tokens = new Set(sessions.map((s) => s.cookie));
      const csrfs = new Set(sessions.map((s) => s.csrf));
      expect([tokens.size, csrfs.size]).toEqual([50, 50]);
      // a CSRF token belongs to its own session: the next session's header with this cookie is refused
      const [first, second] = sessions as [Session, Session];
      expectError(
        await t.request('GET', '/api/commission/members', withSession({ cookie: first.cookie, csrf: second.csrf })),
        403,
        'CSRF_REJECTED',
      );
    });

    it('a bad Authorization header never falls back to the cookie, not even the session’s own token as a Bearer', async () => {
      const s = await signIn(t, alice);
      const before = await lastActionId(t);
      const token = s.cookie.split('=')[1] as string;
      for (const authorization of [`Bearer ${token}`, `Bearer ${s.csrf}`, 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'bearer x']) {
        const answer = await t.request('GET', '/api/commission/members', withSession(s, { headers: { authorization } }));
        expectError(answer, 401, 'UNAUTHENTICATED');
      }
      // and none of those attempts was logged as the member
      expect(await actionsAfter(t, before)).toEqual([]);
      expectStatus(await t.request('GET', '/api/commission/members', withSession(s)), 200);
    });

    it('a session ended in one place is ended for every request, its CSRF token with it', async () => {
      const s = await signIn(t, alice);
      expectStatus(await t.request('POST', '/api/commission/session/end', withSession(s, { body: {} })), 200);
      const fresh = await signIn(t, alice);
      expectError(
        await t.request('GET', '/api/commission/members', withSession({ cookie: fresh.cookie, csrf: s.csrf })),
        403,
        'CSRF_REJECTED',
      );
      expectError(await t.request('GET', '/api/commission/session', withSession({ cookie: s.cookie })), 401, 'UNAUTHENTICATED');
    });
  });

  describe('cross-origin and content-type tricks (in process)', () => {
    let s: Session;
    beforeAll(async () => {
      s = await signIn(t, alice);
    });

    it('answers no CORS: no Access-Control-Allow-* on a preflight or on an answer, whatever the Origin', async () => {
      const origin = 'https://evil.example';
      const preflight = await t.server.app.request('/api/commission/members/invitations', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-saylau-csrf',
        },
      });
      for (const res of [
        preflight,
        await t.server.app.request('/api/commission/session', { headers: { origin, cookie: s.cookie } }),
        await t.server.app.request('/api/commission/session/challenge', {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: '{}',
        }),
      ]) {
        const allow = [...res.headers.keys()].filter((k) => k.startsWith('access-control-'));
        expect(allow, `status ${res.status}`).toEqual([]);
      }
      expect(preflight.status).not.toBe(204);
      expect(preflight.status).not.toBe(200);
    });

    it('a form-encodable POST with the cookie and no header is refused before any body is read', async () => {
      const before = await lastActionId(t);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const raw = type === 'text/plain' ? JSON.stringify({ name: 'Planted' }) : 'name=Planted';
        const answer = await t.request(
          'POST',
          '/api/elections',
          withSession({ cookie: s.cookie }, { raw, headers: { 'content-type': type } }),
        );
        expectError(answer, 403, 'CSRF_REJECTED');
      }
      // nor with no content type and an empty body (what fetch(…, {method: 'POST'}) sends from any page)
      expectError(
        await t.request('POST', `/api/elections/${draftId()}/open`, withSession({ cookie: s.cookie }, { raw: '' })),
        403,
        'CSRF_REJECTED',
      );
      expect(await actionsAfter(t, before)).toEqual([]);
    });

    it('login CSRF: the sign-in takes JSON only, so a foreign form cannot sign the browser in as someone else', async () => {
      const c = await challenge(t);
      const body = JSON.stringify(signInBody(bob, c));
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const answer = await t.request('POST', '/api/commission/session', { raw: body, headers: { 'content-type': type } });
        expectError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(answer.headers.get('set-cookie')).toBeNull();
      }
      // the refused attempts spent nothing: the same body as JSON (what only a same-origin page can send) signs in
      expectStatus(
        await t.request('POST', '/api/commission/session', { raw: body, headers: { 'content-type': 'application/json' } }),
        200,
      );
    });

    it('method override headers and parameters change nothing: a GET stays a read', async () => {
      const before = await lastActionId(t);
      for (const [method, path, headers] of [
        ['GET', '/api/commission/session/end', {}],
        ['GET', '/api/commission/session/end?_method=POST', {}],
        ['GET', '/api/commission/members/invitations?name=Planted', { 'x-http-method-override': 'POST' }],
        ['POST', '/api/commission/session/end', { 'x-http-method-override': 'GET', 'x-method-override': 'GET' }],
      ] as const) {
        const answer = await t.request(
          method,
          path,
          withSession({ cookie: s.cookie }, { headers, ...(method === 'POST' ? { body: {} } : {}) }),
        );
        expect([403, 404], `${method} ${path}`).toContain(answer.status);
      }
      expect(await actionsAfter(t, before)).toEqual([]);
      expectStatus(await t.request('GET', '/api/commission/session', withSession({ cookie: s.cookie })), 200);
    });
  });

  describe('the actions log', () => {
    it('never holds an invitation token, a challenge, a signature or a request body; nobody unauthenticated writes to it', async () => {
      const s = await signIn(t, bob);
      const before = await lastActionId(t);
      const token = await invite(t, 'Logged Invitee');
      const c = await challenge(t);
      const key = newKey();
      const proof = enrollBody(token, key);
      expectStatus(await t.request('POST', '/api/commission/members/enroll', { body: proof }), 200);
      const signInAnswer = await t.request('POST', '/api/commission/session', { body: signInBody(key, c) });
      expectStatus(signInAnswer, 200);
      // refused attempts by outsiders: none of them leaves a row
      await t.request('POST', '/api/commission/members/enroll', { body: proof });
      await t.request('POST', '/api/commission/session', { body: signInBody(key, c) });
      await t.request('GET', '/api/commission/members', withSession({ cookie: s.cookie, csrf: '0'.repeat(64) }));
      const logged = JSON.stringify(await actionsAfter(t, before));
      for (const secret of [token, c, proof.signature, signInAnswer.json.csrf, s.csrf]) {
        expect(logged).not.toContain(secret);
      }
      expect((await actionsAfter(t, before)).map((a) => a.route)).toEqual([
        '/api/commission/members/invitations',
        '/api/commission/members/enroll',
        '/api/commission/session',
      ]);
    });
  });

  describe('the member key file', () => {
    it('a file whose header names the victim’s key but seals the attacker’s secret is refused', async () => {
      const passphrase = 'correct horse battery staple';
      const made = await createMemberKeyFile({ name: 'Aliya Nurlanova' }, passphrase, { logN: 10 });
      // honestly sealed under a header naming alice: the AEAD holds, only the key check can tell
      const { sealToText } = await import('../../packages/protocol/src/trustee-client/sealed.ts');
      const { stretch } = await import('../../packages/protocol/src/trustee-client/sealed.ts');
      const header = { ...made.header, publicKey: alice.publicKey };
      const key = await stretch(passphrase, header.kdf);
      const hostile = sealToText(header, { secretKey: bytesToHex(encodeScalar(made.secretKey)) }, key).text;
      await expect(openMemberKeyFile(hostile, passphrase, 'aliya.key')).rejects.toMatchObject({ code: 'NOT_A_KEY_FILE' });
      // and a header edited after sealing fails the AEAD: the header is its associated data
      const edited = JSON.stringify({ ...JSON.parse(made.text), publicKey: alice.publicKey });
      await expect(openMemberKeyFile(edited, passphrase, 'aliya.key')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
      // the honest file opens, with the default work factor a new file gets (scrypt 2^17, r 8, p 1)
      expect((await openMemberKeyFile(made.text, passphrase, 'mine.key')).header.publicKey).toBe(made.header.publicKey);
    });
  });
});

// ---------- races on PostgreSQL, two servers over HTTP ----------

describePostgres('races on PostgreSQL: two servers sharing one database, over HTTP', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  const listening: Listening[] = [];
  let a: TestServer;
  let overHttp: ReturnType<typeof httpRequester>[] = [];
  beforeAll(async () => {
    database = await freshDatabase();
    const clock = { now: Date.parse('2026-06-01T10:00:00.000Z') };
    for (let i = 0; i < 2; i++) {
      const s = await startServer({ db: database.url, now: () => clock.now });
      servers.push(s);
      const l = await listen(s.server, { port: 0, hostname: '127.0.0.1' });
      listening.push(l);
      overHttp.push(httpRequester(`http://127.0.0.1:${l.address.port}`, s.adminToken));
    }
    a = servers[0] as TestServer;
  });
  afterAll(async () => {
    // closing the listener closes its server and the database connection; only the temp folder is left
    for (const l of listening) await l.close();
    for (const s of servers) rmSync(dirname(s.file), { recursive: true, force: true });
    overHttp = [];
    await database?.drop();
  });

  const at = (i: number) => overHttp[i % 2] as ReturnType<typeof httpRequester>;

  it('one signed challenge sent sixteen times to both servers at once gives exactly one session', async () => {
    const key = await enroll(a, 'Race Signer');
    const c = await challenge(at(1));
    const body = signInBody(key, c);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => at(i).request('POST', '/api/commission/session', { body })),
    );
    expect(answers.map((x) => x.status).filter((x) => x === 200)).toHaveLength(1);
    for (const x of answers.filter((y) => y.status !== 200)) expectError(x, 401, 'CHALLENGE_INVALID');
  });

  it('one invitation raced with eight keys enrolls one; the rest are told it is spent', async () => {
    const token = await invite(a, 'Race Invitee');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        at(i).request('POST', '/api/commission/members/enroll', { body: enrollBody(token, newKey()) }),
      ),
    );
    expect(answers.filter((x) => x.status === 200)).toHaveLength(1);
    for (const x of answers.filter((y) => y.status !== 200)) expectError(x, 409, 'INVITATION_SPENT');
  });

  it('one key raced over eight invitations lands on one member; the rest get KEY_ALREADY_ENROLLED, never a 500', async () => {
    const key = newKey();
    const tokens: string[] = [];
    for (let i = 0; i < 8; i++) tokens.push(await invite(a, `Race Key ${i}`));
    const answers = await Promise.all(
      tokens.map((token, i) => at(i).request('POST', '/api/commission/members/enroll', { body: enrollBody(token, key) })),
    );
    expect(answers.filter((x) => x.status === 200)).toHaveLength(1);
    for (const x of answers.filter((y) => y.status !== 200)) expectError(x, 409, 'KEY_ALREADY_ENROLLED');
    const members = expectStatus(await a.request('GET', '/api/commission/members', admin), 200).json.members as {
      publicKey: string | null;
    }[];
    expect(members.filter((m) => m.publicKey === key.publicKey)).toHaveLength(1);
  });
});

// ---------- cross-origin requests in Chromium ----------

/** A page of the attacker's, served from another origin, that runs `script` once loaded. */
function attackerSite(): Promise<{ server: HttpServer; port: number; pages: Map<string, string> }> {
  const pages = new Map<string, string>();
  const server = createHttpServer((req, res) => {
    const page = pages.get(req.url ?? '/');
    res.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not here');
  });
  return new Promise((resolve) => {
    // every interface: reached as 127.0.0.1 (same site as the console, another origin) and as localhost (another site)
    server.listen(0, () => resolve({ server, port: (server.address() as AddressInfo).port, pages }));
  });
}

describe('cross-origin requests from a real browser', () => {
  let stack: Stack;
  let t: TestServer;
  let base: string;
  let site: Awaited<ReturnType<typeof attackerSite>>;
  let alice: Key;

  beforeAll(async () => {
    stack = await startStack();
    t = stack.server;
    base = stack.baseUrl;
    alice = await enroll(t, 'Aliya Nurlanova');
    site = await attackerSite();
  }, 120_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => site?.server.close(() => resolve()));
    await stack?.close();
  });

  /** The member signs in in this browser, as the console does: the browser itself keeps the cookie. */
  async function signedInContext() {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/api/health`);
    const c = await page.evaluate(async () => {
      const r = await fetch('/api/commission/session/challenge', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return ((await r.json()) as { challenge: string }).challenge;
    });
    const session = await page.evaluate(
      async (body) => {
        const r = await fetch('/api/commission/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await r.json()) as { csrf: string };
      },
      signInBody(alice, c),
    );
    return { context, page, csrf: session.csrf };
  }

  it('keeps the cookie from page scripts: HttpOnly, SameSite=Strict, under /api', async () => {
    const { context, page, csrf } = await signedInContext();
    try {
      expect(await page.evaluate(() => document.cookie)).not.toContain('saylau_member');
      const [cookie] = (await context.cookies(`${base}/api/commission/session`)).filter((x) => x.name === 'saylau_member');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' });
      // the page that holds the CSRF token acts (the control: the cookie does work from its own origin)
      const status = await page.evaluate(
        async (h) => (await fetch('/api/commission/members', { headers: { 'x-saylau-csrf': h } })).status,
        csrf,
      );
      expect(status).toBe(200);
    } finally {
      await context.close();
    }
  });

  it('a same-site page on another port gets the cookie sent but cannot act: no header, no preflight, no reading', async () => {
    const { context, page: victim } = await signedInContext();
    const members = (await t.request('GET', '/api/commission/members', admin)).json.members.length;
    const before = await lastActionId(t);
    site.pages.set(
      '/same-site',
      `<!doctype html><script>
        const api = ${JSON.stringify(base)};
        const out = {};
        const draft = ${JSON.stringify({ ...loadDraft(), id: 'planted-by-csrf' })};
        (async () => {
          const tries = {
            noCorsJson: () => fetch(api + '/api/elections', { method: 'POST', mode: 'no-cors', credentials: 'include',
              headers: { 'content-type': 'text/plain' }, body: JSON.stringify(draft) }).then((r) => r.type),
            noCorsEmpty: () => fetch(api + '/api/commission/session/end', { method: 'POST', mode: 'no-cors', credentials: 'include' }).then((r) => r.type),
            beacon: async () => navigator.sendBeacon(api + '/api/elections', new Blob([JSON.stringify(draft)], { type: 'text/plain' })),
            withHeader: () => fetch(api + '/api/elections', { method: 'POST', credentials: 'include',
              headers: { 'content-type': 'application/json', 'x-saylau-csrf': '0'.repeat(64) }, body: JSON.stringify(draft) }).then((r) => r.status),
            readSession: () => fetch(api + '/api/commission/session', { credentials: 'include' }).then((r) => r.text()),
          };
          for (const [name, run] of Object.entries(tries)) {
            try { out[name] = { ok: await run() }; } catch (e) { out[name] = { error: String(e) }; }
          }
          window.__results = out;
        })();
      </script>`,
    );
    const page = await context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${site.port}/same-site`);
      await page.waitForFunction(() => (window as unknown as { __results?: unknown }).__results !== undefined);
      const results = (await page.evaluate(() => (window as unknown as { __results: unknown }).__results)) as Record<
        string,
        { ok?: unknown; error?: string }
      >;
      // opaque answers, a blocked preflight, an unreadable session: the page learned nothing and got no CSRF token
      expect(results.noCorsJson).toEqual({ ok: 'opaque' });
      expect(results.noCorsEmpty).toEqual({ ok: 'opaque' });
      expect(results.withHeader?.error).toMatch(/TypeError|Failed to fetch/);
      expect(results.readSession?.error).toMatch(/TypeError|Failed to fetch/);

      // a top-level form POST: same site, so the browser does send the cookie — and the missing header stops it
      site.pages.set(
        '/form',
        `<!doctype html><form method="post" enctype="text/plain" action="${base}/api/elections">
           <input name='{"id":"planted-by-csrf","x":"' value='"}'></form><script>document.forms[0].submit()</script>`,
      );
      await page.goto(`http://127.0.0.1:${site.port}/form`);
      await page.waitForURL(`${base}/api/elections`);
      expect(JSON.parse((await page.textContent('body')) ?? '{}')).toMatchObject({ error: { code: 'CSRF_REJECTED' } });

      // nothing happened on the server: no action, no member, no election, and the session still stands
      expect(await actionsAfter(t, before)).toEqual([]);
      expect((await t.request('GET', '/api/commission/members', admin)).json.members).toHaveLength(members);
      expectError(await t.request('GET', '/api/elections/planted-by-csrf'), 404, 'UNKNOWN_ELECTION');
      expect(await victim.evaluate(async () => (await fetch('/api/commission/session')).status)).toBe(200);
    } finally {
      await context.close();
    }
  });

  it('a page of another site does not even get the cookie sent (SameSite=Strict)', async () => {
    const { context } = await signedInContext();
    site.pages.set(
      '/cross-site',
      `<!doctype html><form method="post" action="${base}/api/commission/session/end"></form>
       <script>document.forms[0].submit()</script>`,
    );
    const page = await context.newPage();
    try {
      await page.goto(`http://localhost:${site.port}/cross-site`);
      await page.waitForURL(`${base}/api/commission/session/end`);
      // the member guard saw no cookie at all: 401, not the 403 a cookie without its header gets
      expect(JSON.parse((await page.textContent('body')) ?? '{}')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    } finally {
      await context.close();
    }
  });
});
