// Voter endpoints (docs/api.md): log in, read the ballot style, submit a ballot for a receipt. The second device's
// endpoints are in second-device.ts.
import {
  type BallotJson,
  BallotWire,
  ballotHash,
  DigestHex,
  InclusionProofWire,
  problem,
  questionsOfStyle,
  SignedTreeHeadWire,
  styleOfDistrict,
} from '@saylau/protocol';
import { z } from 'zod';
import type { Api } from '../http/api.ts';
import { ApiError } from '../http/errors.ts';
import type { JsonShape } from '../http/json-shape.ts';
import { ballotError, receiptOf, votingOpen } from '../intake/commit.ts';
import { VoterIdSchema } from '../register/register.ts';
import { isRevoked } from '../register/replacement.ts';
import type { Services } from '../services.ts';
import { login, requireVoter } from '../voters/session.ts';
import { electionOf } from './common.ts';

export const SessionRequest = z.object({ voterId: VoterIdSchema, loginCode: z.string().min(1).max(128) }).strict();

/** Checked shallowly here; the intake checks the ballot in full (in a worker) with the protocol's problem codes. */
const BallotEnvelope = z.object({ ballot: z.record(z.string(), z.unknown()) }).strict();

/**
 * The most a ballot body can hold (BallotWire): 9 levels (body, ballot, answers, answer, selections, selection,
 * proof, branches, branch) and lists of at most 64 (a range proof's branches; answers ≤ 50, selections ≤ 32).
 * Anything beyond is refused before it is parsed, let alone queued for a worker.
 */
export const BALLOT_SHAPE: JsonShape = { maxDepth: 10, maxMembers: 64 };

export const Receipt = z.object({
  ballotHash: DigestHex,
  trackingCode: z.string(),
  leafIndex: z.number(),
  supersedes: DigestHex.nullable(),
  inclusionProof: InclusionProofWire,
  treeHead: SignedTreeHeadWire,
});

/** The alphas of a ballot's selections, if the JSON has that shape (a cheap look before any decoding). */
function alphasOf(ballot: Record<string, unknown>): string[] {
  const answers = Array.isArray(ballot.answers) ? ballot.answers : [];
  const alphas: string[] = [];
  for (const answer of answers) {
    const selections = (answer as { selections?: unknown })?.selections;
    if (!Array.isArray(selections)) continue;
    for (const s of selections) {
      const alpha = (s as { ciphertext?: { alpha?: unknown } })?.ciphertext?.alpha;
      if (typeof alpha === 'string') alphas.push(alpha);
    }
  }
  return alphas;
}

/** The hash a ballot would have on the board; '' when it cannot even be written as canonical JSON (refused later). */
function resubmittedHash(ballot: Record<string, unknown>): string {
  try {
    return ballotHash(ballot as BallotJson);
  } catch (error) {
    if (error instanceof TypeError) return ''; // e.g. 1e999: the schema check that follows refuses it with a code
    throw error;
  }
}

export function voterRoutes(api: Api, services: Services): void {
  api.post(
    '/api/elections/:eid/sessions',
    {
      role: 'voter',
      summary: 'Log in with the voter id and login code from the letter; answers a session token',
      body: SessionRequest,
      response: z.object({
        token: z.string(),
        district: z.string(),
        style: z.string().nullable(),
        credential: DigestHex,
        expiresAt: z.string(),
      }),
      status: 201,
    },
    async (c, { body }) => login(services, await electionOf(c, services), body.voterId, body.loginCode),
  );

  api.get(
    '/api/elections/:eid/ballot-style',
    { role: 'voter', summary: 'The session voter’s district, ballot style and its questions in ballot order' },
    async (c) => {
      const election = await electionOf(c, services);
      const voter = await requireVoter(c, services, election);
      const style = styleOfDistrict(election.definition, voter.district);
      if (!style) throw new ApiError('NOT_FOUND', 'the district has no ballot style');
      return {
        district: voter.district,
        credential: voter.credential,
        style,
        questions: questionsOfStyle(election.definition, style),
      };
    },
  );

  api.post(
    '/api/elections/:eid/ballots',
    {
      role: 'voter',
      summary: 'Submit (or re-submit) a ballot; the receipt comes only after it is committed',
      body: BallotEnvelope,
      documentedBody: z.object({ ballot: BallotWire }).strict(),
      response: Receipt,
      status: 201,
      limit: 'ballot',
      shape: BALLOT_SHAPE,
    },
    async (c, { body }) => {
      const election = await electionOf(c, services);
      const voter = await requireVoter(c, services, election);
      await services.limiters.voter.take(`ballot:${election.id}:${voter.voterId}`);
      const closed = votingOpen(election, services.config.now());
      if (closed) throw closed;
      // Cheap refusals before any proof is checked: another voter's credential, a ciphertext seen before.
      if (typeof body.ballot.credential === 'string' && body.ballot.credential !== voter.credential) {
        // the voter's own old letter, re-issued since (spec §3.5.1): say so rather than "not yours"
        if (await isRevoked(services, election, body.ballot.credential)) {
          throw new ApiError(
            'CREDENTIAL_REVOKED',
            'this credential was revoked when your letter was re-issued: use the new letter',
          );
        }
        throw new ApiError('NOT_YOUR_CREDENTIAL');
      }
      // The same ballot again (a retry after the answer was lost on the network) gets the receipt it already has —
      // only while it is still the voter's latest: an older ballot sent again is a replay, refused below.
      const stored = await services.storage.ballots.get(election.id, resubmittedHash(body.ballot));
      if (stored && stored.credential === voter.credential && stored.superseded_by === null) {
        const event = JSON.parse((await services.storage.board.event(election.id, stored.seq)) as string) as {
          supersedes: string | null;
        };
        const current = await services.elections.covering(election, stored.seq);
        return receiptOf(current, { seq: stored.seq, hash: stored.hash, supersedes: event.supersedes });
      }
      const alphas = alphasOf(body.ballot);
      const before = new Set(await services.storage.ballots.seenAmong(election.id, alphas));
      const seen = alphas.flatMap((alpha, k) =>
        before.has(alpha) ? [problem('DUPLICATE_CIPHERTEXT', ['ballot', 'selections', k])] : [],
      );
      if (seen.length > 0) throw ballotError(seen);
      return services.intake.submit({ electionId: election.id, voter, ballot: body.ballot });
    },
  );
}
