// The results protocol (spec §4.4.1): built from the committed sample record, signed by two of three members of a
// simulated commission, and checked; a changed count, head or signature, or too few signers, fails with its code.
import { readFileSync } from 'node:fs';
import { generateKeyPair } from '@saylau/crypto';
import { describe, expect, it } from 'vitest';
import {
  buildResultsProtocol,
  checkResultsProtocol,
  type ResultsProtocol,
  type ResultsProtocolSource,
  readRecordFiles,
  signResultsProtocol,
} from '../src/index.ts';
import { simulateElection } from '../src/node.ts';

const fixtures = new URL('../../../test/fixtures/', import.meta.url);

function sampleSource(): ResultsProtocolSource {
  const names = ['manifest.json', 'events.jsonl', 'tree-heads.jsonl', 'definition.json', 'result.json'];
  const files = new Map(names.map((n) => [n, new Uint8Array(readFileSync(new URL(`sample-record/${n}`, fixtures)))]));
  const record = readRecordFiles(files);
  if (!record.ok) throw new Error(JSON.stringify(record.problems));
  return { definition: record.value.definition, events: record.value.eventsJson, finalHead: record.value.manifest.finalTreeHead };
}

function built(source: ResultsProtocolSource, recordUrl?: string): ResultsProtocol {
  const protocol = buildResultsProtocol(source, recordUrl === undefined ? {} : { recordUrl });
  if (!protocol.ok) throw new Error(JSON.stringify(protocol.problems));
  return protocol.value;
}

const codes = (protocol: unknown, source: ResultsProtocolSource) =>
  checkResultsProtocol(protocol, source).problems.map((p) => p.code);

describe('the document built from the sample record', () => {
  const source = sampleSource();
  const protocol = built(source, 'https://example.org/record');
  const result = JSON.parse(readFileSync(new URL('sample-record/result.json', fixtures), 'utf8'));
  const manifest = JSON.parse(readFileSync(new URL('sample-record/manifest.json', fixtures), 'utf8'));

  it('carries the election, register, e-votes, the result event’s figures and the final head', () => {
    expect(protocol.format).toBe('saylau-results-protocol');
    expect(protocol.election).toBe('almaty-2026-parks');
    expect(protocol.title.kk).toBe(source.definition.title.kk);
    expect(protocol.fingerprint).toBe(manifest.fingerprint);
    expect(protocol.register).toEqual({ sizes: { bostandyk: 15, medeu: 15 }, total: 30 });
    const ballots = source.events.filter((e) => e?.type === 'ballot');
    const counted = source.events.find((e) => e?.type === 'counted-set');
    expect(protocol.eVoting.ballots).toBe(ballots.length);
    expect(protocol.eVoting.counted).toBe(counted?.type === 'counted-set' ? counted.counted.length : -1);
    expect(protocol.eVoting.cancelled).toBe(2);
    // every voter either counts once or was superseded/cancelled: ballots = counted + superseded + cancelled + revoked
    const e = protocol.eVoting;
    expect(e.counted + e.superseded + e.cancelled + e.revoked).toBe(e.ballots);
    expect(e.eVoters).toBe(e.ballots - e.superseded);
    expect(protocol.results).toEqual({ districts: result.districts, overall: result.overall });
    expect(protocol.validity).toEqual(result.validity);
    expect(protocol.finalHead).toEqual({
      treeSize: manifest.finalTreeHead.treeSize,
      rootHash: manifest.finalTreeHead.rootHash,
      timestamp: manifest.finalTreeHead.timestamp,
    });
    expect(protocol.recordUrl).toBe('https://example.org/record');
    expect(protocol.signatures).toEqual([]);
  });

  it('matches its record, but without a commission nobody can sign it (PROTOCOL_UNSIGNED)', () => {
    expect(codes(protocol, source)).toEqual(['PROTOCOL_UNSIGNED']);
  });

  it('cannot be built before there is a result', () => {
    const early = buildResultsProtocol({ ...source, events: source.events.filter((e) => e?.type !== 'result') });
    expect(early.ok).toBe(false);
    expect(!early.ok && early.problems[0]?.code).toBe('PROTOCOL_MISMATCH');
  });

  it('a document of the wrong shape is MALFORMED, not a crash', () => {
    expect(codes({ ...protocol, extra: 1 }, source)).toEqual(['MALFORMED']);
    expect(codes('protocol', source)).toEqual(['MALFORMED']);
  });
});

