// Test helpers: sample definitions from test/fixtures with a fresh board key, and a small election context.
import { readFileSync } from 'node:fs';
import { bytesToHex, encodePoint, generateKeyPair, prepareElectionKey, type Scalar } from '@saylau/crypto';
import { type ElectionDefinition, fingerprintBytes, parseDefinitionDraft } from '../src/index.ts';

export function loadDefinition(name: string): { definition: ElectionDefinition; boardSecret: Scalar } {
  const draft = JSON.parse(readFileSync(new URL(`../../../test/fixtures/definitions/${name}.json`, import.meta.url), 'utf8'));
  const board = generateKeyPair();
  const parsed = parseDefinitionDraft(draft, bytesToHex(encodePoint(board.publicKey)));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return { definition: parsed.value, boardSecret: board.secretKey };
}

export function electionContext(name = 'city-referendum') {
  const { definition, boardSecret } = loadDefinition(name);
  const key = generateKeyPair();
  return {
    definition,
    boardSecret,
    fingerprint: fingerprintBytes(definition),
    electionKey: prepareElectionKey(key.publicKey),
    electionSecret: key.secretKey,
  };
}
