// Making the voters' credentials (spec §2.8): per voter a login code and a credential code from the CSPRNG, and the
// credential's public key derived from the code with the definition's scrypt parameters. Where the keys are derived
// is the caller's: Node's native scrypt in the CLI, Web Workers in the console. Only the public keys and the login
// codes' SHA-256 ever go to the server (credentialEntries); the codes go only into the letters.
import { bytesToHex, encodePoint, generateCredentialCode, publicKeyOf, type Scalar } from '@saylau/crypto';
import { type ElectionDefinition, generateLoginCode, type Language, loginCodeHash } from '@saylau/protocol';

export interface VoterEntry {
  readonly voterId: string;
  readonly district: string;
  readonly name?: string;
  readonly contact?: string;
  /** The letter's language (the register's `language` column). */
  readonly language?: Language;
  /** The postal address for the window envelope (the register's `address` column). */
  readonly address?: string;
}

export interface IssuedVoter {
  readonly voterId: string;
  readonly district: string;
  readonly name: string;
  readonly contact: string;
  readonly language?: Language;
  readonly address?: string;
  readonly loginCode: string;
  readonly credentialCode: string;
  /** The credential's signing key: kept in memory only (the demo's simulated voters use it). */
  readonly secret: Scalar;
  readonly credentialHex: string;
}

/** Derives the keys of the codes, in order (spec §2.8's scrypt with the definition's parameters). */
export type DeriveKeys = (codes: readonly string[], definition: ElectionDefinition) => Promise<Scalar[]>;

/** Codes and keys for every voter. */
export async function makeCredentials(
  voters: readonly VoterEntry[],
  definition: ElectionDefinition,
  deriveKeys: DeriveKeys,
): Promise<IssuedVoter[]> {
  const codes = voters.map(() => generateCredentialCode());
  const secrets = await deriveKeys(codes, definition);
  if (secrets.length !== voters.length) throw new Error('the key derivation answered a different number of keys');
  return voters.map((v, i) => {
    const secret = secrets[i] as Scalar;
    return {
      voterId: v.voterId,
      district: v.district,
      name: v.name ?? '',
      contact: v.contact ?? '',
      ...(v.language ? { language: v.language } : {}),
      ...(v.address ? { address: v.address } : {}),
      loginCode: generateLoginCode(),
      credentialCode: codes[i] as string,
      secret,
      credentialHex: bytesToHex(encodePoint(publicKeyOf(secret))),
    };
  });
}

/** The body of POST /api/elections/:eid/credentials: public keys and login-code hashes only. */
export function credentialEntries(issued: readonly IssuedVoter[]) {
  return {
    entries: issued.map((v) => ({ voterId: v.voterId, credential: v.credentialHex, loginCodeHash: loginCodeHash(v.loginCode) })),
  };
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
