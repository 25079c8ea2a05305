// Witnesses' co-signatures on the server (spec §5.9): kept only when they verify under a witness key of the
// definition and are for a head the server signed; handed out with the heads. And the board key held outside the
// database file: nothing of it in the file, a restart needs it, and an older file that holds its keys still works.
import { dirname } from 'node:path';
import {
  bytesToHex,
  decodePoint,
  encodePoint,
  encodeScalar,
  generateKeyPair,
  hexToBytes,
  publicKeyOf,
  type Scalar,
} from '@saylau/crypto';
import {
  cosignTreeHead,
  type DefinitionDraft,
  fingerprintBytes,
  type SignedTreeHeadJson,
  SignedTreeHeadWire,
  verifyTreeHead,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardKeyError } from '../src/election/board-key.ts';
import { expectStatus, loadDraft, sqliteDb, startServer, type TestServer } from './helpers.ts';

const witnessA = generateKeyPair();
const witnessB = generateKeyPair();
const hex = (secret: Scalar) => bytesToHex(encodePoint(publicKeyOf(secret)));

function witnessedDraft(id: string): DefinitionDraft {
  return {
    ...loadDraft(),
    id,
    witnesses: {
      members: [
        { id: 'observer-a', name: 'Observer A', publicKey: hex(witnessA.secretKey) },
        { id: 'observer-b', name: 'Observer B', publicKey: hex(witnessB.secretKey) },
      ],
      quorum: 2,
    },
  };
}

describe('co-signatures', () => {
  let t: TestServer;
  let fp: Uint8Array;
  const eid = 'witnessed';
  const head = async (query = ''): Promise<SignedTreeHeadJson> =>
    expectStatus(await t.request('GET', `/api/elections/${eid}/tree-head${query}`), 200).json;
  const post = (body: unknown) => t.request('POST', `/api/elections/${eid}/cosignatures`, { body });
  const cosign = (secret: Scalar, witness: string, h: SignedTreeHeadJson) => {
    const { signature } = cosignTreeHead(secret, fp, witness, h);
    return { witness, treeSize: h.treeSize, rootHash: h.rootHash, timestamp: h.timestamp, signature };
  };

  beforeAll(async () => {
    t = await startServer();
    const created = expectStatus(
      await t.request('POST', '/api/elections', { token: t.adminToken, body: witnessedDraft(eid) }),
      201,
    );
    fp = fingerprintBytes(created.json.definition);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps a witness’s co-signature of a signed head and hands it out with the head', async () => {
    const h = await head();
    expect(h.cosignatures).toEqual([]);
    const accepted = expectStatus(await post(cosign(witnessA.secretKey, 'observer-a', h)), 200).json;
    expect(accepted).toEqual({ treeSize: h.treeSize, witness: 'observer-a', cosignedBy: ['observer-a'] });
    // the same witness again (a new signature: Schnorr signatures are randomised) changes nothing
    expect(expectStatus(await post(cosign(witnessA.secretKey, 'observer-a', h)), 200).json.cosignedBy).toEqual(['observer-a']);
    expectStatus(await post(cosign(witnessB.secretKey, 'observer-b', h)), 200);

    const now = await head();
    expect(now.cosignatures?.map((c) => c.witness)).toEqual(['observer-a', 'observer-b']);
    // the board key's signature is over the head's own fields: the co-signatures do not disturb it
    const definition = expectStatus(await t.request('GET', `/api/elections/${eid}`), 200).json.definition;
    const boardKey = decodePoint(hexToBytes(definition.boardKey));
    expect(verifyTreeHead(boardKey, fp, SignedTreeHeadWire.parse(now))).toBe(true);
    expect(await head(`?size=${h.treeSize}`)).toEqual(now);
    const all = expectStatus(await t.request('GET', `/api/elections/${eid}/tree-heads`), 200).json.treeHeads;
    expect(all.at(-1)).toEqual(now);
  });

  it('refuses a witness the definition does not name (403), a bad signature (401), a head it never signed (404)', async () => {
    const h = await head();
    const stranger = expectStatus(await post(cosign(generateKeyPair().secretKey, 'observer-c', h)), 403);
    expect(stranger.json.error.code).toBe('FORBIDDEN');
    // observer-b's name, another key: the signature does not verify under observer-b's key
    const forged = expectStatus(await post(cosign(generateKeyPair().secretKey, 'observer-b', h)), 401);
    expect(forged.json.error.code).toBe('BAD_COSIGNATURE');
    // a genuine signature, but over fields of another head (the size of a head, with another time)
    const otherTime = { ...h, timestamp: '2030-01-01T00:00:00.000Z' };
    const unsigned = expectStatus(await post(cosign(witnessA.secretKey, 'observer-a', otherTime)), 404);
    expect(unsigned.json.error.code).toBe('NOT_FOUND');
    const beyond = expectStatus(await post(cosign(witnessA.secretKey, 'observer-a', { ...h, treeSize: h.treeSize + 5 })), 404);
    expect(beyond.json.error.code).toBe('NOT_FOUND');
    // the signature moved to another size fails as a signature first
    const moved = { ...cosign(witnessA.secretKey, 'observer-a', h), treeSize: h.treeSize + 1 };
    expect(expectStatus(await post(moved), 401).json.error.code).toBe('BAD_COSIGNATURE');
    expect(expectStatus(await post({ witness: 'observer-a' }), 400).json.error.code).toBe('MALFORMED');
    expectStatus(await t.request('GET', `/api/elections/${eid}/tree-head?size=${h.treeSize + 100}`), 404);
    // nothing refused was kept
    expect((await head()).cosignatures?.map((c) => c.witness)).toEqual(['observer-a', 'observer-b']);
  });

  it('an election without witnesses takes no co-signature', async () => {
    expectStatus(await t.request('POST', '/api/elections', { token: t.adminToken, body: { ...loadDraft(), id: 'plain' } }), 201);
    const h = expectStatus(await t.request('GET', '/api/elections/plain/tree-head'), 200).json as SignedTreeHeadJson;
    const answer = await t.request('POST', '/api/elections/plain/cosignatures', {
      body: cosign(witnessA.secretKey, 'observer-a', h),
    });
    expect(expectStatus(answer, 403).json.error.code).toBe('FORBIDDEN');
  });
});

