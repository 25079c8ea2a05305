// The key ceremony (spec §2.10–2.11, §4.2): trustee keys and their proofs, Feldman commitments, complaints judged
// from the published boxes, and the joint key recomputed from the dealers the verifier itself finds qualified.
import {
  BatchVerifier,
  bytesToHex,
  type DealerCommitment,
  dealerCommitmentEquations,
  encodePoint,
  G,
  hexToBytes,
  jointPublicKey,
  judgeComplaint,
  type Point,
  prepareElectionKey,
  schnorrEquations,
} from '@saylau/crypto';
import { ceremonyContext, decodeEvent, type EventOf, type EventType, trusteeKeyContext } from '@saylau/protocol';
import type { CheckId } from '../checks.ts';
import { pathString, type VerifyContext } from '../context.ts';

/** Decodes every event of a type; a non-canonical point or scalar is a failure of `id`. */
export function decodedEvents<T extends EventType>(ctx: VerifyContext, type: T, id: CheckId): EventOf<T>[] {
  const out: EventOf<T>[] = [];
  ctx.record.events.forEach((json, seq) => {
    if (json?.type !== type) return;
    const decoded = decodeEvent(json);
    if (decoded.ok) out.push(decoded.value as EventOf<T>);
    else {
      for (const p of decoded.problems) {
        ctx.checks.fail(id, `seq ${seq}`, { seq, path: pathString(p.path), code: p.code, reason: p.message });
      }
    }
  });
  return out;
}

/** trustees.keys: one key per trustee 1…n, each with a valid Schnorr proof bound to its index and this election. */
function checkKeys(ctx: VerifyContext, fp: Uint8Array, n: number): Map<number, EventOf<'trustee-key'>> {
  const { checks } = ctx;
  const keys = decodedEvents(ctx, 'trustee-key', 'trustees.keys');
  const byTrustee = new Map<number, EventOf<'trustee-key'>>();
  const batch = new BatchVerifier<EventOf<'trustee-key'>>();
  for (const event of keys) {
    checks.count('trustees.keys');
    const where = { seq: event.seq, trustee: event.trustee };
    if (event.trustee > n) {
      checks.fail('trustees.keys', `seq ${event.seq}`, {
        ...where,
        code: 'DUPLICATE_TRUSTEE',
        reason: `the election has ${n} trustees`,
      });
    } else if (byTrustee.has(event.trustee)) {
      checks.fail('trustees.keys', `seq ${event.seq}`, {
        ...where,
        code: 'DUPLICATE_TRUSTEE',
        reason: 'a second key for this trustee',
      });
    } else byTrustee.set(event.trustee, event);
    batch.add(event, schnorrEquations(event.publicKey, event.proof, trusteeKeyContext(fp, event.trustee)));
  }
  for (const event of batch.verify().failed) {
    checks.fail('trustees.keys', `seq ${event.seq}`, {
      seq: event.seq,
      trustee: event.trustee,
      code: 'BAD_KEY_PROOF',
      reason: 'the proof of knowledge of the trustee key does not verify',
    });
  }
  for (let x = 1; x <= n; x++) {
    if (!byTrustee.has(x) && keys.length > 0) {
      checks.fail('trustees.keys', `trustee ${x}`, {
        trustee: x,
        code: 'CEREMONY_INCOMPLETE',
        reason: 'no key for this trustee',
      });
    }
  }
  return byTrustee;
}

/** trustees.commitments: t commitments per dealer with a proof per coefficient, and one sealed share per other trustee. */
function checkCommitments(
  ctx: VerifyContext,
  fp: Uint8Array,
  n: number,
  t: number,
  shares: readonly EventOf<'trustee-shares'>[],
): Map<number, DealerCommitment> {
  const { checks } = ctx;
  const context = ceremonyContext(fp);
  const valid = new Map<number, DealerCommitment>();
  const batch = new BatchVerifier<EventOf<'trustee-commitment'>>();
  const events = decodedEvents(ctx, 'trustee-commitment', 'trustees.commitments');
  for (const event of events) {
    checks.count('trustees.commitments');
    const dealer: DealerCommitment = { dealer: event.trustee, commitments: event.commitments, proofs: event.proofs };
    if (event.trustee > n || events.some((e) => e.trustee === event.trustee && e.seq < event.seq)) {
      checks.fail('trustees.commitments', `seq ${event.seq}`, {
        seq: event.seq,
        trustee: event.trustee,
        code: 'DUPLICATE_TRUSTEE',
        reason: event.trustee > n ? `the election has ${n} trustees` : 'a second commitment by this dealer',
      });
      continue;
    }
    const equations = dealerCommitmentEquations(dealer, t, context);
    batch.add(event, equations);
    valid.set(event.trustee, dealer);
  }
  for (const event of batch.verify().failed) {
    valid.delete(event.trustee);
    checks.fail('trustees.commitments', `seq ${event.seq}`, {
      seq: event.seq,
      trustee: event.trustee,
      code: 'BAD_COMMITMENT',
      reason: `the commitments are not ${t} points each with a valid proof of knowledge of its coefficient`,
    });
  }
  // The boxes: each dealer seals one share for each other trustee.
  for (const event of shares) {
    checks.count('trustees.commitments');
    const recipients = event.shares.map((s) => s.recipient).sort((a, b) => a - b);
    const expected = Array.from({ length: n }, (_, i) => i + 1).filter((x) => x !== event.trustee);
    if (recipients.join() !== expected.join()) {
      checks.fail('trustees.commitments', `seq ${event.seq}`, {
        seq: event.seq,
        trustee: event.trustee,
        code: 'BAD_SHARES',
        reason: `the dealer sealed shares for trustees [${recipients.join(', ')}], not one for each other trustee`,
      });
    }
  }
  return valid;
}

