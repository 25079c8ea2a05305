// The server's HTTP API as the voter pages use it (docs/api.md): same-origin JSON requests, answers checked with zod
// before use, and every failure turned into an ApiError with the server's code (or NETWORK when nothing answered).
import {
  type BallotJson,
  BallotWire,
  DigestHex,
  ELECTION_STATES,
  EventWire,
  FateAnswerWire,
  IdSchema,
  InclusionProofWire,
  PaperResultsEvent,
  ReceiptWire,
  ResultEvent,
  type SealUpload,
  SignedTreeHeadWire,
  VerificationSealWire,
} from '@saylau/protocol';
import { z } from 'zod';

export class ApiError extends Error {
  constructor(
    /** The server's error code, NETWORK when the server could not be reached, BAD_ANSWER when it said nonsense. */
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const PointHexString = z.string().regex(/^[0-9a-f]{64}$/);

export const ElectionAnswer = z.object({
  // parsed again with parseDefinition by election.ts, which also checks the fingerprint
  definition: z.unknown(),
  fingerprint: DigestHex,
  state: z.enum(ELECTION_STATES),
  electionKey: PointHexString.nullable(),
  registerSizes: z.record(z.string(), z.number().int().min(0)).nullable().optional(),
});
export type ElectionAnswer = z.infer<typeof ElectionAnswer>;

export const SessionAnswer = z.object({
  token: z.string().min(1),
  district: IdSchema,
  style: IdSchema.nullable().optional(),
  expiresAt: z.union([z.string(), z.number()]).optional(),
  /** The credential registered for this voter: a mistyped code is caught before anything is built. */
  credential: PointHexString.optional(),
});
export type Session = z.infer<typeof SessionAnswer>;

export type Receipt = z.output<typeof ReceiptWire>;

export const SealAnswer = z.object({ ballotHash: DigestHex, maxFetches: z.number().int().min(0), windowEndsAt: z.string() });

export const VerifyAnswer = z.object({
  ballot: BallotWire,
  /** The whole board event (its canonical bytes are the Merkle leaf); fetched from the board when absent. */
  event: z.unknown().optional(),
  credential: PointHexString,
  district: IdSchema,
  leafIndex: z.number().int().min(0),
  inclusionProof: InclusionProofWire,
  treeHead: SignedTreeHeadWire,
  /** The ballot's seed sealed under the verification key of the QR code (spec §3.6.6). */
  seal: VerificationSealWire,
  checksLeft: z.number().int().min(0),
  windowEndsAt: z.union([z.string(), z.number()]),
  /** true, or the hash of the ballot that replaced it, when the credential voted again. */
  superseded: z.union([z.boolean(), DigestHex, z.null()]),
});
export type VerifyAnswer = z.output<typeof VerifyAnswer>;

export const TurnoutAnswer = z.object({
  districts: z.array(z.object({ district: IdSchema, registered: z.number().int().min(0), voted: z.number().int().min(0) })),
});
export type Turnout = z.infer<typeof TurnoutAnswer>;

const BoardAnswer = z.object({ events: z.array(z.unknown()), treeSize: z.number().int().min(0) });

export type ElectionResult = z.output<typeof ResultEvent>;
export type PaperResults = z.output<typeof PaperResultsEvent>;

interface Answer<T> {
  readonly value: T;
  /** The JSON exactly as the server sent it (for files the voter keeps). */
  readonly raw: unknown;
}

async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  init: { method?: 'GET' | 'POST'; body?: unknown; token?: string } = {},
): Promise<z.output<S>> {
  return (await requestRaw(path, schema, init)).value;
}

/**
 * One same-origin JSON request without cookies or cache: the answer's JSON, or an ApiError — NETWORK when the server
 * could not be reached, the server's own code when it refused, BAD_ANSWER when a success carried no JSON.
 */
export async function fetchJson(
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; token?: string } = {},
): Promise<{ json: unknown; status: number }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      credentials: 'omit',
      cache: 'no-store',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    throw new ApiError('NETWORK', 0, 'the server could not be reached');
  }
  const json = await answerJson(response, path, (code, status, message) => new ApiError(code, status, message));
  return { json, status: response.status };
}

