// The key ceremony (spec §2.10–2.11, §4.3): keys, commitments, boxes and complaints run through the protocol's one
// qualification algorithm; every rule it finds broken fails a check, and the joint key is recomputed from its Q.
import {
  bytesToHex,
  type DealerCommitment,
  encodePoint,
  G,
  jointPublicKey,
  type Point,
  prepareElectionKey,
} from '@saylau/crypto';
import {
  type BoardEventJson,
  CEREMONY_PART_OF,
  type CeremonyEvent,
  type CeremonyPart,
  decodeEvent,
  type EventOf,
  type EventType,
  qualifyDealers,
} from '@saylau/protocol';
import type { CheckId } from '../checks.ts';
import { pathString, type VerifyContext } from '../context.ts';

/** Decodes every event of a type; a non-canonical point or scalar is a failure of `id`. */
export function decodedEvents<T extends EventType>(ctx: VerifyContext, type: T, id: CheckId): EventOf<T>[] {
  const out: EventOf<T>[] = [];
  ctx.record.events.forEach((json, seq) => {
    if (json?.type !== type) return;
    // never a ballot (kept as a stub): the stages decode the ceremony's, processing's and result's events
    const decoded = decodeEvent(json as BoardEventJson);
    if (decoded.ok) out.push(decoded.value as EventOf<T>);
    else {
      for (const p of decoded.problems) {
        ctx.checks.fail(id, `seq ${seq}`, { seq, path: pathString(p.path), code: p.code, reason: p.message });
      }
    }
  });
  return out;
}

const PART_CHECK = {
  keys: 'trustees.keys',
  commitments: 'trustees.commitments',
  shares: 'trustees.shares',
  complaints: 'trustees.complaints',
  acknowledgements: 'trustees.acknowledgements',
  outcome: 'trustees.joint-key',
} as const satisfies Record<CeremonyPart, CheckId>;

/** trustees.*: the whole ceremony; leaves the recomputed election key and qualified dealers on the context. */
export function checkCeremony(ctx: VerifyContext): void {
  const { checks, definition, fingerprint } = ctx;
  if (!definition || !fingerprint) return;
  const { count: n, threshold: t } = definition.trustees;
  const events: CeremonyEvent[] = [
    ...decodedEvents(ctx, 'trustee-key', 'trustees.keys'),
    ...decodedEvents(ctx, 'trustee-commitment', 'trustees.commitments'),
    ...decodedEvents(ctx, 'trustee-shares', 'trustees.shares'),
    ...decodedEvents(ctx, 'trustee-complaint', 'trustees.complaints'),
    ...decodedEvents(ctx, 'trustee-acknowledgement', 'trustees.acknowledgements'),
  ].sort((a, b) => a.seq - b.seq);
  for (const event of events) checks.count(PART_CHECK[CEREMONY_PART_OF[event.type]]);
  // One algorithm decides who is qualified, the same the server and the trustees' client run (spec §4.3).
  const outcome = qualifyDealers(fingerprint, definition.trustees, events);
  for (const v of outcome.violations) {
    checks.fail(PART_CHECK[v.part], v.seq === undefined ? `trustee ${v.trustee}` : `seq ${v.seq}`, {
      ...(v.seq === undefined ? {} : { seq: v.seq }),
      ...(v.trustee === undefined ? {} : { trustee: v.trustee }),
      code: v.code,
      reason: v.message,
    });
  }
  const keyPublished = ctx.record.events.some((e) => e?.type === 'election-key');
  if (keyPublished) {
    for (const x of outcome.absent) {
      checks.fail('trustees.joint-key', `trustee ${x}`, {
        trustee: x,
        code: 'CEREMONY_INCOMPLETE',
        reason: 'the election key was published without this trustee’s key, commitment and shares (spec §4.3 step 6)',
      });
    }
    for (const x of outcome.unacknowledged) {
      checks.fail('trustees.acknowledgements', `trustee ${x}`, {
        trustee: x,
        code: 'CEREMONY_INCOMPLETE',
        reason:
          'the election key was published before this trustee acknowledged the ceremony as it finally stood (spec §4.3 step 6)',
      });
    }
  }
  const qualified = outcome.qualified.map((d) => outcome.commitments.get(d) as DealerCommitment);
  const keyEvents = decodedEvents(ctx, 'election-key', 'trustees.joint-key');
  const published = keyEvents[0];
  if (keyPublished) checks.count('trustees.joint-key');
  else checks.note('trustees.joint-key', 'the board has no election key yet');
  let key: Point | undefined;
  if (qualified.length > 0) key = jointPublicKey(qualified);
  if (published && outcome.disqualified.size > 0) {
    const left = [...outcome.disqualified].map(([d, why]) => `dealer ${d}: ${why}`).join('; ');
    checks.note('trustees.joint-key', `not qualified — ${left}`);
  }
  if (published) {
    const where = { seq: published.seq };
    const claimed = published.qualified.join(', ');
    const recomputed = qualified.map((d) => d.dealer).join(', ');
    if (claimed !== recomputed) {
      checks.fail('trustees.joint-key', 'qualified', {
        ...where,
        code: 'WRONG_QUALIFIED_SET',
        reason: `the board says dealers [${claimed}] are qualified; the ceremony's qualification (spec §4.3) gives [${recomputed}]`,
      });
    }
    // absent or unacknowledged trustees are reported above; this is about too many dealers left out
    if (qualified.length < n - t + 1) {
      checks.fail('trustees.joint-key', 'threshold', {
        ...where,
        code: 'NOT_ENOUGH_TRUSTEES',
        reason: `${qualified.length} of ${n} dealers qualified; with threshold ${t} at least ${n - t + 1} must (left out: ${[...outcome.disqualified].map(([d, why]) => `${d}: ${why}`).join('; ')})`,
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
  ctx.trusteeKeys = outcome.keys;
  if (key && !key.is0()) ctx.electionKey = prepareElectionKey(key);
}
