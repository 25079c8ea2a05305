// Public reads (docs/api.md): the election, the board in pages, signed heads with their witnesses' co-signatures,
// inclusion and consistency proofs, results once decrypted, the record once published. Anyone may read; nothing
// here changes anything.
import {
  type BoardEventJson,
  buildRecordDocument,
  ConsistencyProofWire,
  DigestHex,
  ElectionDefinitionSchema,
  type EventJsonOf,
  FateAnswerWire,
  InclusionProofWire,
  makeConsistencyProof,
  makeInclusionProof,
  type SignedTreeHeadJson,
  SignedTreeHeadWire,
  withoutCosignatures,
} from '@saylau/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { committedSize, type Election } from '../election/election.ts';
import { requireState } from '../election/state-machine.ts';
import { type Api, QueryInt } from '../http/api.ts';
import { ApiError } from '../http/errors.ts';
import { fateOfBallot } from '../lifecycle/fate.ts';
import { registerSizes } from '../register/register.ts';
import type { Services } from '../services.ts';
import { cosignaturesOfHead, headsWithCosignatures } from '../witnesses/cosignatures.ts';
import { cache, electionOf } from './common.ts';

const MAX_PAGE = 1000;

export const ElectionAnswer = z.object({
  definition: ElectionDefinitionSchema,
  fingerprint: DigestHex,
  state: z.string(),
  electionKey: DigestHex.nullable(),
  registerSizes: z.record(z.string(), z.number()),
  treeSize: z.number(),
});

async function summary(services: Services, election: Election) {
  return {
    definition: election.definition,
    fingerprint: election.fingerprintHex,
    state: election.state,
    electionKey: election.electionKeyHex,
    registerSizes: await registerSizes(services, election),
    treeSize: committedSize(election),
  };
}

/** Parsed back from the board: what the server stored after checking it. */
async function eventsOf<T extends BoardEventJson['type']>(
  services: Services,
  election: Election,
  type: T,
): Promise<EventJsonOf<T>[]> {
  return (await services.storage.board.eventsOfType(election.id, type)).map((body) => JSON.parse(body) as EventJsonOf<T>);
}

/** A size in the board, defaulting to the current one. */
function sizeParam(election: Election, size: number | undefined): number {
  const n = size ?? committedSize(election);
  const committed = committedSize(election);
  if (n > committed) throw new ApiError('NOT_FOUND', `the board has only ${committed} events`);
  return n;
}

function jsonText(c: Context, text: string): Response {
  return c.body(text, 200, { 'content-type': 'application/json; charset=UTF-8' });
}

