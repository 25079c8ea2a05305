// Commission endpoints (docs/api.md, admin token): define, register, credentials, ceremony, open/close, paper
// voters, process, tally, publish; turnout is public.
import { bytesToHex, encodePoint, G } from '@saylau/crypto';
import {
  DefinitionDraftSchema,
  DigestHex,
  type EarlyCloseJson,
  EarlyCloseWire,
  ElectionDefinitionSchema,
  IdSchema,
  parseDefinitionDraft,
} from '@saylau/protocol';
import { z } from 'zod';
import { finishCeremony, startCeremony } from '../ceremony/ceremony.ts';
import { proposeEarlyClose } from '../commission/early-close.ts';
import type { Api } from '../http/api.ts';
import { ApiError } from '../http/errors.ts';
import { cancelPaperVoters, closeVoting, openVoting, publish, turnout } from '../lifecycle/lifecycle.ts';
import { newPeriodWarnings } from '../lifecycle/period.ts';
import { importRegister, issueCredentials, VoterIdSchema } from '../register/register.ts';
import type { Services } from '../services.ts';
import { decrypt, processBallots } from '../tally/tally.ts';
import { cache, EmptyBody, electionOf, StateAnswer } from './common.ts';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'BAD_ENCODING');

export const RegisterRequest = z
  .object({
    voters: z
      .array(z.object({ voterId: VoterIdSchema, district: IdSchema }).strict())
      .min(1)
      .max(2_000_000),
    /** The file replaces the register imported before (only before it is frozen). */
    replace: z.boolean().default(false),
  })
  .strict();

export const CredentialsRequest = z
  .object({
    entries: z
      .array(z.object({ voterId: VoterIdSchema, credential: Hex64, loginCodeHash: DigestHex }).strict())
      .min(1)
      .max(2_000_000),
  })
  .strict();

export const CeremonyRequest = z
  .object({
    trustees: z
      .array(z.object({ name: z.string().min(1).max(200) }).strict())
      .min(1)
      .max(255),
  })
  .strict();

/**
 * `{}` at or after the period's end; before it, `{ early: { reason, at, signatures } }` (spec §4.5), or
 * `{ early: "collected" }` for the statement the members signed through /commission/early-close.
 */
export const CloseRequest = z.object({ early: z.union([EarlyCloseWire, z.literal('collected')]).optional() }).strict();

export const EarlyCloseProposal = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();

export const PaperVotersRequest = z.object({ voterIds: z.array(VoterIdSchema).max(2_000_000) }).strict();

/** Validates drafts with the generator as a stand-in board key, so a bad draft costs no key generation. */
const PLACEHOLDER_BOARD_KEY = bytesToHex(encodePoint(G));

