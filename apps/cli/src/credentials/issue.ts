// Issuing credentials (brief §1.3, docs/api.md): per voter a login code and a credential code made here with the
// CSPRNG, the credential's public key derived with the definition's scrypt parameters; only the public keys and
// the login codes' SHA-256 go to the server. The letters are written before the upload and kept only if it succeeds.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex, encodePoint, generateCredentialCode, publicKeyOf, type Scalar } from '@saylau/crypto';
import { type ElectionDefinition, generateLoginCode, loginCodeHash } from '@saylau/protocol';
import type { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { deriveCredentialKeys } from './derive.ts';
import { lettersHtml } from './letters.ts';

export interface VoterEntry {
  readonly voterId: string;
  readonly district: string;
  readonly name?: string;
  readonly contact?: string;
}

export interface IssuedVoter {
  readonly voterId: string;
  readonly district: string;
  readonly name: string;
  readonly contact: string;
  readonly loginCode: string;
  readonly credentialCode: string;
  /** The credential's signing key: kept in memory only (the demo's simulated voters use it). */
  readonly secret: Scalar;
  readonly credentialHex: string;
}

export const LETTERS_FILE = 'letters.html';
export const PUBLIC_LIST_FILE = 'public-credentials.json';

/** Codes and keys for every voter; `onEach` ticks once per derived key. */
export async function makeCredentials(
  voters: readonly VoterEntry[],
  definition: ElectionDefinition,
  onEach?: () => void,
): Promise<IssuedVoter[]> {
  const codes = voters.map(() => generateCredentialCode());
  const secrets = await deriveCredentialKeys(codes, definition.id, definition.credentialKdf, onEach);
  return voters.map((v, i) => {
    const secret = secrets[i] as Scalar;
    return {
      voterId: v.voterId,
      district: v.district,
      name: v.name ?? '',
      contact: v.contact ?? '',
      loginCode: generateLoginCode(),
      credentialCode: codes[i] as string,
      secret,
      credentialHex: bytesToHex(encodePoint(publicKeyOf(secret))),
    };
  });
}

/** POST /credentials: public keys and login-code hashes only. */
export function uploadCredentials(client: ApiClient, electionId: string, issued: readonly IssuedVoter[]) {
  return client.admin<{ issued: number }>(
    `/api/elections/${electionId}/credentials`,
    {
      entries: issued.map((v) => ({
        voterId: v.voterId,
        credential: v.credentialHex,
        loginCodeHash: loginCodeHash(v.loginCode),
      })),
    },
    'issuing the credentials',
  );
}

/** The public credential list: key → district, sorted by key so its order says nothing about the voter list. */
export function publicList(definition: ElectionDefinition, fingerprint: string, issued: readonly IssuedVoter[]) {
  return {
    election: definition.id,
    fingerprint,
    entries: issued
      .map((v) => ({ credential: v.credentialHex, district: v.district }))
      .sort((a, b) => (a.credential < b.credential ? -1 : 1)),
  };
}

export interface IssueFiles {
  readonly letters: string;
  readonly publicList: string;
}

/**
 * Writes the letters, uploads, and keeps the letters only if the upload succeeded: the server never holds keys
 * whose codes were lost, and no letters exist for keys the server refused.
 */
export async function issueWithLetters(
  client: ApiClient,
  definition: ElectionDefinition,
  fingerprint: string,
  issued: readonly IssuedVoter[],
  outDir: string,
  votingUrl: string,
): Promise<IssueFiles> {
  const letters = join(outDir, LETTERS_FILE);
  const list = join(outDir, PUBLIC_LIST_FILE);
  if (existsSync(letters)) {
    throw new CliError(`${letters} exists already; letters are never overwritten (choose another --out)`, EXIT.usage);
  }
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const pending = `${letters}.partial`;
  writeFileSync(pending, lettersHtml(definition, issued, votingUrl, fingerprint), { mode: 0o600 });
  try {
    await uploadCredentials(client, definition.id, issued);
  } catch (error) {
    rmSync(pending, { force: true });
    throw error;
  }
  renameSync(pending, letters);
  writeFileSync(list, `${JSON.stringify(publicList(definition, fingerprint, issued), null, 2)}\n`);
  return { letters, publicList: list };
}
