// Corrections of the register before it is frozen (spec §3.5): add voters, remove voters, move a voter to another
// district. One request is all or nothing, with every problem listed per item like an import.
import { IdSchema, type Problem, problem } from '@saylau/protocol';
import { z } from 'zod';
import type { Election } from '../election/election.ts';
import { ApiError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { checkNotFrozen, registerSizes, VoterIdSchema } from './register.ts';

const VoterInDistrict = z.object({ voterId: VoterIdSchema, district: IdSchema }).strict();

export const CorrectionsRequest = z
  .object({
    add: z.array(VoterInDistrict).max(100_000).default([]),
    remove: z.array(VoterIdSchema).max(100_000).default([]),
    move: z.array(VoterInDistrict).max(100_000).default([]),
  })
  .strict()
  .refine((r) => r.add.length + r.remove.length + r.move.length > 0, 'name at least one voter to add, remove or move');
export type Corrections = z.output<typeof CorrectionsRequest>;

export const CorrectionsAnswer = z.object({
  added: z.number(),
  removed: z.number(),
  moved: z.number(),
  sizes: z.record(z.string(), z.number()),
});

/**
 * Applies the corrections, or none of them: DUPLICATE_VOTER for a voter added who is registered already or a voter
 * named twice in the request, UNKNOWN_VOTER for one removed or moved who is not registered, UNKNOWN_DISTRICT.
 */
export async function correctRegister(services: Services, election: Election, corrections: Corrections) {
  checkNotFrozen(election);
  const { voters } = services.storage;
  const districts = new Set(election.definition.districts.map((d) => d.id));
  const named = new Set<string>();
  const problems: Problem[] = [];
  const once = (voterId: string, path: (string | number)[]) => {
    if (named.has(voterId))
      problems.push(problem('DUPLICATE_VOTER', path, `voter "${voterId}" is named twice in these corrections`));
    named.add(voterId);
  };
  const knownDistrict = (district: string, path: (string | number)[]) => {
    if (!districts.has(district))
      problems.push(problem('UNKNOWN_DISTRICT', path, `district "${district}" is not in the definition`));
  };
  // the rows of every voter named, read once
  const ids = [...corrections.add.map((v) => v.voterId), ...corrections.remove, ...corrections.move.map((v) => v.voterId)];
  const rows = new Map(await Promise.all(ids.map(async (id) => [id, await voters.get(election.id, id)] as const)));
  const registered = (voterId: string, path: (string | number)[]) => {
    const voter = rows.get(voterId);
    if (!voter) problems.push(problem('UNKNOWN_VOTER', path, `voter "${voterId}" is not in the register`));
    return voter;
  };
  corrections.add.forEach((v, i) => {
    once(v.voterId, ['add', i, 'voterId']);
    if (rows.get(v.voterId)) {
      problems.push(problem('DUPLICATE_VOTER', ['add', i, 'voterId'], `voter "${v.voterId}" is in the register already`));
    }
    knownDistrict(v.district, ['add', i, 'district']);
  });
  corrections.remove.forEach((voterId, i) => {
    once(voterId, ['remove', i]);
    registered(voterId, ['remove', i]);
  });
  corrections.move.forEach((v, i) => {
    once(v.voterId, ['move', i, 'voterId']);
    const voter = registered(v.voterId, ['move', i, 'voterId']);
    knownDistrict(v.district, ['move', i, 'district']);
    if (voter && voter.district === v.district) {
      problems.push(problem('ALREADY_EXISTS', ['move', i, 'district'], `voter "${v.voterId}" is in "${v.district}" already`));
    }
  });
  if (problems.length > 0) throw ApiError.fromProblems(problems);
  await services.storage.transaction(async () => {
    for (const v of corrections.add) await voters.insert(election.id, v.voterId, v.district);
    for (const voterId of corrections.remove) await voters.remove(election.id, voterId);
    for (const v of corrections.move) await voters.move(election.id, v.voterId, v.district);
  });
  return {
    added: corrections.add.length,
    removed: corrections.remove.length,
    moved: corrections.move.length,
    sizes: await registerSizes(services, election),
  };
}
