// The verifier's own failure codes, for findings the protocol's registry (packages/protocol/src/errors.ts) has no
// code for. A failure carries a protocol code where one fits, otherwise one of these.
import type { ErrorCode } from '@saylau/protocol';

export const VERIFIER_CODES = {
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

export type VerifierCode = keyof typeof VERIFIER_CODES;
export type FailureCode = ErrorCode | VerifierCode;
