// Time (spec §4.5): the board's one timestamp format, the definition's date-times with their own offsets, the period's
// rules for opening, ballots and closing, and the commission's signed early close; and a ballot's fate (spec §6.2).
import { readFileSync } from 'node:fs';
import { bytesToHex, encodePoint, G, generateKeyPair, type KeyPair } from '@saylau/crypto';
import { describe, expect, it } from 'vitest';
import {
  type BoardBallot,
  ballotFate,
  closeProblems,
  EventWire,
  earlyCloseSigningRefusal,
  earlyCloseStatement,
  fateShownBy,
  fingerprintBytes,
  isDefinitionTime,
  OPEN_GRACE_MS,
  openingRefusal,
  parseDefinitionDraft,
  periodOf,
  periodWarnings,
  signCommissionStatement,
  withinPeriod,
} from '../src/index.ts';

const draft = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/definitions/city-referendum.json', import.meta.url), 'utf8'),
);
const boardKey = bytesToHex(encodePoint(G.multiply(7n)));

describe('the definition’s date-times (spec §4.5)', () => {
  it.each([
    '2026-12-01T08:00:00+05:00',
    '2026-12-01T03:00:00Z',
    '2026-12-01T03:00:00.5Z',
    '2026-12-01T03:00:00.123-03:30',
    '2024-02-29T23:59:59Z',
  ])('accepts %s', (value) => {
    expect(isDefinitionTime(value)).toBe(true);
  });

  it.each([
    '2026-12-01T08:00+05:00',
    '2026-12-01 08:00:00Z',
    '2026-12-01T08:00:00',
    '2026-12-01T08:00:00z',
    '2026-12-01T08:00:00.1234Z',
    '2026-02-30T08:00:00Z',
    '2025-02-29T08:00:00Z',
    '2026-12-01T24:00:00Z',
    '2026-12-01T08:60:00Z',
    '2026-12-01T08:00:60Z',
    '2026-12-01T08:00:00+24:00',
    '2026-12-01T08:00:00+0500',
  ])('refuses %s', (value) => {
    expect(isDefinitionTime(value)).toBe(false);
  });

  it('keeps a period written with an offset as written, and reads the same instants from it', () => {
    const local = { ...draft, votingPeriod: { opens: '2026-12-01T08:00:00+05:00', closes: '2026-12-01T20:00:00+05:00' } };
    const utc = { ...draft, votingPeriod: { opens: '2026-12-01T03:00:00Z', closes: '2026-12-01T15:00:00Z' } };
    const a = parseDefinitionDraft(local, boardKey);
    const b = parseDefinitionDraft(utc, boardKey);
    if (!a.ok || !b.ok) throw new Error('both drafts are valid');
    expect(a.value.votingPeriod.opens).toBe('2026-12-01T08:00:00+05:00');
    expect(periodOf(a.value)).toEqual(periodOf(b.value));
    // the fingerprint covers the text: the commission's own time zone is part of what it published
    expect(bytesToHex(fingerprintBytes(a.value))).not.toBe(bytesToHex(fingerprintBytes(b.value)));
  });

  it('refuses a period that ends before it starts, whatever the offsets', () => {
    // 10:00+05:00 is 05:00Z, before 06:00Z
    const bad = { ...draft, votingPeriod: { opens: '2026-12-01T06:00:00Z', closes: '2026-12-01T10:00:00+05:00' } };
    const parsed = parseDefinitionDraft(bad, boardKey);
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.code)).toEqual(['BAD_PERIOD']);
  });
});

describe('the board’s one timestamp format (spec §4.5)', () => {
  const event = { seq: 1, type: 'state', state: 'key-ceremony' };
  it('accepts exactly YYYY-MM-DDTHH:MM:SS.sssZ as an event time', () => {
    expect(EventWire.safeParse({ ...event, time: '2026-12-01T03:00:00.000Z' }).success).toBe(true);
    for (const time of [
      '2026-12-01T03:00:00Z',
      '2026-12-01T08:00:00.000+05:00',
      '2026-12-01T03:00:00.00Z',
      '2026-02-30T03:00:00.000Z',
    ]) {
      expect(EventWire.safeParse({ ...event, time }).success, time).toBe(false);
    }
  });
});

