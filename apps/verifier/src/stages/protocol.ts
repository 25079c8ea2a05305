// The results protocol (spec §4.4.1): a document the commission signs after publication, checked against this record.
// Given with --protocol, every figure must be the record's and a threshold of the commission's members must have
// signed it; without one the check looks at nothing and says so.
import { type BoardEventJson, checkResultsProtocol } from '@saylau/protocol';
import type { VerifyContext } from '../context.ts';
import { pathString } from '../context.ts';

export interface ProtocolOptions {
  /** The results protocol's JSON (protocol.json), parsed; anything else fails as MALFORMED. */
  readonly protocol?: unknown;
}

/** anchor.protocol: the protocol equals what the record gives and stands with the commission's signatures. */
export function checkProtocol(ctx: VerifyContext, options: ProtocolOptions): void {
  const { checks, definition, record } = ctx;
  if (options.protocol === undefined) {
    checks.note('anchor.protocol', 'not given: no results protocol was checked against the record (--protocol)');
    return;
  }
  checks.count('anchor.protocol');
  const finalHead = record.manifest?.finalTreeHead ?? record.heads[record.heads.length - 1];
  if (!definition || !finalHead) {
    checks.fail('anchor.protocol', 'protocol', {
      code: 'PROTOCOL_MISMATCH',
      reason: 'the record has no readable definition or final head to check the protocol against',
    });
    return;
  }
  // the protocol reads of the ballots only their number and credentials, which their stubs keep
  const events = Array.from({ length: record.eventCount }, (_, seq) => {
    const event = record.event(seq);
    return event?.type === 'counted-set' ? { ...event, counted: event.counted.list() as string[] } : event;
  }) as (BoardEventJson | undefined)[];
  const verdict = checkResultsProtocol(options.protocol, { definition, events, finalHead });
  for (const p of verdict.problems) {
    checks.fail('anchor.protocol', 'protocol', { code: p.code, path: pathString(p.path), reason: p.message });
  }
  if (verdict.problems.length === 0) checks.note('anchor.protocol', `signed by ${verdict.signers.join(', ')}`);
}
