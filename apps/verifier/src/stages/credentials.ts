// The public credential list and the frozen register (spec §3.5): canonical keys, none twice, known districts, and
// register sizes that can hold every credential — the denominators of every quorum — and the re-issued letters'
// credential replacements (spec §3.5.1).
import { decodePoint, hexToBytes } from '@saylau/crypto';
import {
  credentialRegistryOf,
  decodeErrorCode,
  type ErrorCode,
  type Problem,
  replacementSignatureProblems,
  revokedBallotProblems,
} from '@saylau/protocol';
import { eventsOfType, pathString, type VerifyContext, wholeEvents } from '../context.ts';

/** credentials.list (but the encodings) and credentials.register; leaves the credential → district map on the context. */
export function checkCredentials(ctx: VerifyContext): void {
  const { checks, record, definition } = ctx;
  if (!definition) return;
  const districts = new Set(definition.districts.map((d) => d.id));
  const credentials = new Map<string, string>();
  const perDistrict = new Map<string, number>();

  for (const event of eventsOfType(record, 'credentials')) {
    event.entries.forEach((entry, i) => {
      checks.count('credentials.list');
      const where = { seq: event.seq, credential: entry.credential, path: `entries.${i}` };
      const fail = (code: ErrorCode, reason: string) =>
        checks.fail('credentials.list', entry.credential, { ...where, code, reason });
      if (!districts.has(entry.district)) fail('UNKNOWN_DISTRICT', `district "${entry.district}" is not in the definition`);
      if (credentials.has(entry.credential)) {
        fail('DUPLICATE_CREDENTIAL', 'the credential is listed twice');
        return;
      }
      credentials.set(entry.credential, entry.district);
      perDistrict.set(entry.district, (perDistrict.get(entry.district) ?? 0) + 1);
    });
  }
  ctx.credentials = credentials;

  const registers = eventsOfType(record, 'register');
  const register = registers[0];
  if (!register) {
    if (record.ballots.length > 0) {
      checks.fail('credentials.register', 'register', {
        code: 'NO_REGISTER',
        reason: 'ballots were cast but no register was frozen',
      });
    } else checks.note('credentials.register', 'the board has no register yet');
    return;
  }
  ctx.registerSizes = register.sizes;
  for (const district of districts) {
    checks.count('credentials.register');
    const size = register.sizes[district];
    const where = { seq: register.seq, district };
    const listed = perDistrict.get(district) ?? 0;
    if (size === undefined) {
      checks.fail('credentials.register', district, {
        ...where,
        code: 'MISSING_DISTRICT',
        reason: 'the register has no size for this district',
      });
    } else if (size < listed) {
      checks.fail('credentials.register', district, {
        ...where,
        code: 'REGISTER_TOO_SMALL',
        reason: `the register says ${size} voters, the credential list holds ${listed}`,
      });
    }
  }
  for (const district of Object.keys(register.sizes)) {
    if (!districts.has(district)) {
      checks.fail('credentials.register', district, {
        seq: register.seq,
        district,
        code: 'UNKNOWN_DISTRICT',
        reason: `the register names district "${district}", which is not in the definition`,
      });
    }
  }
}

/**
 * credentials.list, the encodings: every credential decodes as a canonical non-identity point. The slowest part of
 * the list's check (an inverse square root per credential), run while the worker threads check the ballots.
 */
export function checkCredentialEncodings(ctx: VerifyContext): void {
  for (const event of eventsOfType(ctx.record, 'credentials')) {
    event.entries.forEach((entry, i) => {
      try {
        decodePoint(hexToBytes(entry.credential));
      } catch (error) {
        ctx.checks.fail('credentials.list', entry.credential, {
          seq: event.seq,
          credential: entry.credential,
          path: `entries.${i}`,
          code: decodeErrorCode(error),
          reason: 'the credential is not a canonical non-identity point',
        });
      }
    });
  }
}

/**
 * credentials.replacements (spec §3.5.1): every `credential-replacement` event by the protocol's rules 1–6, and no
 * ballot with a revoked credential after its revocation (rule 7). Adds each replacement's new credential to the
 * credential → district map, so that the voter's new ballots are registered ones (run after checkCredentials).
 */
export function checkReplacements(ctx: VerifyContext): void {
  const { checks, record, definition, fingerprint, fingerprintHex } = ctx;
  if (!definition) return;
  const replacements = eventsOfType(record, 'credential-replacement');
  // the registry reads the credential list and the replacements only
  const { registry, problems } = credentialRegistryOf(wholeEvents(record));
  for (const [credential, district] of registry.registered) {
    if (ctx.credentials && !ctx.credentials.has(credential)) ctx.credentials.set(credential, district);
  }
  if (replacements.length === 0) {
    checks.note('credentials.replacements', 'no letter was re-issued: no credential was replaced');
    return;
  }
  // rule 7 can only concern the ballots of revoked credentials
  const { ballots } = record;
  const affected: { seq: number; credential: string }[] = [];
  for (let i = 0; i < ballots.length; i++) {
    const credential = ballots.credential(i);
    if (registry.revoked.has(credential)) affected.push({ seq: ballots.seq(i), credential });
  }
  checks.count('credentials.replacements', replacements.length + affected.length);
  const all: Problem[] = [...problems];
  if (fingerprint && fingerprintHex) {
    for (const r of replacements) all.push(...replacementSignatureProblems(definition, fingerprint, fingerprintHex, r));
  }
  all.push(...revokedBallotProblems(affected, registry));
  for (const p of all) {
    const [seq, ...path] = p.path as [number, ...(string | number)[]];
    checks.fail('credentials.replacements', `seq ${seq}`, {
      seq,
      ...(path.length > 0 ? { path: pathString(path) } : {}),
      code: p.code,
      reason: p.message,
    });
  }
}
