// A trustee's decryption, run by `saylau trustee decrypt`: the shared logic (@saylau/protocol/trustee-client) with
// one more check the CLI can run: the whole verifier over the record the board gives. A trustee's decryption shares
// are a decryption oracle for whatever "aggregate" they are applied to, so nothing is computed unless every check
// of the verifier's report passes (spec §6.7).
import { buildRecordFiles } from '@saylau/protocol';
import { nodeSha256 } from '@saylau/protocol/node';
import { type BoardAudit, decryptAggregate as decryptShared } from '@saylau/protocol/trustee-client';
import { verifyRecord } from '@saylau/verifier';
import { CliError, EXIT } from '../cli/errors.ts';
import { asCli } from '../keys/sealed-file.ts';
import { cliWait, sharedSession, type TrusteeSession } from './ceremony.ts';

/** The verifier's report on the record built from the verified board and its heads; any failed check stops. */
const verifierAudit: BoardAudit = async (board, heads) => {
  const files = buildRecordFiles(board.events, [...heads], new Date().toISOString(), { sha256: nodeSha256 });
  const report = await verifyRecord(files);
  const failed = report.readable ? report.checks.filter((c) => c.failed > 0) : [];
  if (!report.readable || failed.length > 0) {
    const lines = report.readable
      ? failed.flatMap((c) => [
          `  ${c.id}: ${c.failed} failed`,
          ...c.failures.slice(0, 3).map((f) => `    ${f.code}: ${f.reason}`),
        ])
      : report.problems.map((p) => `  ${p.code}: ${p.message}`);
    throw new CliError('the board does not verify: do not decrypt; tell the commission and the observers', EXIT.failed, lines);
  }
};

export function decryptAggregate(
  session: TrusteeSession,
  waitSeconds = 0,
  onWaiting?: (missing: string) => void,
): Promise<{ entries: number; qualified: readonly number[] }> {
  return asCli(() => decryptShared(sharedSession(session), { waitFor: cliWait(waitSeconds, onWaiting), audit: verifierAudit }));
}
