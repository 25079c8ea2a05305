// The board itself (spec §4–§5): each event's form and place, the life cycle's order, the Merkle tree over every
// event recomputed from the record's leaves, every signed tree head checked against it, and the witnesses'
// co-signatures of the heads (§5.9).
import { bytesToHex } from '@saylau/crypto';
import {
  type BoardEventJson,
  canonicalJson,
  checkCosignatures,
  ELECTION_STATES,
  type ElectionState,
  RECORD_FILES,
  SignedTreeHeadWire,
  validityBasis,
  verifyTreeHead,
  withoutCosignatures,
} from '@saylau/protocol';
import { guarded, type VerifyContext } from '../context.ts';

/** board.sequence: every line is a canonical, well-formed event whose seq is its line number. */
export function checkSequence(ctx: VerifyContext): void {
  const { checks, record } = ctx;
  checks.count('board.sequence', record.eventCount);
  for (const p of record.eventProblems) {
    checks.fail('board.sequence', `line ${p.line ?? 'file'}`, {
      file: RECORD_FILES.events,
      ...(p.line === undefined ? {} : { seq: p.line }),
      code: p.code,
      reason: p.reason,
    });
  }
  for (let i = 0; i < record.eventCount; i++) {
    const event = record.event(i);
    if (event !== undefined && event.seq !== i) {
      checks.fail('board.sequence', `line ${i}`, {
        seq: i,
        code: 'RECORD_SEQ',
        reason: `line ${i} of events.jsonl holds an event numbered ${event.seq}`,
      });
    }
    if (event !== undefined && i > 0 && event.type === 'definition') {
      checks.fail('board.sequence', `line ${i}`, { seq: i, code: 'RECORD_SEQ', reason: 'a second definition event' });
    }
  }
}

/** Which event types may appear while the election is in each state (spec §7.7). */
const ALLOWED: Record<ElectionState, readonly BoardEventJson['type'][]> = {
  draft: ['credentials', 'register'],
  'key-ceremony': [
    'trustee-key',
    'trustee-commitment',
    'trustee-shares',
    'trustee-complaint',
    'trustee-acknowledgement',
    'election-key',
    'credentials',
    'register',
  ],
  ready: ['credentials', 'register', 'commission-decision', 'credential-replacement'],
  open: ['ballot', 'credential-replacement'],
  closed: ['cancellation', 'counted-set', 'aggregate', 'paper-results'],
  processed: ['decryption-share', 'result', 'paper-results'],
  decrypted: ['paper-results'],
  published: [],
};

/** What must be on the board before a state may be entered. */
const REQUIRES: Partial<Record<ElectionState, readonly BoardEventJson['type'][]>> = {
  ready: ['election-key'],
  open: ['election-key', 'register'],
  processed: ['counted-set', 'aggregate'],
  decrypted: ['result'],
};

/** Event types that appear at most once. */
const ONCE: readonly BoardEventJson['type'][] = [
  'definition',
  'election-key',
  'register',
  'counted-set',
  'aggregate',
  'result',
  'paper-results',
];

/** The life cycle's order is the protocol's list of states. */
const STATE_ORDER: readonly ElectionState[] = ELECTION_STATES;

/** board.states: the events follow the life cycle; ballots only while open. */
export function checkStates(ctx: VerifyContext): void {
  const { checks, record } = ctx;
  let state: ElectionState = 'draft';
  const seen = new Map<string, number>();
  const keys = new Set<number>();
  const commitments = new Set<number>();
  const shares = new Set<number>();
  for (let seq = 1; seq < record.eventCount; seq++) {
    const event = record.event(seq);
    if (event === undefined) continue;
    checks.count('board.states');
    const fail = (reason: string) => checks.fail('board.states', `seq ${seq}`, { seq, code: 'ILLEGAL_ORDER', reason });
    if (event.type === 'state') {
      const next = event.state;
      if (STATE_ORDER.indexOf(next) !== STATE_ORDER.indexOf(state) + 1) fail(`the election moves from "${state}" to "${next}"`);
      for (const needed of REQUIRES[next] ?? []) {
        if (!seen.has(needed)) fail(`the election enters "${next}" before any "${needed}" event`);
      }
      state = next;
    } else {
      if (!ALLOWED[state].includes(event.type)) fail(`a "${event.type}" event while the election is "${state}"`);
      if (ONCE.includes(event.type) && seen.has(event.type))
        fail(`a second "${event.type}" event (the first is seq ${seen.get(event.type)})`);
      if (event.type === 'credentials' && seen.has('register')) fail('credentials added after the register was frozen');
      if (event.type === 'credential-replacement' && !seen.has('register'))
        fail('a credential replaced before the register was frozen');
      if (event.type === 'cancellation' && seen.has('counted-set')) fail('a cancellation after the counted set was published');
      if (event.type === 'decryption-share' && seen.has('result')) fail('a decryption share after the result');
      if (event.type === 'paper-results' && seen.has('result') && ctx.definition && validityBasis(ctx.definition) !== 'e-votes')
        fail('paper results after the result whose verdicts they decide');
      if (event.type === 'trustee-shares' || event.type === 'trustee-complaint') {
        // spec §7.7: shares after every trustee key and the dealer's own commitment; a complaint after the shares
        const n = ctx.definition?.trustees.count ?? 0;
        const dealer = event.type === 'trustee-shares' ? event.trustee : event.dealer;
        if (keys.size < n) fail(`trustee ${event.trustee}'s ${event.type} before every trustee published a key`);
        if (!commitments.has(dealer)) fail(`a ${event.type} event before dealer ${dealer}'s commitment`);
        if (event.type === 'trustee-complaint' && !shares.has(dealer)) fail(`a complaint before dealer ${dealer}'s shares`);
      }
      if (event.type === 'trustee-key') keys.add(event.trustee);
      if (event.type === 'trustee-commitment') commitments.add(event.trustee);
      if (event.type === 'trustee-shares') shares.add(event.trustee);
    }
    if (!seen.has(event.type)) seen.set(event.type, seq);
  }
}