export function commissionRoutes(api: Api, services: Services): void {
  // authenticated (admin token or a member's session) and logged by the commission guard (members/commission-auth.ts)
  const admin = { role: 'commission' as const };

  api.post(
    '/api/elections',
    {
      ...admin,
      summary: 'Create an election from a definition draft (the server adds its board key); state draft',
      body: z.unknown(),
      documentedBody: DefinitionDraftSchema,
      response: z.object({
        id: IdSchema,
        fingerprint: DigestHex,
        definition: ElectionDefinitionSchema,
        /** What is allowed but unusual, e.g. a voting period longer than 31 days (spec §4.5). */
        warnings: z.array(z.string()),
      }),
      status: 201,
      limit: 'commission',
    },
    async (_c, { json }) => {
      const checked = parseDefinitionDraft(json, PLACEHOLDER_BOARD_KEY);
      if (!checked.ok) throw ApiError.fromProblems(checked.problems);
      const draft = DefinitionDraftSchema.parse(json);
      const warnings = newPeriodWarnings(draft, services.config.now());
      const election = await services.elections.create(draft);
      return { id: election.id, fingerprint: election.fingerprintHex, definition: election.definition, warnings };
    },
  );

  api.post(
    '/api/elections/:eid/register',
    {
      ...admin,
      summary:
        'Import the voter register (all or nothing; duplicates and unknown districts are listed); with replace, the fixed file replaces an unfrozen register',
      body: RegisterRequest,
      response: z.object({ accepted: z.number(), replaced: z.number(), sizes: z.record(z.string(), z.number()) }),
      limit: 'commission',
    },
    async (c, { body }) => {
      return importRegister(services, await electionOf(c, services), body.voters, body.replace);
    },
  );

  api.post(
    '/api/elections/:eid/credentials',
    {
      ...admin,
      summary: 'Issue every registered voter a credential public key and login-code hash; freezes the register',
      body: CredentialsRequest,
      response: z.object({ issued: z.number() }),
      limit: 'commission',
    },
    async (c, { body }) => {
      return issueCredentials(services, await electionOf(c, services), body.entries);
    },
  );

  api.post(
    '/api/elections/:eid/ceremony',
    {
      ...admin,
      summary: 'Enroll the trustees by name; answers one enrollment token each; state key-ceremony',
      body: CeremonyRequest,
      response: z.object({ enrollment: z.array(z.object({ trustee: z.number(), token: z.string() })) }),
    },
    async (c, { body }) => {
      return startCeremony(
        services,
        await electionOf(c, services),
        body.trustees.map((t) => t.name),
      );
    },
  );

  api.post(
    '/api/elections/:eid/ceremony/finish',
    {
      ...admin,
      summary: 'Compute the joint key from the qualified dealers; state ready',
      body: EmptyBody,
      response: z.object({ publicKey: Hex64, qualified: z.array(z.number()), disqualified: z.record(z.string(), z.string()) }),
    },
    async (c) => {
      return finishCeremony(services, await electionOf(c, services));
    },
  );

  api.post(
    '/api/elections/:eid/close',
    {
      ...admin,
      summary: 'Close voting; before the period ends, with the commission’s early close signed by its threshold (spec §4.5)',
      body: CloseRequest,
      response: StateAnswer.extend({ early: z.boolean() }),
    },
    async (c, { json }) =>
      closeVoting(services, await electionOf(c, services), (json as { early?: EarlyCloseJson | 'collected' }).early),
  );

  api.post(
    '/api/elections/:eid/early-close',
    {
      ...admin,
      summary:
        'Propose an early close: stages { fingerprint, reason, at: now } for the members to sign via /commission/early-close (while voting is open, before the period’s end)',
      body: EarlyCloseProposal,
      response: z.object({
        statement: z.object({ fingerprint: DigestHex, reason: z.string(), at: z.string() }),
        threshold: z.number(),
      }),
    },
    async (c, { body }) => proposeEarlyClose(services, await electionOf(c, services), body.reason),
  );

  for (const [path, action, summary] of [
    [
      'open',
      openVoting,
      'Open voting, from 15 minutes before the period until its end (needs the joint key and the credentials)',
    ],
    ['publish', publish, 'Publish the election record (after decryption)'],
  ] as const) {
    api.post(`/api/elections/:eid/${path}`, { ...admin, summary, body: EmptyBody, response: StateAnswer }, async (c) => {
      return action(services, await electionOf(c, services));
    });
  }

  api.post(
    '/api/elections/:eid/paper-voters',
    {
      ...admin,
      summary: 'Cancel the e-votes of voters who voted on paper (after close)',
      body: PaperVotersRequest,
      response: z.object({ cancelled: z.number(), staged: z.number().optional() }),
      limit: 'commission',
    },
    async (c, { body }) => {
      return cancelPaperVoters(services, await electionOf(c, services), body.voterIds);
    },
  );

  api.post(
    '/api/elections/:eid/process',
    { ...admin, summary: 'Counted set and homomorphic aggregates; state processed', body: EmptyBody },
    async (c) => {
      return processBallots(services, await electionOf(c, services));
    },
  );

  api.post(
    '/api/elections/:eid/tally',
    { ...admin, summary: 'Combine the trustees’ decryption shares into the result; state decrypted', body: EmptyBody },
    async (c) => {
      return decrypt(services, await electionOf(c, services));
    },
  );

  api.get(
    '/api/elections/:eid/turnout',
    {
      role: 'public',
      summary: 'Registered voters and voters who cast an e-vote, per district (never results)',
      response: z.object({ districts: z.array(z.object({ district: z.string(), registered: z.number(), voted: z.number() })) }),
    },
    async (c) => {
      cache(c, 'live');
      return turnout(services, await electionOf(c, services));
    },
  );
}
