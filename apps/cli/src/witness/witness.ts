// A witness following one election's board (spec §5.9): for each new head the server signs, check the board key's
// signature and that the head extends the last head this witness co-signed (RFC 9162 consistency proof), remember
// the head on disk, and only then co-sign it and hand the co-signature to the server. A head that does not extend
// the remembered one (a rollback or a fork: a server restored from a backup) is never co-signed: it is evidence.
import { bytesToHex, decodePoint, encodePoint, hexToBytes, type Point, publicKeyOf, type Scalar } from '@saylau/crypto';
import {
  type ConsistencyProof,
  ConsistencyProofWire,
  type CosignatureRequestJson,
  checkConsistency,
  cosignTreeHead,
  type SignedTreeHeadJson,
  SignedTreeHeadWire,
  verifyTreeHead,
  withoutCosignatures,
} from '@saylau/protocol';
import type { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { type ElectionInfo, fetchElection } from '../cli/options.ts';
import { readWitnessState, type WitnessState, writeWitnessState } from './state-file.ts';

/** What one look at the board came to. */
export type WitnessStep =
  | { readonly kind: 'cosigned'; readonly head: SignedTreeHeadJson; readonly cosignedBy: readonly string[] }
  | { readonly kind: 'unchanged'; readonly head: SignedTreeHeadJson };

/** The two signed heads that show the board was rolled back or forked, and why. */
export interface ForkEvidence {
  readonly election: string;
  readonly fingerprint: string;
  readonly reason: string;
  /** The head this witness co-signed before. */
  readonly cosigned: SignedTreeHeadJson;
  /** The head the server offered now, signed by the same board key. */
  readonly offered: SignedTreeHeadJson;
  /** The server's consistency proof between them, when it gave one. */
  readonly proof?: ConsistencyProof;
}

/** The server offered a head the witness must not co-sign. Exit code 1; `evidence` is there when it is a fork. */
export class WitnessAlarm extends CliError {
  constructor(
    message: string,
    readonly evidence?: ForkEvidence,
  ) {
    super(message, EXIT.failed);
    this.name = 'WitnessAlarm';
  }
}

export interface WitnessOptions {
  readonly client: ApiClient;
  readonly election: string;
  readonly secretKey: Scalar;
  /** Where the last co-signed head is kept (state-file.ts). */
  readonly stateFile: string;
}

export class Witness {
  private constructor(
    private readonly options: WitnessOptions,
    readonly election: ElectionInfo,
    /** This witness's id in the definition. */
    readonly id: string,
    private readonly boardKey: Point,
  ) {}

  /**
   * Reads the election and finds this key among the definition's witnesses. The fingerprint is recomputed from the
   * definition (fetchElection) and pinned in the state file: another definition under the same id is refused.
   */
  static async open(options: WitnessOptions): Promise<Witness> {
    const election = await fetchElection(options.client, options.election);
    const publicKey = bytesToHex(encodePoint(publicKeyOf(options.secretKey)));
    const member = election.definition.witnesses?.members.find((m) => m.publicKey === publicKey);
    if (member === undefined) {
      throw new CliError(
        `this key (${publicKey}) is not a witness of election ${election.id}: the commission names witnesses and their public keys in the definition`,
        EXIT.usage,
      );
    }
    const state = readWitnessState(options.stateFile);
    if (state !== null && (state.election !== election.id || state.fingerprint !== election.fingerprintHex)) {
      throw new WitnessAlarm(
        `the state file ${options.stateFile} is for election ${state.election} with fingerprint ${state.fingerprint}; the server's election ${election.id} has ${election.fingerprintHex}: another definition under that id, or the wrong state file`,
      );
    }
    return new Witness(options, election, member.id, decodePoint(hexToBytes(election.definition.boardKey)));
  }

  /** The head this witness last co-signed, if any. */
  lastCosigned(): SignedTreeHeadJson | null {
    return readWitnessState(this.options.stateFile)?.head ?? null;
  }

  /** One look at the board: co-signs the server's latest head if it extends the last one co-signed. */
  async step(): Promise<WitnessStep> {
    const { client } = this.options;
    const eid = encodeURIComponent(this.election.id);
    const answer = await client.get<unknown>(`/api/elections/${eid}/tree-head`, { what: 'reading the signed tree head' });
    const parsed = SignedTreeHeadWire.safeParse(answer);
    if (!parsed.success) throw new WitnessAlarm('the server sent a malformed tree head; nothing was co-signed');
    const offered = withoutCosignatures(answer as SignedTreeHeadJson);
    if (!verifyTreeHead(this.boardKey, this.election.fingerprint, parsed.data)) {
      throw new WitnessAlarm(
        `the server's head of ${offered.treeSize} events is not signed by the election's board key; nothing was co-signed`,
      );
    }
    const last = this.lastCosigned();
    if (last !== null) {
      const fork = (reason: string, proof?: ConsistencyProof): WitnessAlarm =>
        new WitnessAlarm(`BOARD_FORK: ${reason}; the head was NOT co-signed`, {
          election: this.election.id,
          fingerprint: this.election.fingerprintHex,
          reason,
          cosigned: last,
          offered,
          ...(proof === undefined ? {} : { proof }),
        });
      if (offered.treeSize < last.treeSize) {
        throw fork(
          `the board has ${offered.treeSize} events, fewer than the ${last.treeSize} of the head this witness co-signed (a rollback)`,
        );
      }
      if (offered.treeSize === last.treeSize && offered.rootHash !== last.rootHash) {
        throw fork(`two heads of ${offered.treeSize} events with different roots (a fork)`);
      }
      if (offered.treeSize > last.treeSize) {
        const proof = await client.get<ConsistencyProof>(
          `/api/elections/${eid}/proofs/consistency?from=${last.treeSize}&to=${offered.treeSize}`,
          { what: 'reading the consistency proof' },
        );
        const wire = ConsistencyProofWire.safeParse(proof);
        if (!wire.success || !checkConsistency(wire.data, last, offered).ok) {
          throw fork(
            `the board of ${offered.treeSize} events does not extend the head of ${last.treeSize} this witness co-signed (a fork)`,
            proof,
          );
        }
      } else if (alreadyCosigned(answer, this.id)) {
        return { kind: 'unchanged', head: offered };
      }
    }
    // Remember before vouching: after a crash here the next run checks against this head, never an older one.
    const state: WitnessState = {
      election: this.election.id,
      fingerprint: this.election.fingerprintHex,
      witness: this.id,
      head: offered,
    };
    writeWitnessState(this.options.stateFile, state);
    const cosignature = cosignTreeHead(this.options.secretKey, this.election.fingerprint, this.id, offered);
    const body: CosignatureRequestJson = {
      witness: this.id,
      treeSize: offered.treeSize,
      rootHash: offered.rootHash,
      timestamp: offered.timestamp,
      signature: cosignature.signature,
    };
    const accepted = await client.post<{ cosignedBy: string[] }>(`/api/elections/${eid}/cosignatures`, body, {
      what: 'handing in the co-signature',
    });
    return { kind: 'cosigned', head: offered, cosignedBy: accepted.cosignedBy };
  }
}

function alreadyCosigned(answer: unknown, witness: string): boolean {
  const list = (answer as { cosignatures?: { witness?: unknown }[] }).cosignatures;
  return Array.isArray(list) && list.some((c) => c?.witness === witness);
}
