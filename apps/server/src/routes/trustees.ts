// Trustee endpoints (docs/api.md): the key ceremony's messages and the decryption shares. The key message carries
// the enrollment token; every later one is signed with the trustee's key (ceremony/trustee-auth.ts). Nobody
// unauthenticated makes the server decode a group element: state, trustee and size come before the body is read,
// the token or signature before the body schema decodes anything (trustee-bounds.ts sizes each request).
import {
  ChaumPedersenProofWire,
  DecryptionShareWire,
  DigestHex,
  type ElectionDefinition,
  type ElectionState,
  EncryptedShareWire,
  type EventJsonOf,
  PointHex,
  SchnorrProofWire,
  SignatureWire,
  type TrusteeStatementType,
} from '@saylau/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { enrollTrusteeKey, postAcknowledgement, postCommitment, postComplaint, postShares } from '../ceremony/ceremony.ts';
import { authenticateTrustee, checkEnrollmentToken, enrolledTrustee, trusteeRow } from '../ceremony/trustee-auth.ts';
import { ceremonyEvents } from '../ceremony/trustee-events.ts';
import { requireState } from '../election/state-machine.ts';
import type { Api } from '../http/api.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { postDecryptionShares } from '../tally/tally.ts';
import { cache, electionLoaded, electionOf } from './common.ts';
import {
  ACKNOWLEDGEMENT_BOUND,
  COMPLAINT_BOUND,
  checkLists,
  commitmentBound,
  decryptionBound,
  sharesBound,
  TRUSTEE_SHAPE,
  type TrusteeRequestBound,
} from './trustee-bounds.ts';

const TrusteeIndex = z.number().int().min(1).max(255);

export const KeyRequest = z
  .object({ token: z.string().min(1).max(200), name: z.string().min(1).max(200), publicKey: PointHex, proof: SchnorrProofWire })
  .strict();

export const CommitmentRequest = z
  .object({
    commitments: z.array(PointHex).min(1).max(255),
    proofs: z.array(SchnorrProofWire).min(1).max(255),
    signature: SignatureWire,
  })
  .strict();

export const SharesRequest = z.object({ shares: z.array(EncryptedShareWire).max(254), signature: SignatureWire }).strict();

export const ComplaintRequest = z
  .object({ dealer: TrusteeIndex, sharedPoint: PointHex, proof: ChaumPedersenProofWire, signature: SignatureWire })
  .strict();

export const AcknowledgementRequest = z
  .object({ treeSize: z.number().int().min(1), rootHash: DigestHex, signature: SignatureWire })
  .strict();

/** One share per aggregate entry, in entry order; null exactly where the entry's alpha is the identity. */
export const DecryptionRequest = z
  .object({ shares: z.array(DecryptionShareWire.nullable()).max(1_000_000), signature: SignatureWire })
  .strict();

/** `:n`, the trustee's index 1…255. */
function trusteeOf(c: Context): number {
  const n = c.req.param('n') ?? '';
  if (!/^[1-9][0-9]{0,2}$/.test(n) || Number(n) > 255) throw new ApiError('NOT_FOUND', 'trustees are numbered 1 to 255');
  return Number(n);
}

