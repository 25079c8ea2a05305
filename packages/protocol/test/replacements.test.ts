// Credential replacements (spec §3.5.1) and what they do to the count (§6.2): the registry's rules 1–5 and 7, the
// commission's signatures (rule 6), revoked credentials' e-votes dropped, and a revoked ballot's fate.
import { bytesToHex, encodePoint, generateKeyPair } from '@saylau/crypto';
import { describe, expect, it } from 'vitest';
import {
  ballotFate,
  CredentialRegistry,
  countedSet,
  countedSetPayload,
  countedSetProblems,
  credentialRegistryOf,
  type ElectionDefinition,
  fateShownBy,
  replacementSignatureProblems,
  replacementStatement,
  revokedBallotProblems,
  signCommissionStatement,
} from '../src/index.ts';

const key = () => bytesToHex(encodePoint(generateKeyPair().publicKey));
const [a, b, c, d] = [key(), key(), key(), key()] as [string, string, string, string];
const list = [
  { credential: a, district: 'north' },
  { credential: b, district: 'south' },
];
const codes = (registry: CredentialRegistry, r: Parameters<CredentialRegistry['check']>[0]) =>
  registry.check(r).map((p) => [p.code, ...p.path].join(' '));

describe('the replacement rules', () => {
  it('accepts a registered, unrevoked credential replaced by a new one in its district', () => {
    const registry = new CredentialRegistry(list);
    const r = { seq: 5, old: a, new: c, district: 'north' };
    expect(codes(registry, r)).toEqual([]);
    registry.apply(r);
    expect(registry.registered.get(c)).toBe('north');
    expect(registry.revoked.get(a)).toBe(5);
    expect([registry.revokedBefore(a, 5), registry.revokedBefore(a, 6)]).toEqual([false, true]);
  });

  it('names each broken rule: unknown, revoked, wrong district, not new, not a point', () => {
    const registry = new CredentialRegistry(list);
    expect(codes(registry, { seq: 1, old: d, new: c, district: 'north' })).toEqual(['UNKNOWN_CREDENTIAL 1 old']);
    expect(codes(registry, { seq: 1, old: a, new: c, district: 'south' })).toEqual(['WRONG_DISTRICT 1 district']);
    expect(codes(registry, { seq: 1, old: a, new: b, district: 'north' })).toEqual(['DUPLICATE_CREDENTIAL 1 new']);
    expect(codes(registry, { seq: 1, old: a, new: '00'.repeat(32), district: 'north' })).toEqual(['POINT_IS_IDENTITY 1 new']);
    registry.apply({ seq: 2, old: a, new: c, district: 'north' });
    expect(codes(registry, { seq: 3, old: a, new: d, district: 'north' })).toEqual(['CREDENTIAL_REVOKED 3 old']);
    // the revoked credential cannot come back, nor the new one be issued twice
    expect(codes(registry, { seq: 3, old: b, new: a, district: 'south' })).toEqual(['DUPLICATE_CREDENTIAL 3 new']);
    expect(codes(registry, { seq: 3, old: b, new: c, district: 'south' })).toEqual(['DUPLICATE_CREDENTIAL 3 new']);
    // the new credential can itself be replaced later (a second lost letter)
    expect(codes(registry, { seq: 4, old: c, new: d, district: 'north' })).toEqual([]);
  });

  it('reads a board in order and flags ballots after the revocation (rule 7)', () => {
    const events = [
      { seq: 1, time: 't', type: 'credentials', entries: list },
      { seq: 2, time: 't', type: 'credential-replacement', old: a, new: c, district: 'north' },
      { seq: 3, time: 't', type: 'credential-replacement', old: a, new: d, district: 'north' },
    ] as never[];
    const { registry, problems } = credentialRegistryOf(events);
    expect(problems.map((p) => p.code)).toEqual(['CREDENTIAL_REVOKED']);
    const ballots = [
      { seq: 1, credential: a },
      { seq: 4, credential: a },
      { seq: 5, credential: c },
    ];
    expect(revokedBallotProblems(ballots, registry).map((p) => [p.code, ...p.path].join(' '))).toEqual([
      'CREDENTIAL_REVOKED 4 ballot credential',
    ]);
  });

  it('with a commission, needs the threshold of member signatures of { fingerprint, old, new, district }', () => {
    const members = ['m1', 'm2', 'm3'].map((id) => ({ id, key: generateKeyPair() }));
    const definition = {
      commission: {
        threshold: 2,
        members: members.map((m) => ({ id: m.id, name: m.id, publicKey: bytesToHex(encodePoint(m.key.publicKey)) })),
      },
    } as unknown as ElectionDefinition;
    const fp = new Uint8Array(32).fill(7);
    const fpHex = bytesToHex(fp);
    const r = { seq: 9, old: a, new: c, district: 'north' };
    const sign = (m: (typeof members)[number], statement: unknown) =>
      signCommissionStatement(m.key.secretKey, fp, m.id, 'credential-replacement', statement);
    const statement = replacementStatement(fpHex, r);
    expect(statement).toEqual({ fingerprint: fpHex, old: a, new: c, district: 'north' });
    const signed = { ...r, signatures: [sign(members[0]!, statement), sign(members[2]!, statement)] };
    expect(replacementSignatureProblems(definition, fp, fpHex, signed)).toEqual([]);
    const one = { ...r, signatures: [sign(members[0]!, statement)] };
    expect(replacementSignatureProblems(definition, fp, fpHex, one).map((p) => p.code)).toEqual(['NOT_ENOUGH_MEMBERS']);
    const otherNew = { ...r, new: d, signatures: signed.signatures };
    expect(replacementSignatureProblems(definition, fp, fpHex, otherNew).map((p) => p.code)).toEqual([
      'BAD_MEMBER_SIGNATURE',
      'BAD_MEMBER_SIGNATURE',
      'NOT_ENOUGH_MEMBERS',
    ]);
    expect(replacementSignatureProblems({} as ElectionDefinition, fp, fpHex, r)).toEqual([]);
  });
});

