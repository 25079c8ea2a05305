// The one registry of error codes (style: errors are data). Expected failures come back as Problem values;
// the server maps each code to an HTTP status in one table; the verifier reports them by check.

export const ERROR_CODES = {
  // input shape
  MALFORMED: 'the input does not match the schema',
  BAD_ENCODING: 'a hex field is not a canonical encoding of the right length',
  POINT_NOT_CANONICAL: 'a group element is not a canonical ristretto255 encoding',
  POINT_IS_IDENTITY: 'a group element is the identity where that is not allowed',
  SCALAR_NOT_CANONICAL: 'a scalar is not reduced mod the group order',
  // definition
  DEFINITION_INVALID: 'the election definition breaks a rule',
  DUPLICATE_ID: 'an id is used twice',
  UNKNOWN_REFERENCE: 'a reference names something that does not exist',
  BAD_LIMITS: 'selection limits are impossible',
  BAD_PERIOD: 'the voting period ends before it starts',
  BAD_THRESHOLD: 'the trustee threshold is not between 1 and the number of trustees',
  MISSING_TRANSLATION: 'a text lacks one of kk, ru, en',
  STYLE_CONFLICT: 'a district is covered by no ballot style or by more than one',
  BAD_RULE: 'a validity rule does not fit its question',
  // register
  DUPLICATE_VOTER: 'a voter id appears twice',
  UNKNOWN_DISTRICT: 'a district is not in the definition',
  DUPLICATE_CREDENTIAL: 'a credential public key appears twice',
  CREDENTIAL_REVOKED: 'the credential was revoked: its voter’s letter was re-issued with a new credential',
  WRONG_DISTRICT: 'a replacement credential is not registered in the district of the credential it replaces',
  // ballots
  WRONG_ELECTION: 'the ballot is for another election',
  WRONG_STYLE: 'the ballot does not follow the ballot style of the voter’s district',
  UNKNOWN_CREDENTIAL: 'the credential is not in the credential list',
  BAD_SIGNATURE: 'the credential signature does not verify',
  BAD_SELECTION_PROOF: 'a selection’s range proof does not verify',
  BAD_SUM_PROOF: 'a question’s sum proof does not verify',
  DUPLICATE_CIPHERTEXT: 'a ciphertext was seen before (a copied or replayed ballot)',
  WRONG_ANSWERS: 'the choices break the question’s limits',
  RECOVERY_FAILED: 'the randomness does not open this ballot',
  // board
  BAD_INCLUSION_PROOF: 'the inclusion proof does not verify against the tree head',
  BAD_CONSISTENCY_PROOF: 'the consistency proof does not verify between the two tree heads',
  BAD_TREE_HEAD_SIGNATURE: 'the signed tree head does not verify under the board key',
  BAD_COSIGNATURE: 'a witness co-signature is malformed, by a witness the definition does not name, repeated, or does not verify',
  NOT_ENOUGH_WITNESSES: 'fewer distinct witnesses co-signed the head than the definition’s quorum',
  BOARD_FORK: 'the board is not an extension of the head the witness last co-signed (a rollback or a fork)',
  // time (spec §4.5): one format, events in order, the voting period kept
  BAD_TIME_FORMAT: 'a time on the board or in a head is not UTC in exactly the form YYYY-MM-DDTHH:MM:SS.sssZ',
  TIME_ORDER: 'times go backwards: an event earlier than the one before it, or a head earlier than the events it covers',
  OUTSIDE_PERIOD: 'outside the voting period: opened too early or after it ended, or a ballot outside it',
  EARLY_CLOSE_UNSIGNED: 'voting was closed before the period ended without an early close signed by the commission’s threshold',
  // server API (apps/server maps each to an HTTP status in one table)
  UNSUPPORTED_MEDIA_TYPE: 'the request body must be JSON (Content-Type: application/json)',
  PAYLOAD_TOO_LARGE: 'the request body is larger than this endpoint accepts',
  JSON_TOO_COMPLEX: 'the JSON body nests deeper or has longer lists than this endpoint accepts',
  BODY_INCOMPLETE: 'the request body ended before all of it arrived',
  UNVERIFIABLE_BALLOT: 'the ballot could not be checked: checking it made the verifier fail',
  NOT_FOUND: 'there is no such resource',
  UNKNOWN_ELECTION: 'there is no election with this id',
  UNAUTHENTICATED: 'the request lacks valid credentials for this endpoint',
  FORBIDDEN: 'the authenticated party may not do this',
  NOT_YOUR_CREDENTIAL: 'the ballot is signed with a credential other than the voter’s own',
  WRONG_STATE: 'the election is not in a state that allows this',
  VOTING_NOT_OPEN: 'voting is not open (not yet opened, closed, or outside the voting period)',
  ALREADY_EXISTS: 'this was already done or submitted and cannot be replaced',
  UNKNOWN_VOTER: 'a voter id is not in the register',
  MISSING_CREDENTIAL: 'a registered voter was given no credential',
  BAD_TRUSTEE_SIGNATURE: 'the trustee request is not signed by the trustee’s key',
  BAD_KEY_PROOF: 'the trustee key’s proof of knowledge does not verify',
  BAD_COMMITMENT: 'the dealer commitments or their proofs do not verify',
  BAD_SHARES: 'the encrypted shares are not one per other trustee',
  BAD_SHARE_PROOF: 'a box does not prove knowledge of its ephemeral key for this dealer, recipient and commitment',
  BAD_COMPLAINT: 'the complaint does not prove the revealed key (complaint-invalid)',
  DUPLICATE_COMPLAINT: 'the trustee already complained about this dealer',
  BAD_MEMBER_SIGNATURE: 'a commission member’s signature is unknown, repeated or does not verify for this statement',
  NOT_ENOUGH_MEMBERS: 'fewer commission members signed than the definition’s threshold',
  DECISION_MISMATCH: 'the commission’s signed decision differs from what the board says',
  PROTOCOL_MISMATCH: 'the results protocol differs from what the election record gives',
  PAPER_RESULTS_INCONSISTENT:
    'the paper results cannot be true: a district twice or missing, an option that does not exist, or counts above the ballots',
  PROTOCOL_UNSIGNED: 'fewer commission members signed the results protocol than the definition’s threshold',
  BAD_DECRYPTION_SHARE: 'a decryption share or its proof does not verify',
  CEREMONY_INCOMPLETE: 'a trustee has not yet sent its key, commitment or shares',
  NOT_ENOUGH_TRUSTEES: 'fewer than the threshold of trustees qualified or sent valid shares',
  // the commission's console (docs/api.md, members and sessions)
  CSRF_REJECTED: 'a request with the console session cookie lacks its X-Saylau-CSRF header, or the header is wrong',
  UNKNOWN_MEMBER_KEY: 'no commission member is enrolled with this key',
  CHALLENGE_INVALID: 'the sign-in challenge is unknown, already used or expired: ask for a new one',
  BAD_SIGN_IN_SIGNATURE: 'the sign-in signature does not verify for this challenge and key',
  BAD_ENROLLMENT_SIGNATURE: 'the enrollment proof does not verify for this invitation and key',
  INVITATION_INVALID: 'the invitation is unknown or has expired',
  INVITATION_SPENT: 'the invitation was already used to enroll a key',
  KEY_ALREADY_ENROLLED: 'this key is already enrolled for a commission member',
  MEMBER_DISABLED: 'this commission member was disabled by the server’s operator: it can no longer sign in',
  RATE_LIMITED: 'too many requests; slow down',
  VERIFICATION_LIMIT: 'this ballot was already fetched for verification as often as allowed',
  VERIFICATION_EXPIRED: 'the verification window of this ballot has ended',
  BAD_VERIFICATION_KEY: 'the verification link’s key is not the one registered for this ballot (or none was registered)',
  INTERNAL: 'an unexpected server error',
  STORAGE_UNAVAILABLE: 'the server cannot reach its database just now; retry shortly',
  // processing and the tally
  WRONG_SUPERSEDES: 'a ballot’s supersedes is not its credential’s previous ballot hash (null for its first ballot)',
  COUNTED_SET_MISMATCH: 'the published counted set differs from the one recomputed from the board',
  AGGREGATE_MISMATCH: 'a published aggregate entry differs from the one recomputed from the counted ballots',
  DECRYPTION_OUT_OF_RANGE: 'a decrypted aggregate is not a count between 0 and its number of ballots',
  RESULT_MISMATCH: 'the published result differs from the one recomputed from the decryption',
  // record
  RECORD_UNREADABLE: 'the election record cannot be read',
  RECORD_VERSION: 'the election record has an unsupported version',
  MANIFEST_MISMATCH: 'a record file does not match the manifest',
  RECORD_BAD_LINE: 'a line of a record file is not a JSON object of the right shape',
  RECORD_NOT_CANONICAL: 'a line of a record file is not in canonical JSON',
  RECORD_SEQ: 'the record’s events do not start with the definition or are not numbered 0, 1, … in order',
  RECORD_TREE_HEAD: 'the record’s tree heads shrink, overrun the board, or the final one does not cover every event',
  RECORD_COPY_MISMATCH: 'a convenience copy in the record differs from the board',
  // the auditor's verifier (apps/verifier) finds these in a record; no server request produces them
  VERIFIER_ERROR: 'the check could not be completed (the message says why)',
  NONSTANDARD_GENERATOR: 'G is not the RFC 9496 generator',
  GENERATOR_MISMATCH: 'a derived generator differs from the spec’s point for its label',
  FINGERPRINT_MISMATCH: 'the fingerprint differs from the one it must equal',
  UNTRUSTED_HEAD: 'the saved head is not signed by the board key, or the record does not extend it',
  ILLEGAL_ORDER: 'an event appears where the election’s life cycle does not allow it',
  ROOT_MISMATCH: 'the final head’s root is not the Merkle root of the events',
  DUPLICATE_TRUSTEE: 'a trustee published twice, or an index beyond the number of trustees',
  UNJUDGEABLE_COMPLAINT: 'a complaint names a box, key or commitment that is not on the board',
  WRONG_QUALIFIED_SET: 'the published qualified dealers differ from those the commitments and complaints allow',
  WRONG_ELECTION_KEY: 'the election key is not the sum of the qualified dealers’ constant commitments',
  WEAK_ELECTION_KEY: 'the election key is G or the identity',
  MISSING_DISTRICT: 'a district of the definition has no register size',
  REGISTER_TOO_SMALL: 'a register size is smaller than the district’s number of credentials',
  NO_REGISTER: 'ballots were cast but no register was frozen',
  NOT_DECRYPTED: 'a result is published but the aggregates could not be decrypted',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure: a code, where it happened, and a message without secrets. */
export interface Problem {
  readonly code: ErrorCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export function problem(code: ErrorCode, path: readonly (string | number)[] = [], message: string = ERROR_CODES[code]): Problem {
  return { code, path, message };
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(problems: readonly Problem[]): Result<T> {
  return { ok: false, problems };
}

/** Thrown by `parse`-style helpers when the caller wants an exception; carries the problems. */
export class ProtocolError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.code}${p.path.length ? ` at ${p.path.join('.')}` : ''}: ${p.message}`).join('; '));
    this.name = 'ProtocolError';
  }
}