export function trusteeRoutes(api: Api, services: Services): void {
  const ok = z.object({ trustee: z.number() });
  /**
   * A signed trustee request: the state, the trustee's enrolled key and the body's size bound are checked before
   * the body is read; its list lengths and signature on the JSON as parsed; only then does the body schema decode
   * its group elements.
   */
  const signed = (
    state: ElectionState,
    type: TrusteeStatementType,
    bound: (definition: ElectionDefinition) => TrusteeRequestBound,
  ) => ({
    role: 'trustee' as const,
    shape: TRUSTEE_SHAPE,
    before: async (c: Context) => {
      const election = await electionOf(c, services);
      requireState(election, state);
      await enrolledTrustee(services.storage, election, trusteeOf(c));
    },
    limit: (c: Context) => Math.min(services.config.bodyLimits.trustee, bound(electionLoaded(c).definition).bytes),
    authenticate: async (c: Context, json: unknown) => {
      const election = await electionOf(c, services);
      checkLists(json, bound(election.definition));
      await authenticateTrustee(services.storage, election, trusteeOf(c), type, json);
    },
  });
  const signer = async (c: Context) => ({ election: await electionOf(c, services), n: trusteeOf(c) });

  api.post(
    '/api/elections/:eid/trustees/:n/key',
    {
      role: 'trustee',
      summary: 'A trustee’s own key with its proof, authenticated by the enrollment token',
      body: KeyRequest,
      response: ok,
      shape: TRUSTEE_SHAPE,
      before: async (c) => {
        const election = await electionOf(c, services);
        requireState(election, 'key-ceremony');
        await trusteeRow(services.storage, election, trusteeOf(c));
      },
      // the token before the key and its proof are decoded
      authenticate: async (c, json) => {
        const token = (json as { token?: unknown } | null)?.token;
        const row = await trusteeRow(services.storage, await electionOf(c, services), trusteeOf(c));
        checkEnrollmentToken(row, typeof token === 'string' ? token : '');
      },
    },
    async (c, { body, json }) => enrollTrusteeKey(services, await electionOf(c, services), trusteeOf(c), body, json),
  );

  api.post(
    '/api/elections/:eid/trustees/:n/commitment',
    {
      ...signed('key-ceremony', 'trustee-commitment', commitmentBound),
      summary: 'Feldman commitments with a proof per coefficient (signed)',
      body: CommitmentRequest,
      response: ok,
    },
    async (c, { body, json }) => {
      const { election, n } = await signer(c);
      return postCommitment(services, election, n, body, json);
    },
  );

  api.post(
    '/api/elections/:eid/trustees/:n/shares',
    {
      ...signed('key-ceremony', 'trustee-shares', sharesBound),
      summary: 'The dealt shares, one encrypted to each other trustee (signed)',
      body: SharesRequest,
      response: ok,
    },
    async (c, { json }) => {
      const { election, n } = await signer(c);
      return postShares(services, election, n, json);
    },
  );

  api.post(
    '/api/elections/:eid/trustees/:n/complaint',
    {
      ...signed('key-ceremony', 'trustee-complaint', () => COMPLAINT_BOUND),
      summary: 'A complaint against a dealer whose share is bad; answers the verdict (signed)',
      body: ComplaintRequest,
      response: z.object({ verdict: z.enum(['dealer-at-fault', 'complaint-unfounded']) }),
    },
    async (c, { body, json }) => {
      const { election, n } = await signer(c);
      return postComplaint(services, election, n, body, json);
    },
  );

  api.post(
    '/api/elections/:eid/trustees/:n/acknowledgement',
    {
      ...signed('key-ceremony', 'trustee-acknowledgement', () => ACKNOWLEDGEMENT_BOUND),
      summary: 'The trustee’s signed word that it checked the ceremony as the board stood at treeSize (signed)',
      body: AcknowledgementRequest,
      response: ok,
    },
    async (c, { json }) => {
      const { election, n } = await signer(c);
      return postAcknowledgement(services, election, n, json);
    },
  );

  api.post(
    '/api/elections/:eid/trustees/:n/decryption',
    {
      ...signed('processed', 'decryption-share', decryptionBound),
      summary: 'Decryption shares of every aggregate entry, in entry order, each with its proof (signed)',
      body: DecryptionRequest,
      response: ok,
    },
    async (c, { body, json }) => {
      const { election, n } = await signer(c);
      return postDecryptionShares(services, election, n, body.shares, (json as EventJsonOf<'decryption-share'>).signature);
    },
  );

  api.get(
    '/api/elections/:eid/ceremony',
    {
      role: 'public',
      summary: 'The key ceremony so far: trustee keys, commitments, encrypted shares, complaints, acknowledgements',
    },
    async (c) => {
      const election = await electionOf(c, services);
      const events = await ceremonyEvents(services.storage, election);
      const trustees = (await services.storage.trustees.all(election.id)).map((t) => ({
        trustee: t.trustee,
        name: t.name,
        enrolled: t.public_key !== null,
      }));
      cache(c, 'live');
      return {
        state: election.state,
        trustees,
        keys: [...events.keys.values()],
        commitments: [...events.commitments.values()],
        shares: [...events.shares.values()],
        complaints: events.complaints as EventJsonOf<'trustee-complaint'>[],
        acknowledgements: events.acknowledgements,
        electionKey: election.electionKeyHex,
        qualified: election.qualified,
      };
    },
  );
}
