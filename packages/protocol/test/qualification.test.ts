// The qualification algorithm (spec §4.3) on a simulated 2-of-4 ceremony: each rule — missing, self-addressed,
// extra and repeated boxes, boxes without a valid proof, founded, unfounded, invalid and repeated complaints,
// equivocating trustees, and completion at n − t + 1 — changes Q exactly as the spec says.

import { readFileSync } from 'node:fs';
import {
  encryptShare,
  evaluatePolynomial,
  makeComplaint,
  mod,
  polynomialCommitments,
  randomNonZeroScalar,
  sealShareBytes,
} from '@saylau/crypto';
import { describe, expect, it } from 'vitest';
import { type CeremonyEvent, ceremonyContext, type EventOf, EventWire, qualifyDealers, signTrusteeEvent } from '../src/index.ts';
import { type Simulation, simulateElection } from '../src/node.ts';

const draft = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/definitions/city-referendum.json', import.meta.url), 'utf8'),
);
const sim: Simulation = simulateElection({
  draft: { ...draft, trustees: { count: 4, threshold: 2 } },
  voters: 0,
  until: 'ready',
});
const fp = sim.fingerprint;
const context = ceremonyContext(fp);
const trustees = { count: 4, threshold: 2 };
const secrets = sim.secrets.trustees;

function honestEvents(): CeremonyEvent[] {
  return sim.events
    .filter((e) => ['trustee-key', 'trustee-commitment', 'trustee-shares', 'trustee-complaint'].includes(e.type)) // acks: acknowledged()
    .map((e) => EventWire.parse(e) as CeremonyEvent);
}

function sharesOf(events: CeremonyEvent[], dealer: number): EventOf<'trustee-shares'> {
  const e = events.find((x) => x.type === 'trustee-shares' && x.trustee === dealer);
  if (e?.type !== 'trustee-shares') throw new Error('no shares');
  return e;
}