/** The `error` object of the server's refusal, as its JSON carries it (docs/api.md). */
export interface ServerRefusal {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly problems?: unknown;
}

/**
 * A response's JSON; for a refusal, the error `refused` makes of the server's code (else HTTP_<status>) and message;
 * BAD_ANSWER when a success carried no JSON. Shared by the voter pages and the commission's console.
 */
export async function answerJson(
  response: Response,
  path: string,
  refused: (code: string, status: number, message: string, refusal: ServerRefusal | undefined) => ApiError,
): Promise<unknown> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const refusal = (json as { error?: ServerRefusal } | undefined)?.error;
    const code = typeof refusal?.code === 'string' ? refusal.code : `HTTP_${response.status}`;
    const message = typeof refusal?.message === 'string' ? refusal.message : response.statusText;
    throw refused(code, response.status, message, refusal);
  }
  if (json === undefined) throw refused('BAD_ANSWER', response.status, `unexpected answer from ${path}`, undefined);
  return json;
}

async function requestRaw<S extends z.ZodType>(
  path: string,
  schema: S,
  init: { method?: 'GET' | 'POST'; body?: unknown; token?: string } = {},
): Promise<Answer<z.output<S>>> {
  const { json, status } = await fetchJson(path, init);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError('BAD_ANSWER', status, `unexpected answer from ${path}`);
  return { value: parsed.data, raw: json };
}

const base = (eid: string): string => `/api/elections/${encodeURIComponent(eid)}`;

export const api = {
  election: (eid: string) => request(base(eid), ElectionAnswer),

  login: (eid: string, voterId: string, loginCode: string) =>
    request(`${base(eid)}/sessions`, SessionAnswer, { method: 'POST', body: { voterId, loginCode } }),

  /** Casts a ballot; the answer is the receipt, decoded and as sent. */
  cast: (eid: string, token: string, ballot: BallotJson) =>
    requestRaw(`${base(eid)}/ballots`, ReceiptWire, { method: 'POST', body: { ballot }, token }),

  /** Registers the sealed seed of the voter's own cast ballot, for the second device. */
  registerSeal: (eid: string, token: string, upload: SealUpload) =>
    request(`${base(eid)}/verification-seal`, SealAnswer, { method: 'POST', body: upload, token }),

  /**
   * The second device's fetch of a ballot and its sealed seed, showing the access token derived from the link's key
   * (limited); the raw answer holds the ballot's JSON as sent.
   */
  verify: (eid: string, ballotHash: string, access: string) =>
    requestRaw(`${base(eid)}/verify/${encodeURIComponent(ballotHash)}`, VerifyAnswer, { method: 'POST', body: { access } }),

  /** The raw JSON of board event `index` (its canonical bytes are the Merkle leaf's entry), checked for shape. */
  async boardEvent(eid: string, index: number): Promise<unknown> {
    const answer = await request(`${base(eid)}/board?from=${index}&limit=1`, BoardAnswer);
    const event = answer.events[0];
    if (event === undefined || !EventWire.safeParse(event).success) {
      throw new ApiError('BAD_ANSWER', 200, `the board has no readable event ${index}`);
    }
    return event;
  },

  /** A ballot's fate after processing (counted, superseded, cancelled) with the deciding event's inclusion proof. */
  fate: (eid: string, ballotHash: string) =>
    request(`${base(eid)}/ballots/${encodeURIComponent(ballotHash)}/fate`, FateAnswerWire),

  turnout: (eid: string) => request(`${base(eid)}/turnout`, TurnoutAnswer),

  results: (eid: string) => request(`${base(eid)}/results`, ResultEvent),

  /** The commission's paper results (attested, not verifiable), or null while none is on the board. */
  paperResults: async (eid: string): Promise<PaperResults | null> => {
    try {
      return await request(`${base(eid)}/paper-results`, PaperResultsEvent);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },

  recordUrl: (eid: string) => `${base(eid)}/record`,
};