/**
 * board.merkle, board.tree-heads and board.consistency: the tree over every event is recomputed from the record's
 * leaves; the final head must have its root, and every kept head the root of the board's prefix of its size.
 */
export function checkTree(ctx: VerifyContext): void {
  const { checks, record, fingerprint, boardKey } = ctx;
  if (fingerprint === undefined) {
    checks.note('board.merkle', 'no definition in event 0: the event hashes bind its fingerprint');
    return;
  }
  // the loader built the tree as it read the lines (LEAF of each line's tagged entry, spec §4.1, §5.1); it passes to
  // the context (ctx.merkle), which lets it go after its last reader
  const log = record.merkle;
  record.merkle = undefined;
  if (log === undefined) throw new Error('the record was loaded without its Merkle tree');
  const leaves = { length: record.eventCount };
  const rootHex = (size: number) => bytesToHex(log.root(size));

  // board.merkle: the final head covers every event and has the recomputed root
  checks.count('board.merkle', leaves.length);
  const final = record.manifest?.finalTreeHead ?? record.heads[record.heads.length - 1];
  const lastLine = record.heads[record.heads.length - 1];
  if (final === undefined) {
    checks.fail('board.merkle', 'final head', { code: 'RECORD_TREE_HEAD', reason: 'the record keeps no final signed head' });
  } else {
    if (final.treeSize !== leaves.length) {
      checks.fail('board.merkle', 'final head', {
        head: record.heads.length - 1,
        code: 'RECORD_TREE_HEAD',
        reason: `the final head covers ${final.treeSize} events, the board has ${leaves.length}`,
      });
    } else if (final.rootHash !== rootHex(leaves.length)) {
      checks.fail('board.merkle', 'final head', {
        head: record.heads.length - 1,
        code: 'ROOT_MISMATCH',
        reason: `the final head's root ${final.rootHash} is not the root of the events, ${rootHex(leaves.length)}`,
      });
    }
    if (lastLine === undefined || canonicalJson(lastLine) !== canonicalJson(final)) {
      checks.fail('board.merkle', 'final head line', {
        file: RECORD_FILES.treeHeads,
        code: 'RECORD_TREE_HEAD',
        reason: 'the manifest’s final head is not the last line of tree-heads.jsonl',
      });
    }
  }

  // board.tree-heads: each head's signature, under the definition's board key, for this election
  checks.count('board.tree-heads', record.heads.length);
  for (const p of record.headProblems) {
    checks.fail('board.tree-heads', `head ${p.line ?? 'file'}`, {
      file: RECORD_FILES.treeHeads,
      ...(p.line === undefined ? {} : { head: p.line }),
      code: p.code,
      reason: p.reason,
    });
  }
  // board.consistency: each head is a prefix of this board, and sizes never shrink
  checks.count('board.consistency', record.heads.length);
  let previousSize = 0;
  record.heads.forEach((json, i) => {
    if (json === undefined) return;
    // the board key signed the head's own fields; its co-signatures are board.witnesses' to check
    const decoded = SignedTreeHeadWire.safeParse(withoutCosignatures(json));
    if (!decoded.success) {
      checks.fail('board.tree-heads', `head ${i}`, {
        head: i,
        code: 'POINT_NOT_CANONICAL',
        reason: 'the head’s signature does not decode canonically',
      });
    } else if (boardKey === undefined || !verifyTreeHead(boardKey, fingerprint, decoded.data)) {
      checks.fail('board.tree-heads', `head ${i}`, {
        head: i,
        code: 'BAD_TREE_HEAD_SIGNATURE',
        reason: `the head of size ${json.treeSize} is not signed by the board key for this election`,
      });
    }
    if (json.treeSize > leaves.length) {
      checks.fail('board.consistency', `head ${i}`, {
        head: i,
        code: 'RECORD_TREE_HEAD',
        reason: `the head covers ${json.treeSize} events; the board has ${leaves.length} (a rolled-back board?)`,
      });
    } else if (json.rootHash !== rootHex(json.treeSize)) {
      checks.fail('board.consistency', `head ${i}`, {
        head: i,
        code: 'BAD_CONSISTENCY_PROOF',
        reason: `the head of size ${json.treeSize} has root ${json.rootHash}; the board's first ${json.treeSize} events have ${rootHex(json.treeSize)} (the board was rewritten or forked)`,
      });
    }
    if (json.treeSize < previousSize) {
      checks.fail('board.consistency', `head ${i}`, {
        head: i,
        code: 'RECORD_TREE_HEAD',
        reason: `the head of size ${json.treeSize} follows one of size ${previousSize}`,
      });
    }
    previousSize = Math.max(previousSize, json.treeSize);
  });
  // trustees.acknowledgements: each acknowledgement names a prefix of this board that came before it (spec §4.3)
  record.events.forEach((event, seq) => {
    if (event?.type !== 'trustee-acknowledgement') return;
    const { treeSize, rootHash, trustee } = event;
    const bad = (reason: string) =>
      checks.fail('trustees.acknowledgements', `seq ${seq}`, { seq, trustee, code: 'BAD_CONSISTENCY_PROOF', reason });
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > seq) {
      bad(`trustee ${trustee} acknowledges ${treeSize} events at position ${seq}: only earlier events can have been checked`);
    } else if (rootHash !== rootHex(treeSize)) {
      bad(
        `trustee ${trustee} checked a board of ${treeSize} events with root ${rootHash}; this board's first ${treeSize} events have ${rootHex(treeSize)} (the trustee saw another board)`,
      );
    }
  });
  ctx.merkle = log;
  guarded(ctx, 'board.witnesses', {}, () => checkWitnesses(ctx, fingerprint));
}

