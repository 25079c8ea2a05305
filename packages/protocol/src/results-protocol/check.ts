// Signing and checking the results protocol (spec §4.4.1): a member signs the document without its signatures as a
// commission statement of kind `results-protocol`; a check rebuilds the document from the record, compares it leaf
// by leaf, and counts the members whose signatures verify.
import type { Scalar } from '@saylau/crypto';
import { canonicalJson } from '../canonical-json.ts';
import { signCommissionStatement, verifyCommissionSignatures } from '../commission/signatures.ts';
import { fingerprintBytes } from '../definition/fingerprint.ts';
import { problemsFromZod } from '../definition/validate.ts';
import { type Problem, problem } from '../errors.ts';
import {
  buildResultsProtocol,
  type ResultsProtocol,
  ResultsProtocolSchema,
  type ResultsProtocolSource,
  resultsProtocolStatement,
} from './document.ts';

/** The commission statement kind of the protocol (spec §4.4): its signatures serve no other statement. */
export const RESULTS_PROTOCOL_KIND = 'results-protocol';

/**
 * The protocol with member `member`'s signature added (a signature of the same member already on it is replaced).
 * `fingerprint` is the election's, from its definition: it is part of the signature's context.
 */
export function signResultsProtocol(
  protocol: ResultsProtocol,
  secretKey: Scalar,
  fingerprint: Uint8Array,
  member: string,
): ResultsProtocol {
  const statement = resultsProtocolStatement(protocol);
  const signature = signCommissionStatement(secretKey, fingerprint, member, RESULTS_PROTOCOL_KIND, statement);
  return { ...protocol, signatures: [...protocol.signatures.filter((s) => s.member !== member), signature] };
}

/** Every leaf where `have` and `want` differ, as PROTOCOL_MISMATCH at its path (at most `limit`). */
function differences(have: unknown, want: unknown, path: (string | number)[], out: Problem[], limit = 50): void {
  if (out.length >= limit) return;
  const bothObjects =
    typeof have === 'object' &&
    have !== null &&
    typeof want === 'object' &&
    want !== null &&
    Array.isArray(have) === Array.isArray(want);
  if (!bothObjects) {
    if (canonicalJson(have ?? null) !== canonicalJson(want ?? null)) {
      out.push(
        problem(
          'PROTOCOL_MISMATCH',
          path,
          `the protocol says ${JSON.stringify(have) ?? 'nothing'}; the record gives ${JSON.stringify(want) ?? 'nothing'}`,
        ),
      );
    }
    return;
  }
  const a = have as Record<string, unknown>;
  const b = want as Record<string, unknown>;
  const keys = Array.isArray(have)
    ? Array.from({ length: Math.max((have as unknown[]).length, (want as unknown[]).length) }, (_, i) => i)
    : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) differences(a[key], b[key], [...path, key], out, limit);
}

/** What a check of a protocol found: who signed, and every problem. */
export interface ResultsProtocolVerdict {
  /** Members whose signatures verify, in the definition's order. */
  readonly signers: readonly string[];
  /** PROTOCOL_MISMATCH, BAD_MEMBER_SIGNATURE, PROTOCOL_UNSIGNED, or MALFORMED for a document of the wrong shape. */
  readonly problems: readonly Problem[];
}

/**
 * Checks a protocol (any JSON value) against the record it certifies (spec §4.4.1): its shape (MALFORMED); every
 * figure against the record (PROTOCOL_MISMATCH, path into the document; `recordUrl` and `signatures` are not derived
 * from the record); every signature (BAD_MEMBER_SIGNATURE); and at least the commission's threshold of distinct
 * members (PROTOCOL_UNSIGNED, also when the definition names no commission to sign it). Never throws on bad input.
 */
export function checkResultsProtocol(protocol: unknown, source: ResultsProtocolSource): ResultsProtocolVerdict {
  const parsed = ResultsProtocolSchema.safeParse(protocol);
  if (!parsed.success) {
    return { signers: [], problems: problemsFromZod(parsed.error).map((p) => problem('MALFORMED', p.path, p.message)) };
  }
  // the schema decodes the signatures; the commission's check reads them as they travel
  const document = protocol as ResultsProtocol;
  const expected = buildResultsProtocol(source, document.recordUrl === undefined ? {} : { recordUrl: document.recordUrl });
  if (!expected.ok) return { signers: [], problems: expected.problems };
  const problems: Problem[] = [];
  differences(resultsProtocolStatement(document), resultsProtocolStatement(expected.value), [], problems);
  // Signatures are checked over the statement as the record gives it: a signature over other figures does not verify.
  const verdict = verifyCommissionSignatures(
    source.definition,
    fingerprintBytes(source.definition),
    RESULTS_PROTOCOL_KIND,
    resultsProtocolStatement(expected.value),
    document.signatures,
  );
  problems.push(...verdict.problems.map((p) => problem(p.code, ['signatures', ...p.path], p.message)));
  if (!verdict.enough) {
    const commission = source.definition.commission;
    problems.push(
      problem(
        'PROTOCOL_UNSIGNED',
        ['signatures'],
        commission
          ? `${verdict.signers.length} of the ${commission.threshold} commission members needed signed the protocol`
          : 'the definition names no commission whose members could sign the protocol',
      ),
    );
  }
  return { signers: verdict.signers, problems };
}