describe('revoked credentials in the count (spec §6.2)', () => {
  const ballots = [
    { hash: 'h1', credential: a, seq: 10 },
    { hash: 'h2', credential: a, seq: 11 },
    { hash: 'h3', credential: b, seq: 12 },
    { hash: 'h4', credential: c, seq: 14 },
  ];

  it('drops a revoked credential’s last ballot; revocation wins over a paper vote; every ballot is one of four', () => {
    const set = countedSet(ballots, new Set([a, b]), new Set([a]));
    expect(set).toMatchObject({ counted: ['h4'], superseded: 1, cancelled: 1, revoked: 1 });
    expect(set.counted.length + set.superseded + set.cancelled + set.revoked).toBe(ballots.length);
    expect(countedSetPayload(set)).toMatchObject({ revoked: 1 });
    expect('revoked' in countedSetPayload(countedSet(ballots, new Set()))).toBe(false);
    const posted = { counted: ['h4'], superseded: 1, cancelled: 1 };
    expect(countedSetProblems(posted, set).map((p) => p.path.join(' '))).toEqual(['revoked']);
    expect(countedSetProblems({ ...posted, revoked: 1 }, set)).toEqual([]);
  });

  it('gives a revoked credential’s last ballot the fate revoked, shown by its replacement event', () => {
    const mine = ballots.slice(0, 2);
    expect(ballotFate(mine, 'h2', false, true)).toEqual({ fate: 'revoked', ballot: mine[1] });
    expect(ballotFate(mine, 'h1', false, true)?.fate).toBe('superseded');
    const event = { seq: 13, time: 't', type: 'credential-replacement', old: a, new: c, district: 'north' } as never;
    expect(fateShownBy('revoked', mine[1]!, event)).toBe(true);
    expect(fateShownBy('revoked', ballots[2]!, event)).toBe(false);
  });
});
