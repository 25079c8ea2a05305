// What goes wrong on a trustee's side, as a typed error the CLI and the trustee's page each turn into their own
// message: a code to branch on, a sentence for the trustee, and detail lines (a verifier's failures) when there are.

export type TrusteeErrorCode =
  /** Not a key file, or not readable as one. */
  | 'NOT_A_KEY_FILE'
  /** A wrong passphrase, or a file edited since it was written. */
  | 'WRONG_PASSPHRASE'
  /** The key file belongs to another trustee, election or key than the one on the board. */
  | 'WRONG_KEY_FILE'
  /** Something the step needs is not there yet (other trustees' keys, shares; processing). */
  | 'NOT_YET'
  /** The server or the board says something that does not check out: stop and tell the commission. */
  | 'BOARD_MISMATCH'
  /** The step cannot be done at all in this state (already decrypted, nothing to decrypt). */
  | 'NOT_POSSIBLE';

export class TrusteeError extends Error {
  constructor(
    readonly code: TrusteeErrorCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'TrusteeError';
  }
}