/** Starting the key ceremony: the simplest request that appends a board event (and so signs a head). */
const CEREMONY = { trustees: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] };

describe('the board key outside the database file', () => {
  const boardKey = generateKeyPair();

  it('signs new elections with the given key and keeps nothing of it in the file; a restart needs that key', async () => {
    const warnings: string[] = [];
    let t = await startServer({ boardKey: boardKey.secretKey, warn: (m) => warnings.push(m) });
    const created = expectStatus(
      await t.request('POST', '/api/elections', { token: t.adminToken, body: { ...loadDraft(), id: 'outside' } }),
      201,
    );
    expect(created.json.definition.boardKey).toBe(hex(boardKey.secretKey));
    const row = await t.server.services.storage.elections.get('outside');
    expect(row?.board_secret).toBe('');
    // no copy of the secret anywhere in the file's rows
    const secretHex = bytesToHex(encodeScalar(boardKey.secretKey));
    const dump = JSON.stringify(sqliteDb(t.server).prepare('SELECT * FROM elections').all());
    expect(dump).not.toContain(secretHex);

    // restarted without the key, or with another, the server refuses to start and says why
    await t.server.close();
    const file = { file: t.file, dir: dirname(t.file), clock: t.clock };
    await expect(startServer({}, file)).rejects.toThrow(BoardKeyError);
    await expect(startServer({}, file)).rejects.toThrow(/held outside the database file/);
    await expect(startServer({ boardKey: generateKeyPair().secretKey }, file)).rejects.toThrow(/created with the board key/);

    t = await startServer({ boardKey: boardKey.secretKey, warn: (m) => warnings.push(m) }, file);
    // it signs again: starting the ceremony appends an event and a head the key verifies
    expectStatus(await t.request('POST', '/api/elections/outside/ceremony', { token: t.adminToken, body: CEREMONY }), 200);
    const h = SignedTreeHeadWire.parse(expectStatus(await t.request('GET', '/api/elections/outside/tree-head'), 200).json);
    expect(h.treeSize).toBeGreaterThan(1);
    expect(verifyTreeHead(boardKey.publicKey, fingerprintBytes(created.json.definition), h)).toBe(true);
    expect(warnings).toEqual([]);
    await t.close();
  });

  it('a file made before the key file keeps working with its own key, with a warning; new elections use the key file', async () => {
    let t = await startServer();
    const old = expectStatus(
      await t.request('POST', '/api/elections', { token: t.adminToken, body: { ...loadDraft(), id: 'older' } }),
      201,
    );
    await t.server.close();
    const warnings: string[] = [];
    t = await startServer(
      { boardKey: boardKey.secretKey, warn: (m) => warnings.push(m) },
      { file: t.file, dir: dirname(t.file), clock: t.clock },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/election older: its board key is still kept in the database file/);
    expectStatus(await t.request('POST', '/api/elections/older/ceremony', { token: t.adminToken, body: CEREMONY }), 200);
    const h = SignedTreeHeadWire.parse(expectStatus(await t.request('GET', '/api/elections/older/tree-head'), 200).json);
    const oldKey = decodePoint(hexToBytes(old.json.definition.boardKey));
    expect(verifyTreeHead(oldKey, fingerprintBytes(old.json.definition), h)).toBe(true);
    const fresh = expectStatus(
      await t.request('POST', '/api/elections', { token: t.adminToken, body: { ...loadDraft(), id: 'newer' } }),
      201,
    );
    expect(fresh.json.definition.boardKey).toBe(hex(boardKey.secretKey));
    await t.close();
  });
});
