// The booth's state: where the voter is, what they typed and chose, and the secrets held only in this tab's memory
// (the credential key, the ballot seed until cast, the verification key after), which logging out drops.
import type { Scalar } from '@saylau/crypto';
import type { BuiltBallot, Choices, ElectionContext, ReceiptJson, SealUpload, VerificationLink } from '@saylau/protocol';
import type { Receipt, Session } from '../api.ts';
import type { LoadedElection } from '../election.ts';
import type { Layout } from '../layout.ts';

export type ScreenName =
  | 'choose-election'
  | 'loading'
  | 'unavailable'
  | 'login'
  | 'credential'
  | 'ballot'
  | 'review'
  | 'sealed'
  | 'audit'
  | 'receipt'
  | 'logged-out';

/** A text computed when rendered, so a message shown stays in the language chosen afterwards. */
export type Text = () => string;

export interface AuditOutcome {
  readonly passed: boolean;
  readonly opened: Choices | null;
  readonly seed: Uint8Array;
  readonly trackingCode: string;
  readonly ballot: BuiltBallot['json'];
}

/**
 * The second-device check of a cast ballot (spec §3.6.6): the link carries the verification key k; the upload
 * carries only the seed sealed under k, and is sent again as it is if the first try fails. The seed itself is not kept.
 */
export interface VerificationSetup {
  readonly link: VerificationLink;
  readonly upload: SealUpload;
  state: 'pending' | 'ok' | 'failed';
  error?: Text;
  /** When the check window ends, as the server said. */
  windowEndsAt?: string;
  maxFetches?: number;
}

export interface CastOutcome {
  readonly receipt: Receipt;
  /** The receipt as the server sent it: the receipt file copies its fields (spec §3.6.7). */
  readonly receiptJson: ReceiptJson;
  boardCheck: 'pending' | 'ok' | 'failed';
  readonly verification: VerificationSetup;
}

export interface BoothState {
  screen: ScreenName;
  electionId: string | null;
  election?: LoadedElection;
  context?: ElectionContext;
  /** An operation in progress (logging in, deriving the key, sealing, casting): its message. */
  busy?: Text;
  error?: Text;
  voterId: string;
  loginCode: string;
  session?: Session;
  credentialCode: string;
  credentialSecret?: Scalar;
  choices: Record<string, string[]>;
  /** The voter tried to continue with unanswered questions: show each question's problem. */
  showProblems: boolean;
  /** Built and not yet cast or audited; holds the seed. */
  sealed?: { built: BuiltBallot; claimed: Choices };
  audit?: AuditOutcome;
  cast?: CastOutcome;
  /** The voter's place was restored after a reload (they are told why the signing code is asked again). */
  resumed?: boolean;
}

export interface Booth {
  readonly state: BoothState;
  readonly layout: Layout;
  /** Shows a screen and moves focus to its heading. */
  go(screen: ScreenName): void;
  /** Renders the current screen again (language switch, busy state, an error). */
  render(): void;
}

export function initialState(electionId: string | null): BoothState {
  return {
    screen: electionId ? 'loading' : 'choose-election',
    electionId,
    voterId: '',
    loginCode: '',
    credentialCode: '',
    choices: {},
    showProblems: false,
  };
}

/** Forgets the voter: session, credential key, choices and any ballot or seed. */
export function forgetVoter(state: BoothState): void {
  delete state.session;
  delete state.credentialSecret;
  delete state.sealed;
  delete state.audit;
  delete state.cast;
  delete state.busy;
  delete state.error;
  delete state.resumed;
  state.voterId = '';
  state.loginCode = '';
  state.credentialCode = '';
  state.choices = {};
  state.showProblems = false;
}
