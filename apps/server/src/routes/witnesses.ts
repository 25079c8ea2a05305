// Witness endpoints (docs/api.md): a witness hands in its co-signature of a signed tree head (spec §5.9). The
// co-signature itself authenticates the witness; the heads with their co-signatures are public reads (public.ts).
import { type CosignatureRequestJson, CosignatureRequestWire } from '@saylau/protocol';
import { z } from 'zod';
import type { Api } from '../http/api.ts';
import type { Services } from '../services.ts';
import { acceptCosignature } from '../witnesses/cosignatures.ts';
import { electionOf } from './common.ts';

export function witnessRoutes(api: Api, services: Services): void {
  api.post(
    '/api/elections/:eid/cosignatures',
    {
      role: 'witness',
      summary: "A witness's co-signature of a head this server signed, checked against the definition's witness key",
      body: CosignatureRequestWire,
      response: z.object({ treeSize: z.number(), witness: z.string(), cosignedBy: z.array(z.string()) }),
    },
    async (c, { json }) => acceptCosignature(services, await electionOf(c, services), json as CosignatureRequestJson),
  );
}
