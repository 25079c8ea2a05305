// Second-device endpoints (docs/api.md, spec §3.6.6): the voter's device registers the sealed seed of a ballot it
// cast; the page opened from the QR code fetches the ballot with it, showing the access token derived from k.
import {
  BallotWire,
  DigestHex,
  InclusionProofWire,
  SealUploadWire,
  SignedTreeHeadWire,
  VerificationFetchWire,
  VerificationSealWire,
} from '@saylau/protocol';
import { z } from 'zod';
import type { Api } from '../http/api.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { fetchForVerification, uploadSeal } from '../voters/second-device.ts';
import { requireVoter } from '../voters/session.ts';
import { electionOf } from './common.ts';

const SealAnswer = z.object({ ballotHash: DigestHex, maxFetches: z.number(), windowEndsAt: z.string() });

const VerifyAnswer = z.object({
  ballot: BallotWire,
  event: z.unknown(),
  credential: DigestHex,
  district: z.string(),
  leafIndex: z.number(),
  castAt: z.string(),
  inclusionProof: InclusionProofWire,
  treeHead: SignedTreeHeadWire,
  seal: VerificationSealWire,
  checksLeft: z.number(),
  windowEndsAt: z.string(),
  superseded: z.boolean(),
});

export function secondDeviceRoutes(api: Api, services: Services): void {
  api.post(
    '/api/elections/:eid/verification-seal',
    {
      role: 'voter',
      summary: 'Register the sealed seed of the session voter’s own cast ballot (once, within its check window)',
      body: SealUploadWire,
      response: SealAnswer,
      status: 201,
    },
    async (c, { body }) => {
      const election = await electionOf(c, services);
      const voter = await requireVoter(c, services, election);
      return uploadSeal(services, election, voter, body);
    },
  );

  api.post(
    '/api/elections/:eid/verify/:ballotHash',
    {
      role: 'public',
      summary:
        'Second device: the ballot, its board event and position, a signed head and the sealed seed, for the access token registered with the seal (limited fetches within the window)',
      body: VerificationFetchWire,
      response: VerifyAnswer,
    },
    async (c, { body }) => {
      const election = await electionOf(c, services);
      const hash = c.req.param('ballotHash') ?? '';
      if (!DigestHex.safeParse(hash).success) throw new ApiError('MALFORMED', 'a ballot hash is 64 lower-case hex characters');
      c.header('cache-control', 'no-store');
      return fetchForVerification(services, election, hash, body.access);
    },
  );
}
