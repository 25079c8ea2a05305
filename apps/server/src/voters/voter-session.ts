// Who a voter session speaks for (the result of login; see session.ts).

export interface VoterSession {
  readonly voterId: string;
  readonly district: string;
  /** The voter's credential public key (hex): the only credential their ballots may carry. */
  readonly credential: string;
}
