// The member's session in the console, on the shared CommissionClient: sign-in with the member's own key (the
// server's one-time challenge signed with it), enrollment from an invitation, sign-out. The opened secret key stays
// in this module's memory only — never in storage — so after a reload the cookie still holds the session but a
// signature asks for the key file again.
import type { Scalar } from '@saylau/crypto';
import {
  CommissionClient,
  createMemberKeyFile,
  type MemberKey,
  type MemberSession,
  openMemberKeyFile,
} from '@saylau/protocol/commission-client';
import { asConsoleError, ConsoleApiError } from './console-api.ts';

/** Same minimum as the CLI's passphrase for a new key file. */
export const MIN_PASSPHRASE = 10;

export const client = new CommissionClient('');
let secretKey: Scalar | null = null;

export interface KeyFileText {
  readonly name: string;
  readonly text: string;
}

async function shared<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (error) {
    throw asConsoleError(error);
  }
}

export function currentSession(): MemberSession | null {
  return client.session;
}

/** The member's secret key if it was opened on this page since it loaded, else null. */
export function openedKey(): Scalar | null {
  return secretKey;
}

/** Forgets the session and the key on this page (the server ended it, or the member signed out). */
export function forgetSession(): void {
  client.session = null;
  secretKey = null;
}

/** The session the cookie holds, or null when there is none (or it ended). */
export function resumeSession(): Promise<MemberSession | null> {
  return shared(() => client.currentSession());
}

/** Opens the key file and signs the server's challenge; the key stays in memory for the session's signatures. */
export async function signIn(file: KeyFileText, passphrase: string, onProgress?: (f: number) => void): Promise<MemberSession> {
  const key = await openMemberKeyFile(file.text, passphrase, file.name, onProgress);
  const session = await shared(() => client.signInWithKey(key.secretKey));
  secretKey = key.secretKey;
  return session;
}

/**
 * Opens the key file again (after a reload) for a signature: it must be the key of the member signed in
 * (WRONG_KEY_FILE otherwise).
 */
export async function reopenKey(file: KeyFileText, passphrase: string, onProgress?: (f: number) => void): Promise<Scalar> {
  const key = await openMemberKeyFile(file.text, passphrase, file.name, onProgress);
  if (client.session === null || key.header.publicKey !== client.session.publicKey) {
    throw new ConsoleApiError('WRONG_KEY_FILE', 0, 'not the key of the member signed in');
  }
  secretKey = key.secretKey;
  return secretKey;
}

export async function signOut(): Promise<void> {
  try {
    await shared(() => client.signOut());
  } finally {
    forgetSession();
  }
}

/** A new key for an invitation: the file's text to save before enrolling. */
export function makeMemberKey(
  name: string,
  passphrase: string,
  onProgress: (f: number) => void,
): Promise<MemberKey & { readonly text: string }> {
  return createMemberKeyFile({ name }, passphrase, { onProgress });
}

/** Enrolls the key for the invitation (its token proves the invitation, the signature the key). */
export function enroll(token: string, key: MemberKey): Promise<{ member: number; name: string }> {
  return shared(() => client.enroll(token, key.secretKey));
}

/** Signs in with a key already open on this page (the one just enrolled). */
export async function signInWithKey(key: Scalar): Promise<MemberSession> {
  const session = await shared(() => client.signInWithKey(key));
  secretKey = key;
  return session;
}
