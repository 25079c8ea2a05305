// The scripted voter (docs/api.md, voters): log in with the letter's voter id and login code, derive the
// credential key from the credential code on this machine, build and sign the ballot here, submit it, and register
// the ballot's seed sealed under a fresh verification key (spec §3.6.6). The receipt file names the ballot and proves
// it is on the board; only the verification link, printed to the terminal, can open the vote, and only for a while.
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
import {
  type BallotJson,
  buildBallot,
  type Choices,
  type ElectionContext,
  newVerificationKey,
  outcomeUnknown,
  type ReceiptFileJson,
  type ReceiptJson,
  ReceiptWire,
  receiptFile as receiptFileOf,
  SUBMISSION_RETRY_DELAYS_MS,
  type SubmissionFailure,
  sealUpload,
  submitWithRetries,
  trackingCode,
  verificationUrl,
} from '@saylau/protocol';
import { type ApiClient, ServerError } from '../cli/client.ts';
import { CliError, EXIT, problemLines } from '../cli/errors.ts';
import type { ElectionInfo } from '../cli/options.ts';

export interface Session {
  readonly token: string;
  readonly district: string;
  readonly style: string | null;
  readonly credential: string;
}

/** The receipt as the server gives it (docs/api.md). */
export type ServerReceipt = ReceiptJson;

/** What `saylau vote` writes and `saylau check-receipt` reads (spec §3.6.7): never a seed or a verification key. */
export type ReceiptFile = ReceiptFileJson;

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

/**
 * Submits the ballot built here (sent again while the answer is lost) and answers its receipt — only a receipt
 * naming this very ballot: a server that answers, on a retry or not, with another ballot's receipt is caught here.
 */
export async function submitBallot(
  client: ApiClient,
  electionId: string,
  token: string,
  built: { readonly json: BallotJson; readonly hash: string },
): Promise<ServerReceipt> {
  const ballot = built.json;
  const tries = SUBMISSION_RETRY_DELAYS_MS.length + 1;
  let receipt: ServerReceipt;
  try {
    receipt = await submitWithRetries(
      async () => {
        const answer = await client.post(
          `/api/elections/${electionId}/ballots`,
          { ballot },
          { token, what: 'submitting the ballot' },
        );
        if (!ReceiptWire.safeParse(answer).success) throw new UnreadableReceipt();
        return answer as ServerReceipt;
      },
      submissionFailure,
      {
        onRetry: (next, failure) =>
          console.error(
            `the answer to the ballot was lost (${failure.kind === 'refused' ? `server error ${failure.status}` : failure.kind === 'network' ? 'connection cut' : 'unreadable answer'}); sending the same ballot again, try ${next} of ${tries}`,
          ),
      },
    );
  } catch (error) {
    if (error instanceof CliError && outcomeUnknown(submissionFailure(error))) {
      throw new CliError(`${error.message}`, error.exitCode, [
        ...error.details,
        `  it is NOT known whether the ballot was recorded: ${tries} tries got no receipt. Voting again is safe (the last`,
        '  ballot counts); "saylau check-receipt" or the second device shows what the board holds.',
      ]);
    }
    throw error;
  }
  if (receipt.ballotHash !== built.hash) {
    throw new CliError(
      `the server's receipt names ballot ${receipt.ballotHash}, not the ballot built here (${built.hash}): do not trust this receipt; tell the commission`,
    );
  }
  return receipt;
}

/** An answer to a ballot that is not a receipt: treated like a lost answer (a proxy's page, a body cut short). */
class UnreadableReceipt extends CliError {
  constructor() {
    super('the server answered the ballot with something that is not a receipt');
  }
}

/** How a submission try failed, for the retry rule shared with the booth (protocol's submission.ts). */
function submissionFailure(error: unknown): SubmissionFailure {
  if (error instanceof ServerError) return { kind: 'refused', status: error.status, code: error.error.code };
  if (error instanceof CliError && error.exitCode === EXIT.unreachable) return { kind: 'network' };
  if (error instanceof UnreadableReceipt) return { kind: 'unreadable', status: 200 };
  throw error;
}

/** The receipt file's content for a submitted ballot. */
export function receiptFile(client: ApiClient, election: ElectionInfo, receipt: ServerReceipt): ReceiptFile {
  if (trackingCode(receipt.ballotHash) !== receipt.trackingCode)
    throw new CliError("the receipt's tracking code does not match its ballot hash");
  return receiptFileOf(receipt, { election: election.id, fingerprint: election.fingerprintHex, server: client.baseUrl });
}

/**
 * Seals the ballot's seed under a fresh verification key k, registers the sealed seed with the voter's session and
 * answers the verification link that carries k. The seed and k stay in this process; the caller prints the link.
 */
export async function registerVerification(
  client: ApiClient,
  election: ElectionInfo,
  token: string,
  ballotHash: string,
  seed: Uint8Array,
): Promise<string> {
  const key = newVerificationKey();
  const upload = sealUpload(key, seed, { fingerprint: election.fingerprint, ballotHash });
  await client.post(`/api/elections/${election.id}/verification-seal`, upload, {
    token,
    what: 'registering the verification seal',
  });
  return verificationUrl(client.baseUrl, { election: election.id, ballotHash, key });
}
