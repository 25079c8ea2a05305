// Closing voting before the period ends (spec §4.5): the commission's statement { fingerprint, reason, at } signed on
// this machine by each member whose key file is given (saylau commission keygen makes them); the server closes only
// with the signatures of the definition's threshold of members, and the `state closed` event carries them.
import { type EarlyCloseJson, earlyCloseStatement, signCommissionStatement } from '@saylau/protocol';
import { CliError, EXIT } from '../cli/errors.ts';
import type { ElectionInfo } from '../cli/options.ts';
import { readPassphrase } from '../cli/passphrase.ts';
import { openSigningKey } from '../keys/signing-key-file.ts';

export interface EarlyCloseInput {
  readonly reason: string;
  /** The members' key files. */
  readonly memberKeys: readonly string[];
  /** One passphrase file per key file, in the same order, or one for all (else SAYLAU_PASSPHRASE, else asked). */
  readonly passphraseFiles: readonly string[];
}

/** Signs the early close with every given member key; refuses before signing when the keys cannot reach the threshold. */
export async function signEarlyClose(
  election: ElectionInfo,
  input: EarlyCloseInput,
  now: Date = new Date(),
): Promise<EarlyCloseJson> {
  const commission = election.definition.commission;
  if (!commission) {
    throw new CliError(
      `election ${election.id}'s definition names no commission: nobody can close it early; voting closes at ${election.definition.votingPeriod.closes}`,
      EXIT.usage,
    );
  }
  const reason = input.reason.trim();
  if (reason === '') throw new CliError('--early-reason must say why voting closes early', EXIT.usage);
  if (input.passphraseFiles.length > 1 && input.passphraseFiles.length !== input.memberKeys.length) {
    throw new CliError('give one --passphrase-file for all member keys, or one per --member-key in the same order', EXIT.usage);
  }
  const at = now.toISOString();
  const statement = earlyCloseStatement(election.fingerprintHex, reason, at);
  const signatures = [];
  const signed = new Set<string>();
  for (const [i, path] of input.memberKeys.entries()) {
    const passphraseFile = input.passphraseFiles[i] ?? input.passphraseFiles[0];
    if (process.stdin.isTTY && passphraseFile === undefined) console.error(`member key ${path}:`);
    const { header, secretKey } = await openSigningKey(
      'member',
      path,
      await readPassphrase(passphraseFile ? { passphraseFile } : {}, 'unlock'),
    );
    const member = header.member;
    if (member === undefined || !commission.members.some((m) => m.id === member)) {
      throw new CliError(`${path}: member "${header.member}" is not a commission member of election ${election.id}`, EXIT.usage);
    }
    if (signed.has(member)) throw new CliError(`${path}: member "${member}" is given twice`, EXIT.usage);
    signed.add(member);
    signatures.push(signCommissionStatement(secretKey, election.fingerprint, member, 'early-close', statement));
  }
  if (signed.size < commission.threshold) {
    throw new CliError(
      `an early close needs ${commission.threshold} commission members' signatures; ${signed.size} member key(s) given`,
      EXIT.usage,
      ['  give --member-key FILE once per member (each file made by "saylau commission keygen")'],
    );
  }
  return { reason, at, signatures };
}
