// Reading an election for the console: GET /api/elections/:eid (public), its definition parsed by the protocol and
// its fingerprint recomputed, so a step never works from a definition the server did not fingerprint.
import { ELECTION_STATES, fingerprint, parseDefinition } from '@saylau/protocol';
import { z } from 'zod';
import { ApiError, fetchJson } from '../../api.ts';
import type { ConsoleElection } from '../step.ts';

const ElectionAnswer = z.object({
  definition: z.unknown(),
  fingerprint: z.string(),
  state: z.enum(ELECTION_STATES),
  electionKey: z.string().nullable(),
  registerSizes: z.record(z.string(), z.number().int().min(0)).nullable().optional(),
});

const ElectionsAnswer = z.object({
  elections: z.array(z.object({ id: z.string(), fingerprint: z.string(), state: z.enum(ELECTION_STATES) })),
});
export type ElectionSummary = z.infer<typeof ElectionsAnswer>['elections'][number];

export async function loadConsoleElection(eid: string): Promise<ConsoleElection> {
  const { json } = await fetchJson(`/api/elections/${encodeURIComponent(eid)}`);
  const answer = ElectionAnswer.safeParse(json);
  if (!answer.success) throw new ApiError('BAD_ANSWER', 200, 'unexpected answer for the election');
  const parsed = parseDefinition(answer.data.definition);
  if (!parsed.ok) throw new ApiError('BAD_ANSWER', 200, 'the election definition is not valid');
  if (parsed.value.id !== eid || fingerprint(parsed.value) !== answer.data.fingerprint) {
    throw new ApiError('FINGERPRINT_MISMATCH', 200, 'the definition does not match the fingerprint');
  }
  return {
    id: eid,
    fingerprint: answer.data.fingerprint,
    state: answer.data.state,
    definition: parsed.value,
    electionKey: answer.data.electionKey,
    registerSizes: answer.data.registerSizes ?? null,
  };
}

export async function listElections(): Promise<ElectionSummary[]> {
  const { json } = await fetchJson('/api/elections');
  const answer = ElectionsAnswer.safeParse(json);
  if (!answer.success) throw new ApiError('BAD_ANSWER', 200, 'unexpected answer for the list of elections');
  return answer.data.elections;
}
