// Authenticity from outside the record (spec §3.4, §5.6): the fingerprint the commission published and a signed
// head an observer saved during voting. Without them the record proves only that it agrees with itself.
import { bytesToHex, hexToBytes } from '@saylau/crypto';
import { type SignedTreeHeadJson, SignedTreeHeadWire, verifyConsistency, verifyTreeHead } from '@saylau/protocol';
import type { VerifyContext } from '../context.ts';

export interface AnchorOptions {
  /** The election fingerprint published outside the record (64 hex). */
  readonly expectFingerprint?: string;
  /** A signed tree head saved during voting (its JSON, or a receipt holding it as `treeHead`). */
  readonly trustedHead?: unknown;
}

export interface AnchorSummary {
  readonly fingerprint: { readonly expected: string; readonly actual: string | null; readonly ok: boolean } | null;
  readonly trustedHead: {
    readonly treeSize: number | null;
    readonly rootHash: string | null;
    readonly timestamp: string | null;
    readonly ok: boolean;
  } | null;
  /** One sentence on what the anchors establish, or that there were none. */
  readonly statement: string;
}

const NO_ANCHOR =
  'No outside anchor was given: this report shows only that the record is consistent with itself. Compare the ' +
  'fingerprint with the one the commission published (--expect-fingerprint) or check a head saved during voting ' +
  '(--trusted-head) to know it is the election that was held.';

/** A head file holds a signed head, or a receipt or API answer with the head as `treeHead`. */
function headOf(input: unknown): unknown {
  if (typeof input === 'object' && input !== null && 'treeHead' in input) return (input as { treeHead: unknown }).treeHead;
  return input;
}

export function checkAnchors(ctx: VerifyContext, options: AnchorOptions): AnchorSummary {
  const { checks, fingerprintHex } = ctx;
  let fingerprint: AnchorSummary['fingerprint'] = null;
  let trustedHead: AnchorSummary['trustedHead'] = null;

  if (options.expectFingerprint === undefined) {
    checks.note('anchor.fingerprint', 'not given: the fingerprint was not compared with an outside publication');
  } else {
    const expected = options.expectFingerprint.trim().toLowerCase();
    const ok = fingerprintHex !== undefined && expected === fingerprintHex;
    checks.count('anchor.fingerprint');
    if (!ok) {
      checks.fail('anchor.fingerprint', 'fingerprint', {
        code: 'FINGERPRINT_MISMATCH',
        reason: `the record's election has fingerprint ${fingerprintHex ?? '(none)'}, the published one is ${expected}`,
      });
    }
    fingerprint = { expected, actual: fingerprintHex ?? null, ok };
  }

  if (options.trustedHead === undefined) {
    checks.note('anchor.trusted-head', 'not given: no head saved during voting was checked against the record');
  } else {
    checks.count('anchor.trusted-head');
    const raw = headOf(options.trustedHead) as Partial<SignedTreeHeadJson> | undefined;
    const failures: string[] = [];
    const parsed = SignedTreeHeadWire.safeParse(raw);
    const { boardKey, fingerprint: fp, merkle } = ctx;
    if (!parsed.success) failures.push('the file is not a signed tree head');
    else {
      const head = parsed.data;
      if (boardKey === undefined || fp === undefined || !verifyTreeHead(boardKey, fp, head)) {
        failures.push('the head is not signed by this election’s board key');
      }
      const finalSize = merkle?.size ?? 0;
      const finalRoot = merkle?.root();
      if (merkle === undefined || finalRoot === undefined) failures.push('the board could not be recomputed');
      else if (head.treeSize > finalSize) {
        failures.push(`the head covers ${head.treeSize} events; the record's board has only ${finalSize} (rolled back)`);
      } else {
        // The proof is made from the record's own leaves and checked as a receipt holder would (RFC 9162 §2.1.4).
        const proof = merkle.consistencyProof(head.treeSize, finalSize);
        if (!verifyConsistency(head.treeSize, finalSize, hexToBytes(head.rootHash), finalRoot, proof)) {
          failures.push(
            `the record's board does not extend the head: its first ${head.treeSize} events have root ` +
              `${bytesToHex(merkle.root(head.treeSize))}, the head says ${head.rootHash} (rewritten or forked)`,
          );
        }
      }
    }
    for (const reason of failures) checks.fail('anchor.trusted-head', 'trusted head', { code: 'UNTRUSTED_HEAD', reason });
    trustedHead = {
      treeSize: typeof raw?.treeSize === 'number' ? raw.treeSize : null,
      rootHash: typeof raw?.rootHash === 'string' ? raw.rootHash : null,
      timestamp: typeof raw?.timestamp === 'string' ? raw.timestamp : null,
      ok: failures.length === 0,
    };
  }

  // no check after this one reads the tree
  ctx.merkle = undefined;

  let statement = NO_ANCHOR;
  if (fingerprint || trustedHead) {
    const parts: string[] = [];
    if (fingerprint)
      parts.push(
        fingerprint.ok ? 'the fingerprint matches the published one' : 'the fingerprint does NOT match the published one',
      );
    if (trustedHead) {
      parts.push(
        trustedHead.ok
          ? `the board extends the head of size ${trustedHead.treeSize} saved during voting`
          : 'the head saved during voting does NOT check against this record',
      );
    }
    statement = `${parts.join('; ')}.`;
    statement = statement.charAt(0).toUpperCase() + statement.slice(1);
  }
  return { fingerprint, trustedHead, statement };
}
