// The commission's paper results (spec §4.4.3, docs/api.md): the commission enters them (admin token), its members
// sign them through /commission/paper-results, and anyone reads them once on the board — attested, not verifiable.
import { PaperDistrictSchema } from '@saylau/protocol';
import { z } from 'zod';
import { publishedPaperResults, stagePaperResults } from '../commission/paper-results.ts';
import type { Api } from '../http/api.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { cache, electionOf } from './common.ts';

export const PaperResultsRequest = z.object({ districts: z.array(PaperDistrictSchema).min(1).max(1000) }).strict();

export function paperResultsRoutes(api: Api, services: Services): void {
  // authenticated (admin token or a member's session) by the commission guard, as every commission endpoint
  const admin = { role: 'commission' as const };

  api.post(
    '/api/elections/:eid/paper-results',
    {
      ...admin,
      summary: 'Stage the paper results per district for the commission members to sign (after close, before publication)',
      body: PaperResultsRequest,
      response: z.object({ districts: z.number(), ballotsCast: z.number(), threshold: z.number() }),
      limit: 'commission',
    },
    async (c, { body }) => stagePaperResults(services, await electionOf(c, services), body.districts),
  );

  api.get(
    '/api/elections/:eid/paper-results',
    { role: 'public', summary: 'The paper-results event: the commission’s signed paper counts (attested, not verifiable)' },
    async (c) => {
      const event = await publishedPaperResults(services, await electionOf(c, services));
      if (!event) throw new ApiError('NOT_FOUND', 'no paper results are on the board');
      cache(c, 'live');
      return event;
    },
  );
}
