// A witness's memory (spec §5.9): the last head it co-signed, for one election on one server. It is written to disk,
// durably, before the co-signature leaves the machine, so that no restart can make the witness co-sign a head that
// does not extend one it already vouched for.
import { existsSync, readFileSync } from 'node:fs';
import { DigestHex, type SignedTreeHeadJson, SignedTreeHeadWire, withoutCosignatures } from '@saylau/protocol';
import { z } from 'zod';
import { CliError, EXIT } from '../cli/errors.ts';
import { writeFileDurably } from '../files/durable.ts';

export const WITNESS_STATE_FORMAT = 'saylau-witness-state';

const WitnessStateSchema = z
  .object({
    format: z.literal(WITNESS_STATE_FORMAT),
    version: z.literal(1),
    election: z.string(),
    fingerprint: DigestHex,
    witness: z.string(),
    /** The last head this witness co-signed, as the board key signed it (no co-signatures). */
    head: z.unknown(),
  })
  .strict();

export interface WitnessState {
  readonly election: string;
  readonly fingerprint: string;
  readonly witness: string;
  readonly head: SignedTreeHeadJson;
}

/** The state, or null when the file does not exist yet (a witness's first run). */
export function readWitnessState(path: string): WitnessState | null {
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read the witness state file ${path}: ${(error as Error).message}`, EXIT.usage);
  }
  const parsed = WitnessStateSchema.safeParse(json);
  const head = parsed.success ? SignedTreeHeadWire.safeParse(parsed.data.head) : undefined;
  if (!parsed.success || !head?.success) {
    throw new CliError(`${path} is not a Saylau witness state file (format ${WITNESS_STATE_FORMAT}, version 1)`, EXIT.usage);
  }
  const { election, fingerprint, witness } = parsed.data;
  return { election, fingerprint, witness, head: withoutCosignatures(parsed.data.head as SignedTreeHeadJson) };
}

/** Replaces the state on disk: flushed and renamed into place before this returns. */
export function writeWitnessState(path: string, state: WitnessState): void {
  const json = { format: WITNESS_STATE_FORMAT, version: 1, ...state, head: withoutCosignatures(state.head) };
  writeFileDurably(path, `${JSON.stringify(json, null, 2)}\n`);
}
