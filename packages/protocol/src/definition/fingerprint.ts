// The election fingerprint (spec §3.4): SHA-256 under the fingerprint tag of the definition's canonical JSON.
// Every proof, ballot, event and tree head binds to it, so nothing made for one election counts in another.
import { bytesToHex, TAGS, taggedHash } from '@saylau/crypto';
import { canonicalBytes } from '../canonical-json.ts';
import type { BallotStyle, ElectionDefinition, Question, ValidityBasis } from './schema.ts';

export function fingerprintBytes(definition: ElectionDefinition): Uint8Array {
  return taggedHash(TAGS.fingerprint, [canonicalBytes(definition)]);
}

export function fingerprint(definition: ElectionDefinition): string {
  return bytesToHex(fingerprintBytes(definition));
}

export function styleOfDistrict(definition: ElectionDefinition, districtId: string): BallotStyle | undefined {
  return definition.ballotStyles.find((s) => s.districts.includes(districtId));
}

export function questionById(definition: ElectionDefinition, questionId: string): Question | undefined {
  return definition.questions.find((q) => q.id === questionId);
}

/** The questions of a style, in the style's order (the order of a ballot's answers). */
export function questionsOfStyle(definition: ElectionDefinition, style: BallotStyle): Question[] {
  return style.questions.map((id) => {
    const q = questionById(definition, id);
    if (!q) throw new RangeError(`style ${style.id} names unknown question ${id}`);
    return q;
  });
}

/** On which votes the validity rules are judged: the definition's `validityBasis`, `e-votes` when absent (spec §6.6). */
export function validityBasis(definition: ElectionDefinition): ValidityBasis {
  return definition.validityBasis ?? 'e-votes';
}

/** Whether the definition marks a practice election (spec §3.3): nothing it produces counts. */
export function isPractice(definition: ElectionDefinition): boolean {
  return definition.practice === true;
}
