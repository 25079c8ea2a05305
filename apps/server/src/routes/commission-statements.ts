// The commission members' signatures (spec §4.4, docs/api.md): the statement being signed is public; a member
// posts its own signature, which authenticates it (no admin token); at the threshold the statement goes on the board.
import { MemberSignatureWire } from '@saylau/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { addSignature, type CollectedKind, statementStatus } from '../commission/statements.ts';
import type { Api } from '../http/api.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { cache, electionOf } from './common.ts';

const KINDS: readonly CollectedKind[] = ['decision', 'paper-voters', 'credential-replacement', 'paper-results', 'early-close'];

function kindOf(c: Context): CollectedKind {
  const kind = c.req.param('kind') as CollectedKind;
  if (!KINDS.includes(kind)) throw new ApiError('NOT_FOUND', `the commission signs ${KINDS.join(', ')} here`);
  return kind;
}

const Status = z.object({
  kind: z.string(),
  statement: z.unknown(),
  signers: z.array(z.string()),
  threshold: z.number(),
  members: z.array(z.string()),
});

export function commissionStatementRoutes(api: Api, services: Services): void {
  api.get(
    '/api/elections/:eid/commission/:kind',
    { role: 'public', summary: 'The statement the commission’s members are asked to sign, and who has signed', response: Status },
    async (c) => {
      cache(c, 'live');
      return statementStatus(services, await electionOf(c, services), kindOf(c));
    },
  );

  api.post(
    '/api/elections/:eid/commission/:kind/signatures',
    {
      role: 'public',
      summary:
        'One member’s signature of the pending statement; at the threshold the statement is published (an early close waits for the close request)',
      body: MemberSignatureWire,
      response: Status.omit({ statement: true, members: true }).extend({ published: z.boolean() }),
    },
    async (c, { json }) =>
      addSignature(services, await electionOf(c, services), kindOf(c), json as z.input<typeof MemberSignatureWire>),
  );
}
