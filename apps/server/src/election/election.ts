// An election as the server holds it in memory: the definition and its fingerprint, the board's keys and Merkle
// log, the state. The SQLite file is the truth; this is rebuilt from it on start and after a failed transaction.
import {
  bytesToHex,
  decodePoint,
  encodePoint,
  hexToBytes,
  type Point,
  prepareElectionKey,
  publicKeyOf,
  type Scalar,
} from '@saylau/crypto';
import {
  type ElectionContext,
  type ElectionDefinition,
  ElectionDefinitionSchema,
  type ElectionState,
  fingerprintBytes,
  MerkleLog,
  type SignedTreeHeadJson,
} from '@saylau/protocol';
import type { ElectionRow } from '../db/elections-store.ts';
import type { Storage } from '../db/index.ts';
import type { BoardKeys } from './board-key.ts';

export interface Election {
  readonly id: string;
  readonly definition: ElectionDefinition;
  readonly fingerprint: Uint8Array;
  readonly fingerprintHex: string;
  readonly boardSecret: Scalar;
  readonly boardKey: Point;
  state: ElectionState;
  /** The joint key with its precomputed table, once the ceremony is finished. */
  electionKey: Point | null;
  electionKeyHex: string | null;
  qualified: number[] | null;
  registerFrozen: boolean;
  log: MerkleLog;
  /** The latest signed tree head; it always covers the whole board (every append signs one). */
  head: SignedTreeHeadJson | null;
}

/**
 * Builds the in-memory election from its rows. Values read back were checked when stored, so a decode failure
 * here means a damaged file and throws; a board key the server does not hold throws BoardKeyError.
 */
export async function loadElection(storage: Storage, row: ElectionRow, keys: BoardKeys): Promise<Election> {
  const definition = ElectionDefinitionSchema.parse(JSON.parse(row.definition));
  const fingerprint = fingerprintBytes(definition);
  if (bytesToHex(fingerprint) !== row.fingerprint) throw new Error(`election ${row.id}: stored fingerprint does not match`);
  const boardSecret = keys.forElection(row.id, row.board_secret, definition);
  const boardKey = publicKeyOf(boardSecret);
  if (bytesToHex(encodePoint(boardKey)) !== definition.boardKey) throw new Error(`election ${row.id}: board key mismatch`);
  // The head first, then the board up to it: on a shared database events committed in between are not yet
  // covered by a head this read saw; the next refresh (registry.ts) takes them with theirs.
  const headJson = await storage.board.latestHead(row.id);
  const head = headJson === undefined ? null : (JSON.parse(headJson) as SignedTreeHeadJson);
  const leaves = await storage.board.leafHashes(row.id);
  const log = MerkleLog.from(storage.shared && head && leaves.length > head.treeSize ? leaves.slice(0, head.treeSize) : leaves);
  // The last head was committed with the events it covers, so a file that disagrees has been tampered with.
  if (head && (head.treeSize !== log.size || bytesToHex(log.root(head.treeSize)) !== head.rootHash)) {
    throw new Error(`election ${row.id}: the board does not match its last signed tree head`);
  }
  return {
    id: row.id,
    definition,
    fingerprint,
    fingerprintHex: row.fingerprint,
    boardSecret,
    boardKey,
    state: row.state,
    electionKey: row.election_key === null ? null : prepareElectionKey(decodePoint(hexToBytes(row.election_key))),
    electionKeyHex: row.election_key,
    qualified: row.qualified === null ? null : (JSON.parse(row.qualified) as number[]),
    registerFrozen: row.register_frozen === 1,
    log,
    head,
  };
}

/**
 * The size of the board as committed: the latest head's. The Merkle log may be longer while a transaction of this
 * server is appending; what is shown to anyone is what the database holds.
 */
export function committedSize(election: Election): number {
  return election.head?.treeSize ?? 0;
}

/** Takes the row's columns that change over an election's life (another server may have changed them). */
export function applyRow(election: Election, row: ElectionRow): void {
  election.state = row.state;
  if (row.election_key !== election.electionKeyHex) {
    election.electionKeyHex = row.election_key;
    election.electionKey = row.election_key === null ? null : prepareElectionKey(decodePoint(hexToBytes(row.election_key)));
  }
  election.qualified = row.qualified === null ? null : (JSON.parse(row.qualified) as number[]);
  election.registerFrozen = row.register_frozen === 1;
}

/** What ballot building and checking need. Only call once the election key exists. */
export function electionContext(election: Election): ElectionContext {
  if (!election.electionKey) throw new Error(`election ${election.id} has no election key yet`);
  return { definition: election.definition, fingerprint: election.fingerprint, electionKey: election.electionKey };
}
