// The demo's voting day: every simulated voter logs in over HTTP with the code on their letter, builds and signs
// each ballot (in a worker thread, as a voter's own device would), submits it and keeps the receipt; many voters
// at once, re-voters sending their second ballot after their first.
import type { Scalar } from '@saylau/crypto';
import type { ApiClient } from '../cli/client.ts';
import type { ElectionInfo } from '../cli/options.ts';
import { progressBar } from '../cli/progress.ts';
import { BallotBuilderPool } from '../voting/ballot-pool.ts';
import { login, type ServerReceipt, submitBallot } from '../voting/vote.ts';
import type { VoterPlan } from './behaviour.ts';

export interface DemoVoter {
  readonly voterId: string;
  readonly loginCode: string;
  readonly secret: Scalar;
  readonly credentialHex: string;
}

export interface CastBallot {
  readonly voter: number;
  readonly receipt: ServerReceipt;
  readonly seed: string;
}

export interface VotingOutcome {
  readonly ballots: CastBallot[];
  readonly seconds: number;
}

export async function castVotes(
  client: ApiClient,
  election: ElectionInfo,
  voters: readonly DemoVoter[],
  plans: readonly VoterPlan[],
  options: { concurrency: number; builders: number },
): Promise<VotingOutcome> {
  const started = Date.now();
  const pool = new BallotBuilderPool(
    { definition: JSON.stringify(election.definition), electionKey: election.electionKey as string },
    options.builders,
  );
  const total = plans.reduce((n, p) => n + p.votes.length, 0);
  const bar = progressBar('ballots cast', total);
  const ballots: CastBallot[] = [];
  const queue = plans.filter((p) => p.votes.length > 0);
  let next = 0;
  const lane = async () => {
    while (next < queue.length) {
      const plan = queue[next++] as VoterPlan;
      const voter = voters[plan.index] as DemoVoter;
      const session = await login(client, election.id, voter.voterId, voter.loginCode);
      if (session.credential !== voter.credentialHex)
        throw new Error(`voter ${voter.voterId}: the server holds another credential`);
      for (const choices of plan.votes) {
        const built = await pool.build(session.district, choices, voter.secret);
        const receipt = await submitBallot(client, election.id, session.token, built);
        ballots.push({ voter: plan.index, receipt, seed: built.seed });
        bar.increment();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, lane));
  } finally {
    bar.stop();
    await pool.close();
  }
  return { ballots, seconds: (Date.now() - started) / 1000 };
}
