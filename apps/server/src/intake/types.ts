// What the ballot intake takes and gives: a submission from a voter session, a receipt once the ballot is committed.
import type { InclusionProof, SignedTreeHeadJson } from '@saylau/protocol';
import type { VoterSession } from '../voters/voter-session.ts';

export interface Submission {
  readonly electionId: string;
  readonly voter: VoterSession;
  /** The ballot JSON as received. */
  readonly ballot: unknown;
}

export interface Receipt {
  readonly ballotHash: string;
  readonly trackingCode: string;
  readonly leafIndex: number;
  readonly supersedes: string | null;
  readonly inclusionProof: InclusionProof;
  readonly treeHead: SignedTreeHeadJson;
}

export interface Intake {
  /** Settles once the ballot is committed (a receipt) or refused (an ApiError). */
  submit(submission: Submission): Promise<Receipt>;
  close(): Promise<void>;
  /** For /api/health: verifier threads alive (0 once closing) and submissions waiting for a batch. */
  status(): { readonly workersAlive: number; readonly queued: number };
}
