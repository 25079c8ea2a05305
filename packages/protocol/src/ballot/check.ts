// Checking a ballot (spec §3.6.5): every failure is reported with its code, never a bare false. Proof checks
// come out as equations so a server or verifier can batch many ballots into one multi-scalar multiplication.
import {
  BatchVerifier,
  bytesEqual,
  bytesToHex,
  type Equation,
  encodePoint,
  hexToBytes,
  rangeEquations,
  signatureEquations,
  sumCiphertexts,
} from '@saylau/crypto';
import { questionsOfStyle, styleOfDistrict } from '../definition/fingerprint.ts';
import { problemsFromZod } from '../definition/validate.ts';
import { type Problem, problem } from '../errors.ts';
import type { ElectionContext } from './build.ts';
import { type Ballot, type BallotJson, BallotWire } from './schema.ts';
import { selectionContext, signatureContext, signedMessage, sumContext } from './statement.ts';
import { ballotHash } from './tracking.ts';

export interface BallotCheckContext extends ElectionContext {
  /** The district of a registered credential (public key hex), or undefined when it is not registered. */
  districtOf(credentialHex: string): string | undefined;
  /** Whether a ciphertext (its alpha, hex) was already seen in an earlier accepted ballot. */
  seenCiphertext?(alphaHex: string): boolean;
}

export type ProofCode = 'BAD_SELECTION_PROOF' | 'BAD_SUM_PROOF' | 'BAD_SIGNATURE';

/** One proof to verify: where it is in the ballot, the code it fails with, and its equations (null: failed already). */
export interface ProofCheck {
  readonly path: readonly (string | number)[];
  readonly code: ProofCode;
  readonly equations: readonly Equation[] | null;
}

export interface BallotChecks {
  readonly ballot?: Ballot;
  readonly json?: BallotJson;
  readonly hash?: string;
  /** Failures found without any multiplication: shape, election, credential, style, duplicates. */
  readonly problems: Problem[];
  /** Proofs still to verify, alone (`verifyProofChecks`) or batched with other ballots. */
  readonly proofs: ProofCheck[];
}

/** Parses untrusted JSON and prepares every check of the ballot (spec §3.6.5 steps 1–7). */
export function prepareBallotChecks(input: unknown, ctx: BallotCheckContext): BallotChecks {
  const parsed = BallotWire.safeParse(input);
  if (!parsed.success) return { problems: problemsFromZod(parsed.error), proofs: [] };
  const ballot = parsed.data;
  const json = input as BallotJson;
  const hash = ballotHash(json);
  const problems: Problem[] = [];
  const proofs: ProofCheck[] = [];
  const { fingerprint, electionKey, definition } = ctx;

  // 1. the election
  if (!bytesEqual(hexToBytes(ballot.election), fingerprint)) problems.push(problem('WRONG_ELECTION', ['election']));
  // 2. the credential is registered, and 3. the style is its district's
  const district = ctx.districtOf(json.credential);
  if (district === undefined) problems.push(problem('UNKNOWN_CREDENTIAL', ['credential']));
  const style = district === undefined ? undefined : styleOfDistrict(definition, district);
  if (district !== undefined && style?.id !== ballot.style) {
    problems.push(problem('WRONG_STYLE', ['style'], `district "${district}" votes on ballot style "${style?.id}"`));
  }
  // 4. the answers follow the style the ballot claims (so the proofs below are against the definition's limits)
  const claimedStyle = definition.ballotStyles.find((s) => s.id === ballot.style);
  const questions = claimedStyle ? questionsOfStyle(definition, claimedStyle) : [];
  if (!claimedStyle) problems.push(problem('WRONG_STYLE', ['style'], `unknown ballot style "${ballot.style}"`));
  else if (
    ballot.answers.length !== questions.length ||
    ballot.answers.some((a, i) => a.question !== questions[i]?.id || a.selections.length !== questions[i]?.options.length)
  ) {
    problems.push(problem('WRONG_STYLE', ['answers'], 'the answers do not match the questions and options of the ballot style'));
  }
  // 5. the signature over everything but itself
  const { signature: _signature, ...unsigned } = json;
  proofs.push({
    path: ['signature'],
    code: 'BAD_SIGNATURE',
    equations: signatureEquations(
      ballot.credential,
      signedMessage(fingerprint, unsigned),
      ballot.signature,
      signatureContext(fingerprint),
    ),
  });
  // 6. every selection proof and sum proof, with limits from the definition (never from the ballot)
  ballot.answers.forEach((answer, i) => {
    const question = questions[i];
    if (!question || question.id !== answer.question) return;
    answer.selections.forEach((sel, j) => {
      proofs.push({
        path: ['answers', i, 'selections', j],
        code: 'BAD_SELECTION_PROOF',
        equations: rangeEquations(
          { publicKey: electionKey, ciphertext: sel.ciphertext, min: 0, max: 1 },
          sel.proof,
          selectionContext(fingerprint, ballot.credential, answer.question, j),
        ),
      });
    });
    const sum = sumCiphertexts(answer.selections.map((s) => s.ciphertext));
    const statement = { publicKey: electionKey, ciphertext: sum, min: question.minSelections, max: question.maxSelections };
    proofs.push({
      path: ['answers', i, 'sumProof'],
      code: 'BAD_SUM_PROOF',
      equations:
        answer.sumProof.branches.length === question.maxSelections - question.minSelections + 1
          ? rangeEquations(statement, answer.sumProof, sumContext(fingerprint, ballot.credential, answer.question))
          : null,
    });
  });
  // 7. no ciphertext seen before, in this ballot or an earlier one (stops copied and replayed ballots)
  // (the hex as sent: it decoded, so it is the element's one canonical encoding, in lower case)
  const alphas = new Set<string>();
  json.answers.forEach((answer, i) => {
    answer.selections.forEach((sel, j) => {
      const alpha = sel.ciphertext.alpha;
      if (alphas.has(alpha) || ctx.seenCiphertext?.(alpha)) {
        problems.push(problem('DUPLICATE_CIPHERTEXT', ['answers', i, 'selections', j]));
      }
      alphas.add(alpha);
    });
  });
  return { ballot, json, hash, problems, proofs };
}

/** Verifies proof checks in one batch; on failure names each failed proof. */
export function verifyProofChecks(proofs: readonly ProofCheck[]): Problem[] {
  const batch = new BatchVerifier<number>();
  proofs.forEach((p, i) => {
    batch.add(i, p.equations);
  });
  return batch.verify().failed.map((i) => {
    const p = proofs[i] as ProofCheck;
    return problem(p.code, p.path);
  });
}

/** Every check of one ballot; an empty problem list means the ballot is valid. */
export function checkBallot(input: unknown, ctx: BallotCheckContext): { ballot?: Ballot; hash?: string; problems: Problem[] } {
  const checks = prepareBallotChecks(input, ctx);
  const problems = [...checks.problems, ...verifyProofChecks(checks.proofs)];
  return { ...(checks.ballot ? { ballot: checks.ballot } : {}), ...(checks.hash ? { hash: checks.hash } : {}), problems };
}