export function publicRoutes(api: Api, services: Services): void {
  api.get(
    '/api/elections',
    {
      role: 'public',
      summary: 'Every election on this server with its state',
      response: z.object({ elections: z.array(z.object({ id: z.string(), fingerprint: DigestHex, state: z.string() })) }),
    },
    async (c) => {
      cache(c, 'live');
      return {
        elections: (await services.elections.list()).map((e) => ({ id: e.id, fingerprint: e.fingerprintHex, state: e.state })),
      };
    },
  );

  api.get(
    '/api/elections/:eid',
    { role: 'public', summary: 'The definition, fingerprint, state, joint key and register sizes', response: ElectionAnswer },
    async (c) => {
      cache(c, 'live');
      return summary(services, await electionOf(c, services));
    },
  );

  api.get(
    '/api/elections/:eid/board',
    {
      role: 'public',
      summary: `The board's events from \`from\`, at most \`limit\` (≤ ${MAX_PAGE}), with the current tree size`,
      query: z.object({ from: QueryInt.optional(), limit: QueryInt.optional() }).strict(),
      response: z.object({ events: z.array(z.unknown()), treeSize: z.number() }),
    },
    async (c, { query }) => {
      const election = await electionOf(c, services);
      const from = query.from ?? 0;
      const limit = Math.min(query.limit ?? 500, MAX_PAGE);
      const events = await services.storage.board.page(election.id, from, limit);
      // A full page lies wholly in the append-only past and never changes.
      cache(c, events.length === limit ? 'immutable' : 'live');
      // The stored canonical JSON goes out as it is, without parsing and serialising it again.
      return jsonText(c, `{"events":[${events.join(',')}],"treeSize":${committedSize(election)}}`);
    },
  );

  api.get(
    '/api/elections/:eid/tree-head',
    {
      role: 'public',
      summary: 'The latest signed tree head (or the one over `size` events), with the witnesses’ co-signatures of it',
      query: z.object({ size: QueryInt.optional() }).strict(),
      response: SignedTreeHeadWire,
    },
    async (c, { query }) => {
      const election = await electionOf(c, services);
      // co-signatures keep arriving for any head, so no head's answer is immutable
      cache(c, 'live');
      const stored = query.size === undefined ? election.head : await services.storage.board.head(election.id, query.size);
      const head = typeof stored === 'string' ? (JSON.parse(stored) as SignedTreeHeadJson) : stored;
      if (!head) throw new ApiError('NOT_FOUND', `no head was signed over ${query.size} events`);
      return { ...head, cosignatures: await cosignaturesOfHead(services, election, head.treeSize) };
    },
  );

  api.get(
    '/api/elections/:eid/tree-heads',
    {
      role: 'public',
      summary: 'Every signed tree head issued, by size, each with the witnesses’ co-signatures of it',
      response: z.object({ treeHeads: z.array(SignedTreeHeadWire) }),
    },
    async (c) => {
      const election = await electionOf(c, services);
      cache(c, 'live');
      return { treeHeads: await headsWithCosignatures(services, election) };
    },
  );

  api.get(
    '/api/elections/:eid/proofs/inclusion',
    {
      role: 'public',
      summary: 'Inclusion proof of event `index` in the board of `size` events (default: now)',
      query: z.object({ index: QueryInt, size: QueryInt.optional() }).strict(),
      response: InclusionProofWire,
    },
    async (c, { query }) => {
      const election = await electionOf(c, services);
      const size = sizeParam(election, query.size);
      if (query.index >= size) throw new ApiError('NOT_FOUND', `event ${query.index} is not in a board of ${size} events`);
      cache(c, query.size === undefined ? 'live' : 'immutable');
      return makeInclusionProof(election.log, query.index, size);
    },
  );

  api.get(
    '/api/elections/:eid/proofs/consistency',
    {
      role: 'public',
      summary: 'Consistency proof that the board of `from` events is a prefix of the board of `to` (default: now)',
      query: z.object({ from: QueryInt, to: QueryInt.optional() }).strict(),
      response: ConsistencyProofWire,
    },
    async (c, { query }) => {
      const election = await electionOf(c, services);
      const to = sizeParam(election, query.to);
      if (query.from > to) throw new ApiError('NOT_FOUND', `from (${query.from}) is after to (${to})`);
      cache(c, query.to === undefined ? 'live' : 'immutable');
      return makeConsistencyProof(election.log, query.from, to);
    },
  );

  api.get(
    '/api/elections/:eid/ballots/:hash/fate',
    {
      role: 'public',
      summary:
        'After processing: whether the ballot was counted, superseded by a later e-vote, or cancelled by a paper vote, with the deciding event’s inclusion proof',
      response: FateAnswerWire,
    },
    async (c) => {
      const election = await electionOf(c, services);
      const hash = c.req.param('hash') ?? '';
      if (!DigestHex.safeParse(hash).success) throw new ApiError('BAD_ENCODING', 'a ballot hash is 64 lower-case hex characters');
      // Settled once processed: nothing appended later changes a ballot's fate (the head and proof do grow).
      cache(c, 'live');
      return fateOfBallot(services, election, hash);
    },
  );

  api.get('/api/elections/:eid/results', { role: 'public', summary: 'The result event, once decrypted' }, async (c) => {
    const election = await electionOf(c, services);
    requireState(election, 'decrypted', 'published');
    const results = await eventsOf(services, election, 'result');
    cache(c, 'live');
    return results[results.length - 1];
  });

  api.get(
    '/api/elections/:eid/record',
    { role: 'public', summary: 'The election record as one JSON document (spec §7), once published' },
    async (c) => {
      const election = await electionOf(c, services);
      requireState(election, 'published');
      const events = (await services.storage.board.page(election.id, 0, Number.MAX_SAFE_INTEGER)).map(
        (e) => JSON.parse(e) as BoardEventJson,
      );
      // A head without co-signatures has no such member in the record, as in records made before witnesses.
      const heads = (await headsWithCosignatures(services, election)).map((h) =>
        h.cosignatures?.length ? h : withoutCosignatures(h),
      );
      const finalHead = heads[heads.length - 1] as SignedTreeHeadJson;
      // Published means final: nothing is appended after the published state. Witnesses co-sign the final head
      // after it is signed, so with witnesses the document still gains co-signatures for a while.
      cache(c, election.definition.witnesses ? 'live' : 'immutable');
      return buildRecordDocument(events, heads, finalHead.timestamp);
    },
  );
}