describe('signed by the commission', () => {
  const draft = JSON.parse(readFileSync(new URL('definitions/city-referendum.json', fixtures), 'utf8'));
  const sim = simulateElection({ draft, voters: 8, seed: 'protocol-test', commission: { members: 3, threshold: 2 } });
  const finalHead = sim.treeHeads[sim.treeHeads.length - 1];
  if (!finalHead) throw new Error('no head');
  const source: ResultsProtocolSource = { definition: sim.definition, events: sim.events, finalHead };
  const [m1, m2, m3] = sim.secrets.members;
  if (!m1 || !m2 || !m3) throw new Error('three members');
  const once = signResultsProtocol(built(source), m1.secretKey, sim.fingerprint, m1.id);
  const twice = signResultsProtocol(once, m2.secretKey, sim.fingerprint, m2.id);

  it('two of three members’ signatures stand', () => {
    const verdict = checkResultsProtocol(twice, source);
    expect(verdict.problems).toEqual([]);
    expect(verdict.signers).toEqual([m1.id, m2.id]);
    // through JSON, as the file travels
    expect(checkResultsProtocol(JSON.parse(JSON.stringify(twice)), source).problems).toEqual([]);
  });

  it('one signature is too few (PROTOCOL_UNSIGNED); signing again replaces, never doubles', () => {
    expect(codes(once, source)).toEqual(['PROTOCOL_UNSIGNED']);
    const again = signResultsProtocol(once, m1.secretKey, sim.fingerprint, m1.id);
    expect(again.signatures).toHaveLength(1);
    expect(codes(again, source)).toEqual(['PROTOCOL_UNSIGNED']);
  });

  it('a changed count is PROTOCOL_MISMATCH at its path, and the signatures no longer verify for it', () => {
    const tampered = structuredClone(twice);
    const first = tampered.results.overall[0];
    if (!first) throw new Error('no result');
    const option = Object.keys(first.counts)[0] as string;
    first.counts[option] = (first.counts[option] ?? 0) + 1;
    const verdict = checkResultsProtocol(tampered, source);
    expect(verdict.problems.filter((p) => p.code === 'PROTOCOL_MISMATCH').map((p) => p.path)).toEqual([
      ['results', 'overall', 0, 'counts', option],
    ]);
    // the signatures were made over the record's figures, so they still verify: the mismatch is the failure
    expect(verdict.signers).toEqual([m1.id, m2.id]);
  });

  it('a count changed and re-signed by the members still fails: the document must be the record’s', () => {
    const tampered = structuredClone(built(source));
    tampered.eVoting.counted += 1;
    const resigned = signResultsProtocol(
      signResultsProtocol(tampered, m1.secretKey, sim.fingerprint, m1.id),
      m2.secretKey,
      sim.fingerprint,
      m2.id,
    );
    expect(codes(resigned, source)).toEqual([
      'PROTOCOL_MISMATCH',
      'BAD_MEMBER_SIGNATURE',
      'BAD_MEMBER_SIGNATURE',
      'PROTOCOL_UNSIGNED',
    ]);
  });

  it('another final head is PROTOCOL_MISMATCH at finalHead', () => {
    const tampered = structuredClone(twice);
    tampered.finalHead.rootHash = '00'.repeat(32);
    tampered.finalHead.treeSize -= 1;
    const paths = checkResultsProtocol(tampered, source)
      .problems.filter((p) => p.code === 'PROTOCOL_MISMATCH')
      .map((p) => p.path.join('.'));
    expect(paths).toEqual(['finalHead.rootHash', 'finalHead.treeSize']);
  });

  it('a flipped, unknown or repeated signature is BAD_MEMBER_SIGNATURE', () => {
    const flipped = structuredClone(twice);
    const sig = flipped.signatures[1];
    if (!sig) throw new Error('no signature');
    sig.signature.response = sig.signature.response.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(codes(flipped, source)).toEqual(['BAD_MEMBER_SIGNATURE', 'PROTOCOL_UNSIGNED']);

    const stranger = generateKeyPair();
    const unknown = signResultsProtocol(twice, stranger.secretKey, sim.fingerprint, 'stranger');
    const verdict = checkResultsProtocol(unknown, source);
    expect(verdict.problems.map((p) => [p.code, p.path.join('.')])).toEqual([['BAD_MEMBER_SIGNATURE', 'signatures.2']]);

    const repeated = { ...twice, signatures: [...twice.signatures, twice.signatures[0]] };
    expect(codes(repeated, source)).toEqual(['BAD_MEMBER_SIGNATURE']);
  });

  it('a member’s decision signature does not serve as a protocol signature (the kind separates them)', () => {
    const decision = sim.events.find((e) => e.type === 'commission-decision');
    if (decision?.type !== 'commission-decision') throw new Error('no decision');
    const borrowed = { ...built(source), signatures: decision.signatures };
    expect(codes(borrowed, source)).toEqual(['BAD_MEMBER_SIGNATURE', 'BAD_MEMBER_SIGNATURE', 'PROTOCOL_UNSIGNED']);
  });
});