const NO_WITNESSES =
  'the definition names no witnesses: the board’s history rests on the board key alone (a server restored from a ' +
  'backup could sign a second, forked board and nothing in the record would show it)';

/**
 * board.witnesses (spec §5.9): every co-signature on every kept head verifies under a witness key of the definition;
 * once the board holds a result, its final head carries co-signatures of at least the quorum of distinct witnesses.
 * A board without a result may be a snapshot taken before the witnesses caught up (a trustee checks one before
 * decrypting), so there the quorum is reported, not required.
 */
function checkWitnesses(ctx: VerifyContext, fingerprint: Uint8Array): void {
  const { checks, record, definition } = ctx;
  if (definition === undefined) {
    checks.note('board.witnesses', 'no valid definition in event 0: it names the witnesses and their keys');
    return;
  }
  record.heads.forEach((head, i) => {
    const cosignatures = head?.cosignatures ?? [];
    if (head === undefined || cosignatures.length === 0) return;
    checks.count('board.witnesses', cosignatures.length);
    for (const p of checkCosignatures(definition, fingerprint, head, cosignatures).problems) {
      checks.fail('board.witnesses', `head ${i} co-signature ${p.path.join('.')}`, {
        head: i,
        code: 'BAD_COSIGNATURE',
        reason: p.message,
      });
    }
  });
  const { witnesses } = definition;
  const final = record.heads[record.heads.length - 1];
  if (witnesses === undefined) {
    checks.note('board.witnesses', NO_WITNESSES);
    return;
  }
  if (final === undefined) return;
  const verdict = checkCosignatures(definition, fingerprint, final, final.cosignatures ?? []);
  const who = verdict.signers.length > 0 ? ` (${verdict.signers.join(', ')})` : '';
  const status = `the final head (${final.treeSize} events) is co-signed by ${verdict.signers.length} distinct witnesses${who}; the definition's quorum is ${witnesses.quorum}`;
  if (!record.events.some((e) => e?.type === 'result')) {
    checks.note('board.witnesses', `the board holds no result yet, so the quorum is not required: ${status}`);
    return;
  }
  checks.count('board.witnesses');
  if (!verdict.quorum) {
    checks.fail('board.witnesses', 'final head quorum', {
      head: record.heads.length - 1,
      code: 'NOT_ENOUGH_WITNESSES',
      reason: `${status}: no quorum of witnesses vouched that this board never forked`,
    });
  }
}
