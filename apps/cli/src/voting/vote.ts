// The scripted voter (docs/api.md, voters): log in with the letter's voter id and login code, derive the
// credential key from the credential code on this machine, build and sign the ballot here, submit it, and keep
// the receipt with the ballot's seed (which opens the ballot for the voter's own check, and nothing else).
import {
  bytesToHex,
  decodePoint,
  deriveCredentialKey,
  encodePoint,
  hexToBytes,
  normalizeCredentialCode,
  prepareElectionKey,
  publicKeyOf,
  type Scalar,
} from '@saylau/crypto';
import { type BallotJson, buildBallot, type Choices, type ElectionContext, trackingCode } from '@saylau/protocol';
import type { ApiClient } from '../cli/client.ts';
import { CliError, EXIT, problemLines } from '../cli/errors.ts';
import type { ElectionInfo } from '../cli/options.ts';

export interface Session {
  readonly token: string;
  readonly district: string;
  readonly style: string | null;
  readonly credential: string;
}

/** The receipt as the server gives it (docs/api.md). */
export interface ServerReceipt {
  readonly ballotHash: string;
  readonly trackingCode: string;
  readonly leafIndex: number;
  readonly supersedes: string | null;
  readonly inclusionProof: { leafIndex: number; treeSize: number; path: string[] };
  readonly treeHead: {
    treeSize: number;
    rootHash: string;
    timestamp: string;
    signature: { commitment: string; response: string };
  };
}

/** What `saylau vote` prints and `saylau check-receipt` reads: the receipt plus where it belongs and the seed. */
export interface ReceiptFile extends ServerReceipt {
  readonly server: string;
  readonly election: string;
  readonly fingerprint: string;
  /** The ballot's randomness seed (hex): opens this ballot to show its choices. Keep it private. */
  readonly seed: string;
}

export function login(client: ApiClient, electionId: string, voterId: string, loginCode: string): Promise<Session> {
  return client.post<Session>(
    `/api/elections/${electionId}/sessions`,
    { voterId, loginCode },
    { what: `logging in as ${voterId}` },
  );
}

/** Parses --answers: {"question": ["option", …]} or {"question": "option"}. */
export function parseAnswers(text: string): Choices {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--answers is not JSON: ${(error as Error).message}`, EXIT.usage, [
      `  e.g. --answers '{"parks":["yes"],"transport":["tram"]}'`,
    ]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CliError('--answers must be a JSON object of question id → option ids', EXIT.usage);
  }
  const choices: Record<string, string[]> = {};
  for (const [question, value] of Object.entries(json)) {
    const options = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(options) || !options.every((o) => typeof o === 'string')) {
      throw new CliError(`--answers: "${question}" must be an option id or a list of option ids`, EXIT.usage);
    }
    choices[question] = options;
  }
  return choices;
}

export function electionContext(election: ElectionInfo): ElectionContext {
  if (!election.electionKey) throw new CliError(`election "${election.id}" has no election key yet; voting is not open`);
  return {
    definition: election.definition,
    fingerprint: election.fingerprint,
    electionKey: prepareElectionKey(decodePoint(hexToBytes(election.electionKey))),
  };
}

/** The credential key from the code, checked against the credential the server holds for this voter. */
export function credentialSecret(code: string, election: ElectionInfo, session: Session): Scalar {
  if (normalizeCredentialCode(code) === null) {
    throw new CliError('the credential code is not 20 characters of the letter alphabet (XXXXX-XXXXX-XXXXX-XXXXX)', EXIT.usage);
  }
  const secret = deriveCredentialKey(code, election.id, election.definition.credentialKdf);
  if (bytesToHex(encodePoint(publicKeyOf(secret))) !== session.credential) {
    throw new CliError("the credential code does not match this voter's credential; check it against the letter", EXIT.failed);
  }
  return secret;
}

/** Builds and signs the ballot on this machine; a choice that breaks a question's limits is a usage error. */
export function makeBallot(ctx: ElectionContext, district: string, choices: Choices, secret: Scalar) {
  const built = buildBallot(ctx, { district, choices, credentialSecret: secret });
  if (!built.ok) throw new CliError('the answers do not fit the ballot', EXIT.usage, problemLines(built.problems));
  return built.value;
}

export function submitBallot(client: ApiClient, electionId: string, token: string, ballot: BallotJson): Promise<ServerReceipt> {
  return client.post<ServerReceipt>(`/api/elections/${electionId}/ballots`, { ballot }, { token, what: 'submitting the ballot' });
}

/** The receipt file's content for a submitted ballot. */
export function receiptFile(client: ApiClient, election: ElectionInfo, receipt: ServerReceipt, seed: Uint8Array): ReceiptFile {
  if (trackingCode(receipt.ballotHash) !== receipt.trackingCode)
    throw new CliError("the receipt's tracking code does not match its ballot hash");
  return {
    server: client.baseUrl,
    election: election.id,
    fingerprint: election.fingerprintHex,
    ...receipt,
    seed: bytesToHex(seed),
  };
}
