// Opening a ballot with its seed (spec §3.6.6): the second-device check and the Benaloh audit both recompute
// every ciphertext from the revealed seed and read the choices off it, without any decryption key.
import { type Ciphertext, ciphertextEquals, encrypt } from '@saylau/crypto';
import { questionById } from '../definition/fingerprint.ts';
import { fail, ok, problem, type Result } from '../errors.ts';
import type { ElectionContext } from './build.ts';
import { selectionRandomness } from './build.ts';
import type { Choices } from './choices.ts';
import type { Ballot } from './schema.ts';

/**
 * Returns the choices a ballot holds, given the 32-byte seed it was built with. Fails with RECOVERY_FAILED
 * unless every ciphertext is exactly Enc(0) or Enc(1) under the derived randomness.
 */
export function openBallot(election: ElectionContext, ballot: Ballot, seed: Uint8Array): Result<Choices> {
  if (seed.length !== 32) return fail([problem('RECOVERY_FAILED', ['seed'], 'the seed is 32 bytes')]);
  const choices: Record<string, string[]> = {};
  for (const [i, answer] of ballot.answers.entries()) {
    const question = questionById(election.definition, answer.question);
    if (!question || question.options.length !== answer.selections.length) {
      return fail([problem('WRONG_STYLE', ['answers', i])]);
    }
    const selected: string[] = [];
    for (const [j, selection] of answer.selections.entries()) {
      const r = selectionRandomness(seed, answer.question, j);
      const value = [0, 1].find((v) => ciphertextEquals(encrypt(election.electionKey, v, r), selection.ciphertext as Ciphertext));
      if (value === undefined) return fail([problem('RECOVERY_FAILED', ['answers', i, 'selections', j])]);
      if (value === 1) selected.push(question.options[j]?.id as string);
    }
    choices[answer.question] = selected;
  }
  return ok(choices);
}

/** Benaloh audit: the opened ballot must hold exactly the choices the device claimed to encrypt. */
export function auditBallot(election: ElectionContext, ballot: Ballot, seed: Uint8Array, claimed: Choices): Result<Choices> {
  const opened = openBallot(election, ballot, seed);
  if (!opened.ok) return opened;
  for (const answer of ballot.answers) {
    const got = [...(opened.value[answer.question] ?? [])].sort();
    const want = [...(claimed[answer.question] ?? [])].sort();
    if (got.join() !== want.join()) {
      return fail([problem('RECOVERY_FAILED', [answer.question], 'the ballot does not hold the choices the device showed')]);
    }
  }
  return opened;
}
