// The published record as the after-close step reads it for the results protocol: GET …/record, read by the
// protocol's record reader and held to this election's definition. The download builds the protocol from it and the
// signing checks a protocol against it, so both rest on the one source the verifier uses (definition, events, final
// signed board state).
import { type RecordDocument, type ResultsProtocolSource, readRecordDocument } from '@saylau/protocol';
import type { ConsoleApi, ConsoleElection } from '../../step.ts';
import { AFTER_CLOSE_TEXTS } from '../../texts/after-close.ts';
import { StepRefusal } from '../kit/action.ts';
import { electionPath } from '../kit/election.ts';

/** The record document as the server publishes it. */
export const recordDocument = (api: ConsoleApi, election: ConsoleElection): Promise<RecordDocument> =>
  api.get<RecordDocument>(`${electionPath(election)}/record`);

/** Where the record is published, as the console's protocol names it (its QR code in the CLI's PDF). */
export const recordUrl = (election: ConsoleElection): string => `${location.origin}${electionPath(election)}/record`;

/** The record's parts a results protocol is built from and checked against; a record that does not read is refused. */
export async function protocolSource(api: ConsoleApi, election: ConsoleElection): Promise<ResultsProtocolSource> {
  const read = readRecordDocument(await recordDocument(api, election));
  if (!read.ok)
    throw new StepRefusal((l) => AFTER_CLOSE_TEXTS[l].recordUnreadable(read.problems.map((p) => p.message).join('; ')));
  if (read.value.manifest.fingerprint !== election.fingerprint) throw new StepRefusal((l) => AFTER_CLOSE_TEXTS[l].recordMismatch);
  return { definition: read.value.definition, events: read.value.eventsJson, finalHead: read.value.manifest.finalTreeHead };
}
