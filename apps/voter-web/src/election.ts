// Loading an election for the browser: the definition is validated and its fingerprint recomputed here (a server
// that serves a definition other than the one it fingerprinted is caught), and the election key gets its table.
import { decodePoint, hexToBytes, type Point, prepareElectionKey } from '@saylau/crypto';
import {
  type District,
  type ElectionContext,
  type ElectionDefinition,
  type ElectionState,
  fingerprint,
  fingerprintBytes,
  parseDefinition,
  type Question,
  questionsOfStyle,
  styleOfDistrict,
} from '@saylau/protocol';
import { ApiError, api } from './api.ts';
import { useElectionTimeZone } from './i18n/index.ts';

export interface LoadedElection {
  readonly id: string;
  readonly definition: ElectionDefinition;
  readonly fingerprint: Uint8Array;
  readonly fingerprintHex: string;
  readonly state: ElectionState;
  readonly boardKey: Point;
  /** The joint key with its precomputed table, once the key ceremony is done. */
  readonly electionKey: Point | null;
  readonly registerSizes: Readonly<Record<string, number>> | null;
}

export async function loadElection(eid: string): Promise<LoadedElection> {
  const answer = await api.election(eid);
  const parsed = parseDefinition(answer.definition);
  if (!parsed.ok) throw new ApiError('BAD_ANSWER', 200, 'the election definition is not valid');
  const definition = parsed.value;
  if (definition.id !== eid || fingerprint(definition) !== answer.fingerprint) {
    throw new ApiError('FINGERPRINT_MISMATCH', 200, 'the definition does not match the fingerprint');
  }
  // every time on the page is shown in the election's zone, not the device's
  useElectionTimeZone(definition);
  return {
    id: eid,
    definition,
    fingerprint: fingerprintBytes(definition),
    fingerprintHex: answer.fingerprint,
    state: answer.state,
    boardKey: decodePoint(hexToBytes(definition.boardKey)),
    electionKey: answer.electionKey === null ? null : prepareElectionKey(decodePoint(hexToBytes(answer.electionKey))),
    registerSizes: answer.registerSizes ?? null,
  };
}

/** What buildBallot, openBallot and auditBallot need; null before the election key exists. */
export function electionContext(election: LoadedElection): ElectionContext | null {
  if (election.electionKey === null) return null;
  return { definition: election.definition, fingerprint: election.fingerprint, electionKey: election.electionKey };
}

export function districtById(election: LoadedElection, id: string): District | undefined {
  return election.definition.districts.find((d) => d.id === id);
}

/** The questions a district's voters see, in ballot order. */
export function questionsOfDistrict(election: LoadedElection, districtId: string): Question[] {
  const style = styleOfDistrict(election.definition, districtId);
  return style ? questionsOfStyle(election.definition, style) : [];
}

/** The election id from `?election=…` in the page address. */
export function electionIdFromLocation(): string | null {
  const id = new URLSearchParams(location.search).get('election');
  return id && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(id) ? id : null;
}
