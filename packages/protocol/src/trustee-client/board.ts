// Reading the public board as a trustee must before signing anything about it: every event up to a head signed by
// the board key, with the Merkle root of exactly those events checked, so what the trustee checks (and acknowledges,
// and decrypts) is the board everyone else is shown, not a view made for it.
import { bytesToHex, decodePoint, hexToBytes } from '@saylau/crypto';
import { leafHash, MerkleLog, SignedTreeHeadWire, verifyTreeHead } from '../board/index.ts';
import { CEREMONY_PART_OF, type CeremonyEvent } from '../ceremony/index.ts';
import { type BoardEventJson, EventWire, eventEntryBytes } from '../events/index.ts';
import { TrusteeError } from './errors.ts';
import { electionPath, type TrusteeElection, type TrusteeTransport } from './transport.ts';

/** A board prefix the client checked itself: every event up to a head signed by the board key, with its root. */
export interface VerifiedBoard {
  readonly events: BoardEventJson[];
  readonly treeSize: number;
  readonly rootHash: string;
}

/**
 * A page of board events. Only each event's place and type are checked here (decoding every point of every ballot
 * would cost far more than the callers need); callers parse the events they use with EventWire.
 */
export async function boardPage(
  transport: TrusteeTransport,
  electionId: string,
  from: number,
  limit: number,
): Promise<{ events: BoardEventJson[]; treeSize: number }> {
  const page = await transport.get<{ events: unknown[]; treeSize: number }>(
    `${electionPath(electionId)}/board?from=${from}&limit=${limit}`,
    'reading the board',
  );
  if (!Array.isArray(page?.events)) throw new TrusteeError('BOARD_MISMATCH', `the server sent a malformed board page at ${from}`);
  page.events.forEach((event, i) => {
    const e = event as { seq?: unknown; type?: unknown } | null;
    if (typeof e !== 'object' || e === null || e.seq !== from + i || typeof e.type !== 'string') {
      throw new TrusteeError('BOARD_MISMATCH', `the server sent a malformed board event at ${from + i}`);
    }
  });
  return page as { events: BoardEventJson[]; treeSize: number };
}

/**
 * Reads the board up to the latest signed head and checks that the head is signed by the definition's board key and
 * that its root is the Merkle root of exactly these events.
 */
export async function readVerifiedBoard(transport: TrusteeTransport, election: TrusteeElection): Promise<VerifiedBoard> {
  const answer = await transport.get<unknown>(`${electionPath(election.id)}/tree-head`, 'reading the signed tree head');
  const parsed = SignedTreeHeadWire.safeParse(answer);
  if (!parsed.success) throw new TrusteeError('BOARD_MISMATCH', 'the server sent a malformed signed tree head');
  const head = parsed.data;
  const boardKey = decodePoint(hexToBytes(election.definition.boardKey));
  if (!verifyTreeHead(boardKey, election.fingerprint, head)) {
    throw new TrusteeError(
      'BOARD_MISMATCH',
      'the server’s tree head is not signed by the election’s board key: stop and tell the commission',
    );
  }
  const events: BoardEventJson[] = [];
  const log = new MerkleLog();
  while (events.length < head.treeSize) {
    const page = await boardPage(transport, election.id, events.length, Math.min(1000, head.treeSize - events.length));
    if (page.events.length === 0)
      throw new TrusteeError(
        'BOARD_MISMATCH',
        `the board ends at ${events.length} events; its signed head says ${head.treeSize}`,
      );
    for (const event of page.events) {
      events.push(event);
      log.append(leafHash(eventEntryBytes(election.fingerprint, event)));
    }
  }
  const rootHash = bytesToHex(log.root(head.treeSize));
  if (rootHash !== head.rootHash) {
    throw new TrusteeError(
      'BOARD_MISMATCH',
      'the board’s events do not have the root its signed head gives: stop and tell the commission',
    );
  }
  return { events: events.slice(0, head.treeSize), treeSize: head.treeSize, rootHash };
}

/** Every ceremony event of a verified board, decoded, in board order: the qualification algorithm's input. */
export function ceremonyEventsOf(board: VerifiedBoard): CeremonyEvent[] {
  return board.events.filter((e) => e.type in CEREMONY_PART_OF).map((e) => EventWire.parse(e) as CeremonyEvent);
}