describe('the voting period’s rules (spec §4.5)', () => {
  const period = { opens: Date.parse('2026-12-01T03:00:00Z'), closes: Date.parse('2026-12-01T15:00:00Z') };

  it('opens from 15 minutes before the period until its end', () => {
    expect(openingRefusal(period, period.opens - OPEN_GRACE_MS - 1)).toMatch(/at most 15 minutes before/);
    expect(openingRefusal(period, period.opens - OPEN_GRACE_MS)).toBeNull();
    expect(openingRefusal(period, period.closes - 1)).toBeNull();
    expect(openingRefusal(period, period.closes)).toMatch(/ended/);
  });

  it('takes ballots from opens to closes, both included', () => {
    expect(withinPeriod(period, period.opens - 1)).toBe(false);
    expect(withinPeriod(period, period.opens)).toBe(true);
    expect(withinPeriod(period, period.closes)).toBe(true);
    expect(withinPeriod(period, period.closes + 1)).toBe(false);
  });

  it('flags very long and very short periods', () => {
    expect(periodWarnings(period)).toEqual([]);
    expect(periodWarnings({ opens: 0, closes: 32 * 86_400_000 })[0]).toMatch(/very long \(32 days/);
    expect(periodWarnings({ opens: 0, closes: 59 * 60_000 })[0]).toMatch(/very short \(59 minutes/);
  });
});

describe('an early close (spec §4.5)', () => {
  const members: (KeyPair & { id: string })[] = ['anna', 'bolat', 'dana'].map((id) => ({ id, ...generateKeyPair() }));
  const parsed = parseDefinitionDraft(
    {
      ...draft,
      votingPeriod: { opens: '2026-12-01T08:00:00+05:00', closes: '2026-12-01T20:00:00+05:00' },
      commission: {
        members: members.map((m) => ({ id: m.id, name: m.id, publicKey: bytesToHex(encodePoint(m.publicKey)) })),
        threshold: 2,
      },
    },
    boardKey,
  );
  if (!parsed.ok) throw new Error('the draft is valid');
  const definition = parsed.value;
  const fp = fingerprintBytes(definition);
  const closedAt = '2026-12-01T12:00:00.000Z';
  const early = (signers: typeof members, at = '2026-12-01T11:58:00.000Z', reason = 'every voter has voted') => {
    const statement = earlyCloseStatement(bytesToHex(fp), reason, at);
    return {
      reason,
      at,
      signatures: signers.map((m) => signCommissionStatement(m.secretKey, fp, m.id, 'early-close', statement)),
    };
  };
  const codes = (closed: string, e: unknown) => closeProblems(definition, fp, closed, e).map((p) => p.code);

  it('needs nothing once the period has ended', () => {
    expect(codes('2026-12-01T15:00:00.000Z', undefined)).toEqual([]);
  });

  it('needs the threshold of members before the end', () => {
    expect(codes(closedAt, undefined)).toEqual(['EARLY_CLOSE_UNSIGNED']);
    expect(codes(closedAt, early(members.slice(0, 2)))).toEqual([]);
    expect(codes(closedAt, early(members))).toEqual([]);
    expect(codes(closedAt, early(members.slice(0, 1)))).toEqual(['EARLY_CLOSE_UNSIGNED']);
  });

  it('binds the reason and the time: a changed reason or time no longer verifies', () => {
    const signed = early(members.slice(0, 2));
    expect(codes(closedAt, { ...signed, reason: 'another reason' })).toEqual([
      'BAD_MEMBER_SIGNATURE',
      'BAD_MEMBER_SIGNATURE',
      'EARLY_CLOSE_UNSIGNED',
    ]);
    expect(codes(closedAt, { ...signed, at: '2026-12-01T11:59:00.000Z' })).toContain('EARLY_CLOSE_UNSIGNED');
  });

  it('is signed shortly before the close, not after it and not a day before', () => {
    expect(codes(closedAt, early(members.slice(0, 2), '2026-12-01T12:04:59.000Z'))).toEqual([]);
    expect(codes(closedAt, early(members.slice(0, 2), '2026-12-01T12:05:01.000Z'))).toEqual(['TIME_ORDER']);
    expect(codes(closedAt, early(members.slice(0, 2), '2026-11-30T11:59:59.000Z'))).toEqual(['TIME_ORDER']);
  });

  it('is refused outright when the definition names no commission', () => {
    const { commission: _, ...withoutCommission } = definition;
    const problems = closeProblems(withoutCommission, fp, closedAt, undefined);
    expect(problems.map((p) => p.code)).toEqual(['EARLY_CLOSE_UNSIGNED']);
    expect(problems[0]?.message).toMatch(/names no commission/);
    expect(closeProblems(withoutCommission, fp, closedAt, early(members)).map((p) => p.code)).toEqual(['EARLY_CLOSE_UNSIGNED']);
  });
});

describe('a ballot’s fate (spec §6.2)', () => {
  const ballot = (hash: string, seq: number, credential = 'c1'): BoardBallot => ({ hash, seq, credential });
  const [first, second] = [ballot('h1', 10), ballot('h2', 20)];

  it('is counted, superseded by the credential’s last ballot, or cancelled by a paper vote', () => {
    expect(ballotFate([first, second], 'h2', false)).toEqual({ fate: 'counted', ballot: second });
    expect(ballotFate([first, second], 'h1', false)).toEqual({ fate: 'superseded', ballot: first, by: second });
    expect(ballotFate([first, second], 'h2', true)).toEqual({ fate: 'cancelled', ballot: second });
    // a paper voter's earlier ballots are superseded, as in the counted set's figures
    expect(ballotFate([first, second], 'h1', true)?.fate).toBe('superseded');
    expect(ballotFate([first, second], 'h3', false)).toBeUndefined();
    expect(() => ballotFate([first, ballot('h9', 30, 'c2')], 'h1', false)).toThrow(RangeError);
  });

  it('is shown only by the right board event', () => {
    const base = { time: '2026-12-01T12:00:00.000Z' };
    expect(
      fateShownBy('counted', second, { ...base, seq: 40, type: 'counted-set', counted: ['h2'], superseded: 1, cancelled: 0 }),
    ).toBe(true);
    expect(
      fateShownBy('counted', first, { ...base, seq: 40, type: 'counted-set', counted: ['h2'], superseded: 1, cancelled: 0 }),
    ).toBe(false);
    expect(fateShownBy('cancelled', second, { ...base, seq: 35, type: 'cancellation', credentials: ['c1'] })).toBe(true);
    expect(fateShownBy('cancelled', second, { ...base, seq: 35, type: 'cancellation', credentials: ['c2'] })).toBe(false);
    const later = { ...base, seq: 20, type: 'ballot', supersedes: 'h1', ballot: { credential: 'c1' } } as never;
    expect(fateShownBy('superseded', first, later)).toBe(true);
    expect(fateShownBy('superseded', second, later)).toBe(false);
  });
});

describe('what a member signs as an early close (earlyCloseSigningRefusal)', () => {
  const fp = 'ab'.repeat(32);
  const now = Date.parse('2026-12-01T12:00:00.000Z');
  const good = earlyCloseStatement(fp, 'the storm cut the power', '2026-12-01T11:00:00.000Z');

  it('accepts this election’s fingerprint, a reason and a time within the last 24 hours', () => {
    expect(earlyCloseSigningRefusal(fp, good, now)).toBeNull();
  });

  it.each([
    ['another election', { ...good, fingerprint: 'cd'.repeat(32) }, 'other-election', /another election/],
    ['no reason', { ...good, reason: '   ' }, 'no-reason', /no reason/],
    ['an extra field', { ...good, closes: 'now' }, 'malformed', /not \{ fingerprint, reason, at \}/],
    ['not an object', null, 'malformed', /not \{ fingerprint/],
    ['a time with an offset', { ...good, at: '2026-12-01T16:00:00+05:00' }, 'malformed', /not a UTC timestamp/],
    ['a time in the future', { ...good, at: '2026-12-01T12:06:00.000Z' }, 'in-future', /in the future/],
    ['a time over 24 hours ago', { ...good, at: '2026-11-30T11:59:59.999Z' }, 'too-old', /more than 24 hours ago/],
  ])('refuses %s', (_, statement, code, why) => {
    const refusal = earlyCloseSigningRefusal(fp, statement, now);
    expect(refusal?.code).toBe(code);
    expect(refusal?.message).toMatch(why);
  });
});
