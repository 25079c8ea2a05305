// The console's side of a member's session, for the browser (fetch, same-origin cookies): enroll a key from an
// invitation, sign in with the key file, read the session back after a reload, make commission requests with the
// CSRF header, sign out. The session cookie is HttpOnly: this code never sees it, only the CSRF token the server
// answers with.
import type { Scalar } from '@saylau/crypto';
import { openMemberKeyFile } from './member-key-file.ts';
import { invitationHash, memberPublicKeyHex, signEnrollment, signSignIn } from './member-signatures.ts';
import { CSRF_HEADER, type MemberSession } from './wire.ts';

/** A refusal by the server: its error code (docs/api.md) and message, and the HTTP status. */
export class CommissionApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommissionApiError';
  }
}

export class CommissionClient {
  /** The session signed in (or found by currentSession), or null. */
  session: MemberSession | null = null;

  /** `baseUrl` is '' for the page's own server. */
  constructor(readonly baseUrl: string = '') {}

  /** Opens the key file with the passphrase (slow on purpose; `onProgress` gets 0…1) and signs in with its key. */
  async signIn(
    keyFileText: string,
    passphrase: string,
    onProgress?: (fraction: number) => void,
    fileName = 'the key file',
  ): Promise<MemberSession> {
    const { secretKey } = await openMemberKeyFile(keyFileText, passphrase, fileName, onProgress);
    return this.signInWithKey(secretKey);
  }

  /** Asks for a challenge, signs it, and signs in: the cookie is set, the session kept here. */
  async signInWithKey(secretKey: Scalar): Promise<MemberSession> {
    const { challenge } = await this.json<{ challenge: string }>('POST', '/api/commission/session/challenge', {});
    const body = { publicKey: memberPublicKeyHex(secretKey), challenge, signature: signSignIn(secretKey, challenge) };
    this.session = await this.json<MemberSession>('POST', '/api/commission/session', body);
    return this.session;
  }

  /** Enrolls the key with an invitation token (from the link `admin.html#invite=…`); then sign in with it. */
  enroll(token: string, secretKey: Scalar): Promise<{ member: number; name: string }> {
    const body = {
      token,
      publicKey: memberPublicKeyHex(secretKey),
      signature: signEnrollment(secretKey, { invitationHash: invitationHash(token) }),
    };
    return this.json('POST', '/api/commission/members/enroll', body);
  }

  /** The session the cookie carries (after a reload), or null when there is none or it has ended. */
  async currentSession(): Promise<MemberSession | null> {
    try {
      this.session = await this.json<MemberSession>('GET', '/api/commission/session');
    } catch (error) {
      if (!(error instanceof CommissionApiError) || error.status !== 401) throw error;
      this.session = null;
    }
    return this.session;
  }

  /** Ends the session on the server and forgets it here. */
  async signOut(): Promise<void> {
    if (this.session) await this.json('POST', '/api/commission/session/end', {});
    this.session = null;
  }

  /** fetch with the session: same-origin cookies and the CSRF header (when signed in). */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.session) headers.set(CSRF_HEADER, this.session.csrf);
    return fetch(`${this.baseUrl}${path}`, { ...init, headers, credentials: 'same-origin' });
  }

  /** A JSON request (body sent as JSON when given); the answer's JSON, or a CommissionApiError. */
  async json<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const response = await this.fetch(path, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      throw new CommissionApiError(
        response.status,
        typeof error?.code === 'string' ? error.code : 'HTTP_ERROR',
        typeof error?.message === 'string' ? error.message : `${method} ${path}: HTTP ${response.status}`,
      );
    }
    return json as T;
  }
}
