// Tampering with the witnesses' co-signatures (spec §5.9): the honest record's heads are co-signed by its two
// witnesses (quorum 2). A record whose final head lacks the quorum, or carries a co-signature that does not verify,
// fails board.witnesses — including a board the server rewrote and re-signed with its own key, which passes every
// other board check.
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../packages/crypto/src/index.ts';
import { cosignTreeHead, type SignedTreeHeadJson } from '../../packages/protocol/src/index.ts';
import { expectCaught, failedChecks, honest, ofType, tamper } from './harness.ts';

const last = (heads: SignedTreeHeadJson[]) => heads[heads.length - 1] as SignedTreeHeadJson;

async function witnessFailures(files: Map<string, Uint8Array>) {
  const report = await expectCaught(files, 'board.witnesses');
  return report.checks.find((c) => c.id === 'board.witnesses')?.failures ?? [];
}

describe('the witnesses’ co-signatures', () => {
  it('the honest record’s final head carries the quorum: board.witnesses passes', async () => {
    expect(honest().treeHeads.every((h) => h.cosignatures?.length === 2)).toBe(true);
    expect(await failedChecks(tamper(() => {}))).toEqual([]);
  });

  it('a final head with only one witness’s co-signature → board.witnesses (NOT_ENOUGH_WITNESSES)', async () => {
    const files = tamper((board) => {
      const final = last(board.heads);
      final.cosignatures = final.cosignatures?.slice(0, 1);
    });
    const failures = await witnessFailures(files);
    expect(failures.map((f) => f.code)).toEqual(['NOT_ENOUGH_WITNESSES']);
    expect(failures[0]?.reason).toMatch(/co-signed by 1 distinct witnesses \(witness-1\); the definition's quorum is 2/);
  });

  it('one witness’s co-signature counted twice to make up the quorum → board.witnesses', async () => {
    const files = tamper((board, sim) => {
      const final = last(board.heads);
      const witness = sim.secrets.witnesses[0];
      if (!witness) throw new Error('no witness');
      final.cosignatures = [
        cosignTreeHead(witness.secretKey, sim.fingerprint, witness.id, final),
        cosignTreeHead(witness.secretKey, sim.fingerprint, witness.id, final),
      ];
    });
    const codes = (await witnessFailures(files)).map((f) => f.code).sort();
    expect(codes).toEqual(['BAD_COSIGNATURE', 'NOT_ENOUGH_WITNESSES']);
  });

  it('a co-signature with a changed response on an earlier head → board.witnesses (BAD_COSIGNATURE)', async () => {
    const files = tamper((board) => {
      const cosignature = board.heads[1]?.cosignatures?.[1];
      if (!cosignature) throw new Error('no co-signature');
      const flipped = cosignature.signature.response.startsWith('0') ? '1' : '0';
      cosignature.signature.response = `${flipped}${cosignature.signature.response.slice(1)}`;
    });
    const failures = await witnessFailures(files);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ head: 1, code: 'BAD_COSIGNATURE' });
    // only the co-signature is wrong: the head itself still verifies
    expect(await failedChecks(files)).toEqual(['board.witnesses']);
  });

  it('a co-signature moved from another head, or by a key the definition does not name → BAD_COSIGNATURE', async () => {
    const files = tamper((board, sim) => {
      const final = last(board.heads);
      const earlier = board.heads[0]?.cosignatures?.[0];
      if (!earlier || !final.cosignatures) throw new Error('no co-signatures');
      final.cosignatures[0] = earlier;
      final.cosignatures.push(cosignTreeHead(generateKeyPair().secretKey, sim.fingerprint, 'witness-3', final));
    });
    const failures = await witnessFailures(files);
    expect(failures.map((f) => f.code).sort()).toEqual(['BAD_COSIGNATURE', 'BAD_COSIGNATURE', 'NOT_ENOUGH_WITNESSES']);
    expect(failures.map((f) => f.reason).join(' ')).toMatch(/"witness-3" is not a witness named in the definition/);
  });

  it('a board rewritten and re-signed with the board key (a restored server) passes the head checks but not board.witnesses', async () => {
    // A ballot dropped, every head re-signed by the genuine board key: self-consistent, but no witness co-signed it.
    const files = tamper(
      (board) => {
        const ballot = ofType(board, 'ballot')[0];
        if (!ballot) throw new Error('no ballot');
        board.events.splice(board.events.indexOf(ballot), 1);
      },
      { renumber: true, resign: true },
    );
    const failed = await failedChecks(files);
    expect(failed).toContain('board.witnesses');
    for (const id of ['board.merkle', 'board.tree-heads', 'board.consistency'] as const) expect(failed).not.toContain(id);
  });
});
