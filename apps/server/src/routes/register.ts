// Register endpoints beyond the import (docs/api.md, admin token): corrections before the freeze, and a lost letter's
// re-issue after it (spec §3.5.1), which revokes the old credential on the board.
import { DigestHex, IdSchema } from '@saylau/protocol';
import { z } from 'zod';
import type { Api } from '../http/api.ts';
import { CorrectionsAnswer, CorrectionsRequest, correctRegister } from '../register/corrections.ts';
import { VoterIdSchema } from '../register/register.ts';
import { replaceCredential } from '../register/replacement.ts';
import type { Services } from '../services.ts';
import { electionOf } from './common.ts';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'BAD_ENCODING');

export const ReplacementRequest = z.object({ voterId: VoterIdSchema, credential: Hex64, loginCodeHash: DigestHex }).strict();

export const ReplacementAnswer = z.object({
  voterId: z.string(),
  old: Hex64,
  new: Hex64,
  district: IdSchema,
  /** On the board now (no commission, or its threshold reached). */
  published: z.boolean(),
  /** Waiting for the commission members' signatures (`saylau commission sign credential-replacement`). */
  staged: z.boolean(),
});

export function registerRoutes(api: Api, services: Services): void {
  // authenticated (admin token or a member's session) and logged by the commission guard (members/commission-auth.ts)
  const admin = { role: 'commission' as const };

  api.post(
    '/api/elections/:eid/register/corrections',
    {
      ...admin,
      summary:
        'Correct the register before credentials are issued: add voters, remove voters, move voters to another district (all or nothing)',
      body: CorrectionsRequest,
      response: CorrectionsAnswer,
      limit: 'commission',
    },
    async (c, { body }) => correctRegister(services, await electionOf(c, services), body),
  );

  api.post(
    '/api/elections/:eid/register/replacements',
    {
      ...admin,
      summary:
        'Re-issue a lost letter (states ready and open): the voter’s new credential and login-code hash; the old credential is revoked on the board (with a commission, once its members have signed)',
      body: ReplacementRequest,
      response: ReplacementAnswer,
    },
    async (c, { body }) => replaceCredential(services, await electionOf(c, services), body),
  );
}
