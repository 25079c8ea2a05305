// The second device's checks (spec §3.6.6, §5.6): fetch the ballot the link names with the sealed seed (showing the
// access token derived from the link's key k), confirm it is that ballot and a valid one, open the seal with k and
// the ballot with the seed, and check it is on the board under a head signed with the election's board key.
import {
  type BallotJson,
  ballotHash,
  type Choices,
  checkBallot,
  openBallot,
  openSeal,
  type Question,
  questionsOfStyle,
  type VerificationLink,
  verificationAccess,
} from '@saylau/protocol';
import { api } from '../api.ts';
import { checkBallotOnBoard } from '../board-check.ts';
import { electionContext, type LoadedElection, loadElection } from '../election.ts';

export interface VerifyOutcome {
  readonly election: LoadedElection;
  readonly ballotHash: string;
  readonly questions: readonly Question[];
  /** The choices inside the ballot, or null when the link's key and the sealed seed do not open it. */
  readonly choices: Choices | null;
  readonly credential: string;
  readonly district: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly superseded: boolean;
  readonly checksLeft: number;
  readonly windowEndsAt: string | number;
  readonly checks: {
    readonly hash: boolean;
    readonly proofs: boolean;
    readonly opened: boolean;
    readonly headSigned: boolean;
    readonly included: boolean;
  };
}

export function allPassed(outcome: VerifyOutcome): boolean {
  return Object.values(outcome.checks).every(Boolean);
}

/** Runs every check and reports each; throws ApiError only when the server could not give the ballot at all. */
export async function verifyBallot(code: VerificationLink): Promise<VerifyOutcome> {
  const election = await loadElection(code.election);
  const context = electionContext(election);
  const subject = { fingerprint: election.fingerprint, ballotHash: code.ballotHash };
  const { value: answer, raw } = await api.verify(code.election, code.ballotHash, verificationAccess(code.key, subject));
  const ballotJson = (raw as { ballot: BallotJson }).ballot;
  const style = election.definition.ballotStyles.find((s) => s.id === answer.ballot.style);
  const questions = style ? questionsOfStyle(election.definition, style) : [];

  const hash = ballotHash(ballotJson) === code.ballotHash;
  const proofs =
    context !== null &&
    checkBallot(ballotJson, {
      ...context,
      districtOf: (credential) => (credential === answer.credential ? answer.district : undefined),
    }).problems.length === 0;
  const seed = openSeal(code.key, answer.seal, subject);
  const opened = context === null || seed === null ? null : openBallot(context, answer.ballot, seed);
  const board = await checkBallotOnBoard(
    election,
    code.ballotHash,
    answer.leafIndex,
    answer.inclusionProof,
    answer.treeHead,
  ).catch(() => ({ headSigned: false, included: false }));
  return {
    election,
    ballotHash: code.ballotHash,
    questions,
    choices: opened?.ok ? opened.value : null,
    credential: answer.credential,
    district: answer.district,
    leafIndex: answer.leafIndex,
    treeSize: answer.treeHead.treeSize,
    superseded: answer.superseded !== false && answer.superseded !== null,
    checksLeft: answer.checksLeft,
    windowEndsAt: answer.windowEndsAt,
    checks: { hash, proofs, opened: opened?.ok ?? false, headSigned: board.headSigned, included: board.included },
  };
}
