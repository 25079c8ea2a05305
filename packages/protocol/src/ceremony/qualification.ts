// Who is qualified after the key ceremony (spec §2.10–2.11, §4.3): the one normative algorithm that the server
// (finishing the ceremony), the trustee's client (before it decrypts) and the verifier (on a record) all run.
import {
  BatchVerifier,
  boxProofEquations,
  type ComplaintVerdict,
  type DealerCommitment,
  dealerCommitmentEquations,
  type EncryptedShare,
  hexToBytes,
  jointPublicKey,
  judgeComplaint,
  type Point,
  schnorrEquations,
} from '@saylau/crypto';
import { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { ceremonyContext, trusteeKeyContext } from '../events/contexts.ts';
import { type EventOf, EventWire } from '../events/schema.ts';
import { verifyTrusteeEvent } from '../trustee-request.ts';

export type CeremonyEvent =
  | EventOf<'trustee-key'>
  | EventOf<'trustee-commitment'>
  | EventOf<'trustee-shares'>
  | EventOf<'trustee-complaint'>
  | EventOf<'trustee-acknowledgement'>;

/** Which part of the ceremony a finding is about (the verifier reports each part as its own check). */
export type CeremonyPart = 'keys' | 'commitments' | 'shares' | 'complaints' | 'acknowledgements' | 'outcome';

/** A rule of the ceremony broken on the board: a conforming server never publishes one. */
export interface CeremonyViolation {
  readonly part: CeremonyPart;
  readonly code: ErrorCode;
  readonly seq?: number;
  readonly trustee?: number;
  readonly message: string;
}

export interface ComplaintJudgement {
  readonly seq: number;
  /** The complainant (the box's recipient). */
  readonly trustee: number;
  readonly dealer: number;
  /** spec §2.11's verdict; 'complaint-invalid' also for a repeated or unjudgeable complaint. */
  readonly verdict: ComplaintVerdict;
}

export interface Qualification {
  /** Valid communication keys Y_x (exactly one event with a valid proof). */
  readonly keys: ReadonlyMap<number, Point>;
  /** Valid Feldman commitments, by dealer. */
  readonly commitments: ReadonlyMap<number, DealerCommitment>;
  /** Every dealer's boxes by recipient, for the dealers whose box set is valid (step 3). */
  readonly boxes: ReadonlyMap<number, ReadonlyMap<number, EncryptedShare>>;
  readonly complaints: readonly ComplaintJudgement[];
  /** Dealers left out of Q, each with the reason. */
  readonly disqualified: ReadonlyMap<number, string>;
  /** Q, ascending. */
  readonly qualified: readonly number[];
  /** Every trustee published a key, commitment and shares, every key is valid, at most t − 1 dealers are out (step 6). */
  readonly complete: boolean;
  /** Trustees that published no key, no commitment or no shares at all. */
  readonly absent: readonly number[];
  /** Trustees not disqualified whose last signed acknowledgement does not cover every other ceremony event (step 6). */
  readonly unacknowledged: readonly number[];
  /** K = Σ_{d∈Q} C_{d,0} when complete, else null. */
  readonly electionKey: Point | null;
  readonly violations: readonly CeremonyViolation[];
}

/** The box as the crypto core sees it. */
export function boxOf(dealer: number, wire: EventOf<'trustee-shares'>['shares'][number]): EncryptedShare {
  return {
    dealer,
    recipient: wire.recipient,
    ephemeral: wire.ephemeral,
    nonce: hexToBytes(wire.nonce),
    sealed: hexToBytes(wire.sealed),
    proof: wire.proof,
  };
}

const trusteesUpTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The part of the ceremony each event type belongs to. */
export const CEREMONY_PART_OF = {
  'trustee-key': 'keys',
  'trustee-commitment': 'commitments',
  'trustee-shares': 'shares',
  'trustee-complaint': 'complaints',
  'trustee-acknowledgement': 'acknowledgements',
} as const satisfies Record<CeremonyEvent['type'], CeremonyPart>;

/**
 * Runs spec §4.3 over the ceremony events in board order. n and t are the definition's; fp its fingerprint.
 * Pure: the same events give the same Q wherever it runs.
 */
export function qualifyDealers(
  fingerprint: Uint8Array,
  trustees: { readonly count: number; readonly threshold: number },
  events: readonly CeremonyEvent[],
): Qualification {
  const { count: n, threshold: t } = trustees;
  const context = ceremonyContext(fingerprint);
  const violations: CeremonyViolation[] = [];
  const disqualified = new Map<number, string>();
  const disqualify = (dealer: number, reason: string) => {
    if (!disqualified.has(dealer)) disqualified.set(dealer, reason);
  };

  // Steps 1–3 take exactly one event of each kind per trustee: an index beyond n is ignored, and a trustee that
  // published two keys, commitments or share sets has equivocated, so none of them counts.
  const single = <E extends CeremonyEvent>(
    part: CeremonyPart,
    type: E['type'],
    from: readonly CeremonyEvent[],
  ): Map<number, E> => {
    const seen = new Map<number, E[]>();
    for (const event of from) {
      if (event.type !== type) continue;
      if (event.trustee > n) {
        violations.push({
          part,
          code: 'DUPLICATE_TRUSTEE',
          seq: event.seq,
          trustee: event.trustee,
          message: `the election has ${n} trustees`,
        });
        continue;
      }
      seen.set(event.trustee, [...(seen.get(event.trustee) ?? []), event as E]);
    }
    const one = new Map<number, E>();
    for (const [trustee, list] of seen) {
      if (list.length === 1) one.set(trustee, list[0] as E);
      else {
        for (const e of list.slice(1)) {
          violations.push({
            part,
            code: 'DUPLICATE_TRUSTEE',
            seq: e.seq,
            trustee,
            message: `a second ${type} event by trustee ${trustee}`,
          });
        }
        disqualify(trustee, `published ${list.length} ${type} events`);
      }
    }
    return one;
  };

  // Step 1: keys.
  const keyEvents = single<EventOf<'trustee-key'>>('keys', 'trustee-key', events);
  const keyBatch = new BatchVerifier<number>();
  for (const [x, e] of keyEvents) keyBatch.add(x, schnorrEquations(e.publicKey, e.proof, trusteeKeyContext(fingerprint, x)));
  const badKeys = new Set(keyBatch.verify().failed);
  const keys = new Map<number, Point>();
  for (const [x, e] of keyEvents) {
    if (badKeys.has(x)) {
      violations.push({
        part: 'keys',
        code: 'BAD_KEY_PROOF',
        seq: e.seq,
        trustee: x,
        message: 'the proof of knowledge of the trustee key does not verify',
      });
      disqualify(x, 'its key proof does not verify');
    } else keys.set(x, e.publicKey);
  }
  const missingKeys = trusteesUpTo(n).filter((x) => !keys.has(x));

  // Step 2 to 6 see only events signed by their trustee's valid key (§4.2): an unsigned or wrongly signed event is
  // not the trustee's statement and counts as never published — whoever wrote it, the board's operator included.
  const signed = events.filter((event) => {
    if (event.type === 'trustee-key') return true;
    const key = keys.get(event.trustee);
    if (key && verifyTrusteeEvent(key, fingerprint, event, z.encode(EventWire, event) as Record<string, unknown>)) return true;
    violations.push({
      part: CEREMONY_PART_OF[event.type],
      code: 'BAD_TRUSTEE_SIGNATURE',
      seq: event.seq,
      trustee: event.trustee,
      message: key
        ? `the ${event.type} event is not signed by trustee ${event.trustee}’s key`
        : `trustee ${event.trustee} has no valid key to sign with`,
    });
    return false;
  });

  // Step 2: commitments.
  const commitmentEvents = single<EventOf<'trustee-commitment'>>('commitments', 'trustee-commitment', signed);
  const commitmentBatch = new BatchVerifier<number>();
  for (const [d, e] of commitmentEvents) {
    commitmentBatch.add(d, dealerCommitmentEquations({ dealer: d, commitments: e.commitments, proofs: e.proofs }, t, context));
  }
  const badCommitments = new Set(commitmentBatch.verify().failed);
  const commitments = new Map<number, DealerCommitment>();
  for (const [d, e] of commitmentEvents) {
    if (badCommitments.has(d)) {
      violations.push({
        part: 'commitments',
        code: 'BAD_COMMITMENT',
        seq: e.seq,
        trustee: d,
        message: `the commitments are not ${t} points each with a valid proof of knowledge of its coefficient`,
      });
      disqualify(d, 'its commitments do not verify');
    } else commitments.set(d, { dealer: d, commitments: e.commitments, proofs: e.proofs });
  }

  // Step 3: box sets. Exactly one box for each other trustee, each with a valid proof of its ephemeral secret.
  const shareEvents = single<EventOf<'trustee-shares'>>('shares', 'trustee-shares', signed);
  const boxes = new Map<number, Map<number, EncryptedShare>>();
  const boxBatch = new BatchVerifier<string>();
  for (const [d, e] of shareEvents) {
    const recipients = e.shares.map((s) => s.recipient);
    const expected = trusteesUpTo(n).filter((x) => x !== d);
    const sorted = [...recipients].sort((a, b) => a - b);
    if (sorted.join() !== expected.join()) {
      violations.push({
        part: 'shares',
        code: 'BAD_SHARES',
        seq: e.seq,
        trustee: d,
        message: `the dealer sealed shares for trustees [${sorted.join(', ')}], not exactly one for each other trustee [${expected.join(', ')}]`,
      });
      disqualify(d, 'its shares are not one for each other trustee');
      continue;
    }
    const dealerCommitment = commitments.get(d);
    if (!dealerCommitment || missingKeys.length > 0) continue; // judged by steps 2 and 6
    const set = new Map<number, EncryptedShare>();
    for (const wire of e.shares) {
      const box = boxOf(d, wire);
      set.set(box.recipient, box);
      boxBatch.add(
        `${d}:${box.recipient}`,
        boxProofEquations(box, keys.get(box.recipient) as Point, dealerCommitment.commitments, context),
      );
    }
    boxes.set(d, set);
  }
  for (const id of boxBatch.verify().failed) {
    const [d, x] = id.split(':').map(Number) as [number, number];
    if (boxes.delete(d)) disqualify(d, `its box to trustee ${x} has no valid proof of its ephemeral key`);
    violations.push({
      part: 'shares',
      code: 'BAD_SHARE_PROOF',
      seq: (shareEvents.get(d) as EventOf<'trustee-shares'>).seq,
      trustee: d,
      message: `the box for trustee ${x} does not prove knowledge of its ephemeral key`,
    });
  }

  // Step 4: complaints, in board order.
  const complaints: ComplaintJudgement[] = [];
  const heard = new Set<string>();
  for (const event of signed) {
    if (event.type !== 'trustee-complaint') continue;
    const { seq, trustee: x, dealer: d } = event;
    const judged = (verdict: ComplaintVerdict) => complaints.push({ seq, trustee: x, dealer: d, verdict });
    const invalid = (code: ErrorCode, message: string) => {
      violations.push({ part: 'complaints', code, seq, trustee: x, message });
      if (x <= n) disqualify(x, `its complaint against dealer ${d} is invalid`);
      judged('complaint-invalid');
    };
    if (x > n || d > n || x === d) {
      invalid('UNJUDGEABLE_COMPLAINT', `trustee ${x} cannot complain about dealer ${d}`);
      continue;
    }
    if (heard.has(`${x}:${d}`)) {
      invalid('DUPLICATE_COMPLAINT', `trustee ${x} already complained about dealer ${d}`);
      continue;
    }
    heard.add(`${x}:${d}`);
    const box = boxes.get(d)?.get(x);
    const recipientKey = keys.get(x);
    const dealerCommitment = commitments.get(d);
    if (!box || !recipientKey || !dealerCommitment) {
      invalid('UNJUDGEABLE_COMPLAINT', `dealer ${d} has no valid box for trustee ${x} to complain about`);
      continue;
    }
    const complaint = { dealer: d, recipient: x, sharedPoint: event.sharedPoint, proof: event.proof };
    const verdict = judgeComplaint(complaint, box, recipientKey, dealerCommitment.commitments, context);
    if (verdict === 'complaint-invalid') {
      invalid('BAD_COMPLAINT', 'the revealed key is not proven to be the recipient’s');
      continue;
    }
    judged(verdict);
    if (verdict === 'dealer-at-fault') disqualify(d, `trustee ${x}’s complaint showed its share is bad`);
    else disqualify(x, `its complaint against dealer ${d} was unfounded (the share is good)`);
  }

  // Step 5: Q is every dealer with a valid key, commitment and box set, and not disqualified.
  for (const d of trusteesUpTo(n)) {
    if (!keys.has(d)) disqualify(d, 'no valid key');
    else if (!commitments.has(d)) disqualify(d, 'no commitment');
    else if (!boxes.has(d)) disqualify(d, 'no valid shares');
  }
  const qualified = trusteesUpTo(n).filter((d) => !disqualified.has(d));

  // Step 6: the ceremony is complete when every trustee has published a key, a commitment and shares, every key is
  // valid, and at most t − 1 dealers were left out: more would mean at least t trustees misbehaved, and the
  // threshold no longer protects the key. A missing event is never a quiet disqualification.
  const absent = trusteesUpTo(n).filter(
    (x) =>
      !(['trustee-key', 'trustee-commitment', 'trustee-shares'] as const).every((type) =>
        signed.some((e) => e.type === type && e.trustee === x),
      ),
  );
  // Every trustee not disqualified must have acknowledged, last, the ceremony as it finally stands (its shares, the
  // complaints): nobody may finish before the trustees who will hold the key have checked what they were dealt.
  // A disqualified trustee's word is not needed (its own signed statements show it misbehaved).
  const lastStatement = Math.max(-1, ...signed.filter((e) => e.type !== 'trustee-acknowledgement').map((e) => e.seq));
  const unacknowledged = trusteesUpTo(n).filter((x) => {
    if (disqualified.has(x)) return false;
    const acks = signed.filter(
      (e): e is EventOf<'trustee-acknowledgement'> => e.type === 'trustee-acknowledgement' && e.trustee === x,
    );
    const last = acks.at(-1);
    return !last || last.treeSize <= lastStatement;
  });
  const complete =
    absent.length === 0 && missingKeys.length === 0 && unacknowledged.length === 0 && qualified.length >= n - t + 1;
  const electionKey = complete ? jointPublicKey(qualified.map((d) => commitments.get(d) as DealerCommitment)) : null;
  return {
    keys,
    commitments,
    boxes,
    complaints,
    disqualified,
    qualified,
    complete,
    absent,
    unacknowledged,
    electionKey,
    violations,
  };
}