/** trustees.complaints: each complaint judged (spec §2.11); returns the dealers found at fault. */
function checkComplaints(
  ctx: VerifyContext,
  fp: Uint8Array,
  keys: Map<number, EventOf<'trustee-key'>>,
  dealers: Map<number, DealerCommitment>,
  shares: readonly EventOf<'trustee-shares'>[],
): Set<number> {
  const { checks } = ctx;
  const atFault = new Set<number>();
  for (const complaint of decodedEvents(ctx, 'trustee-complaint', 'trustees.complaints')) {
    checks.count('trustees.complaints');
    const where = { seq: complaint.seq, trustee: complaint.trustee };
    const sealed = shares.find((s) => s.trustee === complaint.dealer)?.shares.find((s) => s.recipient === complaint.trustee);
    const recipientKey = keys.get(complaint.trustee)?.publicKey;
    const commitments = dealers.get(complaint.dealer)?.commitments;
    if (!sealed || !recipientKey || !commitments) {
      checks.fail('trustees.complaints', `seq ${complaint.seq}`, {
        ...where,
        code: 'UNJUDGEABLE_COMPLAINT',
        reason: `no published box, key or commitments to judge the complaint against dealer ${complaint.dealer}`,
      });
      continue;
    }
    const box = {
      dealer: complaint.dealer,
      recipient: complaint.trustee,
      ephemeral: sealed.ephemeral,
      nonce: hexToBytes(sealed.nonce),
      sealed: hexToBytes(sealed.sealed),
    };
    const verdict = judgeComplaint(
      { dealer: complaint.dealer, recipient: complaint.trustee, sharedPoint: complaint.sharedPoint, proof: complaint.proof },
      box,
      recipientKey,
      commitments,
      ceremonyContext(fp),
    );
    if (verdict === 'dealer-at-fault') atFault.add(complaint.dealer);
  }
  return atFault;
}

/** trustees.*: the whole ceremony; leaves the recomputed election key and qualified dealers on the context. */
export function checkCeremony(ctx: VerifyContext): void {
  const { checks, definition, fingerprint } = ctx;
  if (!definition || !fingerprint) return;
  const { count: n, threshold: t } = definition.trustees;
  const keys = checkKeys(ctx, fingerprint, n);
  const shares = decodedEvents(ctx, 'trustee-shares', 'trustees.commitments');
  const dealers = checkCommitments(ctx, fingerprint, n, t, shares);
  const atFault = checkComplaints(ctx, fingerprint, keys, dealers, shares);

  const qualified = [...dealers.values()].filter((d) => !atFault.has(d.dealer)).sort((a, b) => a.dealer - b.dealer);
  const keyEvents = decodedEvents(ctx, 'election-key', 'trustees.joint-key');
  const published = keyEvents[0];
  if (ctx.record.events.some((e) => e?.type === 'election-key')) checks.count('trustees.joint-key');
  else checks.note('trustees.joint-key', 'the board has no election key yet');
  let key: Point | undefined;
  if (qualified.length > 0) key = jointPublicKey(qualified);
  if (published) {
    const where = { seq: published.seq };
    const claimed = [...published.qualified].sort((a, b) => a - b).join(', ');
    const recomputed = qualified.map((d) => d.dealer).join(', ');
    if (claimed !== recomputed) {
      checks.fail('trustees.joint-key', 'qualified', {
        ...where,
        code: 'WRONG_QUALIFIED_SET',
        reason: `the board says dealers [${claimed}] are qualified; their commitments and the complaints say [${recomputed}]`,
      });
    }
    if (qualified.length < t) {
      checks.fail('trustees.joint-key', 'threshold', {
        ...where,
        code: 'NOT_ENOUGH_TRUSTEES',
        reason: `${qualified.length} qualified dealers; the threshold is ${t}`,
      });
    }
    if (key === undefined || !key.equals(published.publicKey)) {
      checks.fail('trustees.joint-key', 'key', {
        ...where,
        code: 'WRONG_ELECTION_KEY',
        reason: `the election key ${bytesToHex(encodePoint(published.publicKey))} is not the sum of the qualified dealers' constant commitments${key ? ` (${bytesToHex(encodePoint(key))})` : ''}`,
      });
    }
    key ??= published.publicKey;
  }
  if (key?.equals(G) || key?.is0()) {
    checks.fail('trustees.joint-key', 'key', { code: 'WEAK_ELECTION_KEY', reason: 'the election key is G or the identity' });
  }
  ctx.qualified = qualified;
  if (key && !key.is0()) ctx.electionKey = prepareElectionKey(key);
}
