// The record's frame and the election's parameters: manifest, generators (spec §2.2), the definition (§3.3), its
// fingerprint (§3.4) and the convenience copies (§7). Everything later binds to the fingerprint computed here.
import { bytesEqual, bytesToHex, decodePoint, deriveGenerator, encodePoint, G, hexToBytes } from '@saylau/crypto';
import {
  definitionProblems,
  ElectionDefinitionSchema,
  encodeJsonFile,
  fingerprintBytes,
  lastResultEvent,
  problemsFromZod,
  RECORD_FILES,
} from '@saylau/protocol';
import { guarded, pathString, type VerifyContext, wholeEvents } from '../context.ts';

/** RFC 9496 §4.4: the canonical encoding of the standard generator. */
const STANDARD_BASE = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76';

/**
 * Known answers of the generator derivation (spec §2.2), from packages/crypto/test/vectors/proofs.json: a verifier
 * whose hash-to-group differs from the spec's would re-derive a different point for every label.
 */
const GENERATOR_VECTORS: readonly { label: string; point: string }[] = [
  { label: 'saylau/v1/generator/h', point: 'cc4a9eb7ec62420ab9f8a1eaa76105ed2a0b782958bfd60fbc1dd859f93d570f' },
  { label: 'election 2025-10/auxiliary', point: '12f1539b5bdb05bb5b8e13727ac1612ada23dbb205c827a55f804ffd7e0ed85c' },
];

/** record.manifest: what reading found wrong with the manifest and the files it vouches for. */
export function checkManifest(ctx: VerifyContext): void {
  const { checks, record } = ctx;
  checks.count('record.manifest', record.fileCount);
  for (const p of record.manifestProblems) {
    checks.fail('record.manifest', `${p.file} ${p.reason}`, { file: p.file, code: p.code, reason: p.reason });
  }
}

/** parameters.generators: G is the standard base, and labelled generators re-derive to the spec's points. */
export function checkGenerators(ctx: VerifyContext): void {
  const { checks } = ctx;
  checks.count('parameters.generators');
  if (bytesToHex(encodePoint(G)) !== STANDARD_BASE) {
    checks.fail('parameters.generators', 'G', { code: 'NONSTANDARD_GENERATOR', reason: 'G is not the RFC 9496 generator' });
  }
  for (const v of GENERATOR_VECTORS) {
    checks.count('parameters.generators');
    const derived = bytesToHex(encodePoint(deriveGenerator(v.label)));
    if (derived !== v.point) {
      checks.fail('parameters.generators', v.label, {
        code: 'GENERATOR_MISMATCH',
        reason: `hash-to-group of "${v.label}" gives ${derived}, the spec says ${v.point}`,
      });
    }
  }
}

/** definition.valid and definition.fingerprint: event 0, its rules, its board key and its fingerprint. */
export function checkDefinition(ctx: VerifyContext): void {
  const { checks, record } = ctx;
  const first = record.events[0];
  checks.count('definition.valid');
  if (first?.type !== 'definition') {
    checks.fail('definition.valid', 'event 0', {
      seq: 0,
      code: 'RECORD_SEQ',
      reason: 'event 0 is not a readable definition event',
    });
    return;
  }
  // The fingerprint binds whatever event 0 holds, valid or not, so later checks can still run against it.
  guarded(ctx, 'definition.fingerprint', { seq: 0 }, () => {
    ctx.fingerprint = fingerprintBytes(first.definition);
    ctx.fingerprintHex = bytesToHex(ctx.fingerprint);
  });
  const parsed = ElectionDefinitionSchema.safeParse(first.definition);
  const problems = parsed.success ? definitionProblems(parsed.data) : problemsFromZod(parsed.error);
  for (const p of problems) {
    checks.fail('definition.valid', `${p.code} ${pathString(p.path)}`, {
      seq: 0,
      path: pathString(['definition', ...p.path]),
      code: p.code,
      reason: p.message,
    });
  }
  if (parsed.success) {
    ctx.definition = parsed.data;
    try {
      ctx.boardKey = decodePoint(hexToBytes(parsed.data.boardKey));
    } catch {
      // reported by definitionProblems above; no head can then verify
    }
  }
  checks.count('definition.fingerprint');
  const claimed = record.manifest?.fingerprint;
  if (ctx.fingerprintHex !== undefined && claimed !== undefined && claimed !== ctx.fingerprintHex) {
    checks.fail('definition.fingerprint', 'manifest', {
      file: RECORD_FILES.manifest,
      code: 'FINGERPRINT_MISMATCH',
      reason: `the manifest says ${claimed}, the definition in event 0 hashes to ${ctx.fingerprintHex}`,
    });
  }
  if (record.manifest && record.manifest.electionId !== first.definition.id) {
    checks.fail('definition.fingerprint', 'electionId', {
      file: RECORD_FILES.manifest,
      code: 'MANIFEST_MISMATCH',
      reason: `the manifest names election "${record.manifest.electionId}", event 0 defines "${first.definition.id}"`,
    });
  }
}

/** record.copies: definition.json and result.json are byte for byte the canonical copies of the board's objects. */
export function checkCopies(ctx: VerifyContext): void {
  const { checks, record } = ctx;
  let first = record.event(0);
  for (let seq = 1; first === undefined && seq < record.eventCount; seq++) first = record.event(seq);
  checks.count('record.copies');
  const definitionCopy = record.files.get(RECORD_FILES.definition);
  if (first?.type === 'definition') {
    if (definitionCopy === undefined || !bytesEqual(definitionCopy, encodeJsonFile(first.definition))) {
      checks.fail('record.copies', RECORD_FILES.definition, {
        file: RECORD_FILES.definition,
        code: 'RECORD_COPY_MISMATCH',
        reason: 'definition.json is not the canonical JSON of the definition in event 0',
      });
    }
  }
  const result = lastResultEvent(wholeEvents(record));
  const resultCopy = record.files.get(RECORD_FILES.result);
  if (result !== undefined || resultCopy !== undefined) checks.count('record.copies');
  if (result === undefined && resultCopy !== undefined) {
    checks.fail('record.copies', RECORD_FILES.result, {
      file: RECORD_FILES.result,
      code: 'RECORD_COPY_MISMATCH',
      reason: 'result.json is present but the board has no result event',
    });
  } else if (result !== undefined && (resultCopy === undefined || !bytesEqual(resultCopy, encodeJsonFile(result)))) {
    checks.fail('record.copies', RECORD_FILES.result, {
      file: RECORD_FILES.result,
      seq: result.seq,
      code: 'RECORD_COPY_MISMATCH',
      reason: 'result.json is not the canonical JSON of the board’s last result event',
    });
  }
}