/** Replaces dealer's box to recipient with one holding `value` (with a valid proof). */
function withBox(events: CeremonyEvent[], dealer: number, recipient: number, value: bigint): CeremonyEvent[] {
  const d = secrets[dealer - 1]!;
  const box = encryptShare(
    value,
    dealer,
    recipient,
    secrets[recipient - 1]!.publicKey,
    polynomialCommitments(d.polynomial),
    context,
  );
  const shares = sharesOf(events, dealer);
  const replaced = shares.shares.map((s) =>
    s.recipient === recipient
      ? { recipient, ephemeral: box.ephemeral, nonce: hex(box.nonce), sealed: hex(box.sealed), proof: box.proof }
      : s,
  );
  return events.map((e) => (e === shares ? signed<EventOf<'trustee-shares'>>({ ...shares, shares: replaced }) : e));
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Every trustee acknowledges the ceremony as it stands after `events` (the root is the verifier's to check). */
function acknowledged(events: readonly CeremonyEvent[], by = [1, 2, 3, 4]): CeremonyEvent[] {
  const next = Math.max(...events.map((e) => e.seq)) + 1;
  const acks = by.map((trustee, i) =>
    signed<EventOf<'trustee-acknowledgement'>>({
      seq: next + i,
      time: '2026-01-01T00:00:00.000Z',
      type: 'trustee-acknowledgement',
      trustee,
      treeSize: next,
      rootHash: '00'.repeat(32),
    }),
  );
  return [...events, ...acks];
}

/** Q over the events once every trustee has acknowledged them. */
const judge = (events: readonly CeremonyEvent[]) => qualifyDealers(fp, trustees, acknowledged(events));

/** The event signed afresh by its trustee, as an honest trustee's client would have signed it (spec §4.2). */
function signed<E extends Exclude<CeremonyEvent, EventOf<'trustee-key'>>>(
  event: Omit<E, 'signature'> & { signature?: unknown },
): E {
  const { seq, time, signature: _old, ...content } = event as E;
  const json = signTrusteeEvent(secrets[event.trustee - 1]!.secretKey, fp, content as never);
  return EventWire.parse({ ...json, seq, time }) as E;
}

/** A complaint by `recipient` about `dealer`'s box, appended at the end of the ceremony. */
function complaint(events: CeremonyEvent[], recipient: number, dealer: number): EventOf<'trustee-complaint'> {
  const wire = sharesOf(events, dealer).shares.find((s) => s.recipient === recipient)!;
  const box = {
    dealer,
    recipient,
    ephemeral: wire.ephemeral,
    nonce: Buffer.from(wire.nonce, 'hex'),
    sealed: Buffer.from(wire.sealed, 'hex'),
    proof: wire.proof,
  };
  const c = makeComplaint(box, secrets[recipient - 1]!.secretKey, context);
  const seq = Math.max(...events.map((e) => e.seq)) + 1;
  return signed<EventOf<'trustee-complaint'>>({
    seq,
    time: '2026-01-01T00:00:00.000Z',
    type: 'trustee-complaint',
    trustee: recipient,
    dealer,
    sharedPoint: c.sharedPoint,
    proof: c.proof,
  });
}

const goodShare = (dealer: number, recipient: number) => evaluatePolynomial(secrets[dealer - 1]!.polynomial, recipient);
const codes = (q: ReturnType<typeof qualifyDealers>) => q.violations.map((v) => v.code);

describe('qualification (spec §4.3)', () => {
  it('an honest ceremony: every dealer qualified, complete, K as published', () => {
    const q = judge(honestEvents());
    expect(q.violations).toEqual([]);
    expect(q.qualified).toEqual([1, 2, 3, 4]);
    expect(q.complete).toBe(true);
    const published = sim.events.find((e) => e.type === 'election-key') as { publicKey: string };
    expect(q.electionKey && hex(q.electionKey.toBytes())).toBe(published.publicKey);
  });

  it('a founded complaint disqualifies the dealer; nothing is a violation', () => {
    const events = withBox(honestEvents(), 2, 1, mod(goodShare(2, 1) + 1n));
    const q = judge([...events, complaint(events, 1, 2)]);
    expect(q.violations).toEqual([]);
    expect(q.complaints.map((c) => c.verdict)).toEqual(['dealer-at-fault']);
    expect(q.qualified).toEqual([1, 3, 4]);
    expect(q.complete).toBe(true);
  });

  it('an unfounded complaint disqualifies the accuser, never the dealer', () => {
    const events = honestEvents();
    const q = judge([...events, complaint(events, 1, 2)]);
    expect(q.violations).toEqual([]);
    expect(q.complaints.map((c) => c.verdict)).toEqual(['complaint-unfounded']);
    expect(q.qualified).toEqual([2, 3, 4]);
  });

  it('an invalid, a repeated or an unjudgeable complaint is a violation and disqualifies the complainant', () => {
    const events = withBox(honestEvents(), 2, 1, mod(goodShare(2, 1) + 1n));
    const founded = complaint(events, 1, 2);
    const forged = signed<EventOf<'trustee-complaint'>>({
      ...founded,
      seq: founded.seq + 1,
      trustee: 3,
      dealer: 4,
      proof: { ...founded.proof, response: randomNonZeroScalar() },
    });
    const repeated = { ...founded, seq: founded.seq + 2 }; // the same signed statement again
    const self = signed<EventOf<'trustee-complaint'>>({ ...founded, seq: founded.seq + 3, trustee: 4, dealer: 4 });
    const q = judge([...events, founded, forged, repeated, self]);
    expect(codes(q)).toEqual(['BAD_COMPLAINT', 'DUPLICATE_COMPLAINT', 'UNJUDGEABLE_COMPLAINT']);
    expect(q.qualified).toEqual([]);
    expect(q.complete).toBe(false);
    expect(q.electionKey).toBeNull();
  });

  it('missing, self-addressed, extra or repeated boxes: BAD_SHARES, the dealer is out', () => {
    const cases: ((s: EventOf<'trustee-shares'>['shares']) => EventOf<'trustee-shares'>['shares'])[] = [
      (s) => s.slice(1),
      (s) => [...s.slice(1), { ...s[0]!, recipient: 3 }],
      (s) => [...s, { ...s[0]!, recipient: 5 }],
      (s) => [...s, s[0]!],
    ];
    for (const edit of cases) {
      const events = honestEvents();
      const shares = sharesOf(events, 3);
      const q = judge(
        events.map((e) => (e === shares ? signed<EventOf<'trustee-shares'>>({ ...shares, shares: edit(shares.shares) }) : e)),
      );
      expect(codes(q)).toEqual(['BAD_SHARES']);
      expect(q.qualified).toEqual([1, 2, 4]);
      expect([q.absent, q.unacknowledged, q.complete]).toEqual([[], [], true]);
    }
  });

  it('a box without a valid proof of its ephemeral key: BAD_SHARE_PROOF; a complaint about it is unjudgeable', () => {
    const events = honestEvents();
    const shares = sharesOf(events, 3);
    const stolen = sharesOf(events, 1).shares.find((s) => s.recipient === 2)!; // dealer 1's box to 2, moved into 3's
    const edited = events.map((e) =>
      e === shares
        ? signed<EventOf<'trustee-shares'>>({
            ...shares,
            shares: shares.shares.map((s) => (s.recipient === 2 ? { ...stolen } : s)),
          })
        : e,
    );
    const seq = Math.max(...edited.map((e) => e.seq)) + 1;
    const c = complaint(events, 2, 1); // the reveal that would open dealer 1's box, filed against dealer 3
    const q = judge([...edited, signed<EventOf<'trustee-complaint'>>({ ...c, seq, dealer: 3 })]);
    expect(codes(q)).toEqual(['BAD_SHARE_PROOF', 'UNJUDGEABLE_COMPLAINT']);
    expect(q.qualified).toEqual([1, 3, 4].filter((d) => d !== 3));
    expect(q.complete).toBe(false); // 3 (bad box) and 2 (complained about nothing) are out: 2 > t − 1 = 1
  });

  it('a box that holds garbage with a valid proof is judged by its complaint', () => {
    const events = honestEvents();
    const d = secrets[3]!;
    const box = sealShareBytes(
      new Uint8Array(32).fill(0xff),
      4,
      2,
      secrets[1]!.publicKey,
      polynomialCommitments(d.polynomial),
      context,
    );
    const shares = sharesOf(events, 4);
    const edited = events.map((e) =>
      e === shares
        ? signed<EventOf<'trustee-shares'>>({
            ...shares,
            shares: shares.shares.map((s) =>
              s.recipient === 2
                ? { recipient: 2, ephemeral: box.ephemeral, nonce: hex(box.nonce), sealed: hex(box.sealed), proof: box.proof }
                : s,
            ),
          })
        : e,
    );
    const q = judge([...edited, complaint(edited, 2, 4)]);
    expect(q.violations).toEqual([]);
    expect(q.complaints.map((c) => c.verdict)).toEqual(['dealer-at-fault']);
    expect(q.qualified).toEqual([1, 2, 3]);
  });

  it('a trustee with two keys, commitments or share sets has equivocated: DUPLICATE_TRUSTEE, out', () => {
    for (const type of ['trustee-key', 'trustee-commitment', 'trustee-shares'] as const) {
      const events = honestEvents();
      const original = events.find((e) => e.type === type && e.trustee === 2)!;
      const q = judge([...events, { ...original, seq: 1000 }]);
      // two keys: no key counts, so none of the trustee's statements can be checked either
      const expected =
        type === 'trustee-key'
          ? ['DUPLICATE_TRUSTEE', 'BAD_TRUSTEE_SIGNATURE', 'BAD_TRUSTEE_SIGNATURE', 'BAD_TRUSTEE_SIGNATURE']
          : ['DUPLICATE_TRUSTEE'];
      expect(codes(q), type).toEqual(expected);
      expect(q.disqualified.has(2), type).toBe(true);
      expect(q.qualified, type).not.toContain(2);
    }
  });

  it('complete only with every trustee’s events, every key valid and at most t − 1 dealers out', () => {
    const events = honestEvents();
    const withoutKey = events.filter((e) => !(e.type === 'trustee-key' && e.trustee === 4));
    expect(judge(withoutKey).complete).toBe(false);
    // a dealer whose shares are missing is absent, never quietly left out
    const absent = qualifyDealers(
      fp,
      trustees,
      events.filter((e) => !(e.type === 'trustee-shares' && e.trustee === 1)),
    );
    expect(absent.absent).toEqual([1]);
    expect(absent.complete).toBe(false);
    expect(absent.electionKey).toBeNull();
    // one dealer out for bad shares: complete (t − 1 = 1); two out: not
    const emptied = (dealers: number[]) =>
      events.map((e) =>
        e.type === 'trustee-shares' && dealers.includes(e.trustee) ? signed<EventOf<'trustee-shares'>>({ ...e, shares: [] }) : e,
      );
    const one = judge(emptied([1]));
    expect([one.qualified, one.complete]).toEqual([[2, 3, 4], true]);
    const two = judge(emptied([1, 2]));
    expect([two.qualified, two.complete]).toEqual([[3, 4], false]);
  });

  it('an event not signed by its trustee (the board operator dealing in its name) counts as never published', () => {
    const events = honestEvents();
    const original = sharesOf(events, 2);
    const operator = randomNonZeroScalar();
    const { seq, time, signature: _s, ...content } = original;
    const forged = EventWire.parse({ ...signTrusteeEvent(operator, fp, content), seq, time }) as CeremonyEvent;
    const q = judge(events.map((e) => (e === original ? forged : e)));
    expect(codes(q)).toEqual(['BAD_TRUSTEE_SIGNATURE']);
    expect(q.absent).toEqual([2]);
    expect(q.complete).toBe(false);
    // a complaint in another trustee's name is likewise nobody's
    const c = complaint(events, 1, 2);
    const { seq: cs, time: ct, signature: _c, ...cContent } = c;
    const fake = EventWire.parse({ ...signTrusteeEvent(operator, fp, cContent), seq: cs, time: ct }) as CeremonyEvent;
    const q2 = judge([...events, fake]);
    expect(codes(q2)).toEqual(['BAD_TRUSTEE_SIGNATURE']);
    expect(q2.qualified).toEqual([1, 2, 3, 4]);
  });

  it('complete only when every trustee not disqualified acknowledged the ceremony as it finally stood', () => {
    const events = honestEvents();
    expect(qualifyDealers(fp, trustees, events).unacknowledged).toEqual([1, 2, 3, 4]);
    const threeAcks = qualifyDealers(fp, trustees, acknowledged(events, [1, 2, 3]));
    expect([threeAcks.unacknowledged, threeAcks.complete]).toEqual([[4], false]);
    // a complaint after the acknowledgements: they no longer cover the ceremony
    const late = [...acknowledged(events), complaint(events, 1, 2)];
    expect(qualifyDealers(fp, trustees, late).complete).toBe(false);
    // a dealer disqualified by a founded complaint need not acknowledge
    const bad = withBox(events, 2, 1, mod(goodShare(2, 1) + 1n));
    const q = qualifyDealers(fp, trustees, acknowledged([...bad, complaint(bad, 1, 2)], [1, 3, 4]));
    expect([q.qualified, q.unacknowledged, q.complete]).toEqual([[1, 3, 4], [], true]);
  });
});
