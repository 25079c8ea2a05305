// The command line: `saylau-verify DIR [--json] [--workers N] [--expect-fingerprint HEX] [--trusted-head FILE]
// [--protocol FILE] [--html FILE [--language kk|ru|en]]`. Exit code 0 when every check passed, 1 when any failed, 2 when the record could not be read.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ElectionDefinitionSchema, type Language, RECORD_FILES } from '@saylau/protocol';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type ReportLabels, renderHtml } from './html.ts';
import { exitCode, renderText } from './report.ts';
import { type VerifyOptions, verifyRecord } from './verify.ts';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

function workerCount(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || n > 256) throw new InvalidArgumentError('a number of worker threads, 0 for none');
  return n;
}

/**
 * The labels for the HTML report: the record folder's definition, when it reads as one (display only: the checks
 * judge the definition; a report whose checks fail says so above the figures, whatever their labels).
 */
function reportLabels(record: string, language: Language): ReportLabels {
  try {
    if (!statSync(record).isDirectory()) return { language };
    const parsed = ElectionDefinitionSchema.safeParse(JSON.parse(readFileSync(join(record, RECORD_FILES.definition), 'utf8')));
    return parsed.success ? { definition: parsed.data, language } : { language };
  } catch {
    return { language };
  }
}

function fingerprintHex(value: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(value.trim())) throw new InvalidArgumentError('64 hex characters');
  return value.trim().toLowerCase();
}

/**
 * Runs the verifier's command line and resolves to its exit code (it never calls process.exit). `defaults` are
 * options no flag sets (a test's slice cache).
 */
export async function runVerifier(argv: readonly string[], io: CliIo = process, defaults: VerifyOptions = {}): Promise<number> {
  let code = 2;
  const program = new Command()
    .name('saylau-verify')
    .description('Re-check a whole Saylau election record: every proof, signature, tree head, count and verdict.')
    .argument('<record>', 'the record folder (or a record document .json file)')
    .option('--json', 'print the report as one JSON object')
    .option('--workers <n>', 'worker threads for the ballots beside the main thread (default: one per core but one)', workerCount)
    .option('--expect-fingerprint <hex>', 'the election fingerprint published by the commission', fingerprintHex)
    .option('--trusted-head <file>', 'a signed tree head saved during voting (or a receipt holding one)')
    .option('--protocol <file>', 'the results protocol (protocol.json) the commission signed, checked against the record')
    .option('--html <file>', 'also write a self-contained HTML report to this file')
    .addOption(
      new Option('--language <kk|ru|en>', 'the language of the labels in the HTML report')
        .choices(['kk', 'ru', 'en'])
        .default('en'),
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .action(
      async (
        dir: string,
        opts: {
          json?: boolean;
          workers?: number;
          expectFingerprint?: string;
          trustedHead?: string;
          protocol?: string;
          html?: string;
          language: Language;
        },
      ) => {
        let trustedHead: unknown;
        if (opts.trustedHead !== undefined) {
          let text: string;
          try {
            text = readFileSync(opts.trustedHead, 'utf8');
          } catch (error) {
            io.stderr.write(`saylau-verify: cannot read ${opts.trustedHead}: ${(error as Error).message}\n`);
            code = 2;
            return;
          }
          try {
            trustedHead = JSON.parse(text);
          } catch {
            trustedHead = text; // not JSON: the anchor check reports it as no signed head
          }
        }
        let protocol: unknown;
        if (opts.protocol !== undefined) {
          let text: string;
          try {
            text = readFileSync(opts.protocol, 'utf8');
          } catch (error) {
            io.stderr.write(`saylau-verify: cannot read ${opts.protocol}: ${(error as Error).message}\n`);
            code = 2;
            return;
          }
          try {
            protocol = JSON.parse(text);
          } catch {
            protocol = text; // not JSON: anchor.protocol reports it as malformed
          }
        }
        const bar =
          io.stderr.isTTY === true
            ? new SingleBar({
                format: 'ballots [{bar}] {percentage}% | {value}/{total} | ETA {eta}s',
                stream: io.stderr,
                hideCursor: true,
                clearOnComplete: true,
              })
            : undefined;
        let started = false;
        const report = await verifyRecord(dir, {
          ...defaults,
          ...(opts.workers === undefined ? {} : { workers: opts.workers }),
          ...(opts.expectFingerprint === undefined ? {} : { expectFingerprint: opts.expectFingerprint }),
          ...(trustedHead === undefined ? {} : { trustedHead }),
          ...(protocol === undefined ? {} : { protocol }),
          onProgress: (done, total) => {
            if (!bar) return;
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(done);
          },
        });
        if (started) bar?.stop();
        io.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
        if (opts.html !== undefined) {
          writeFileSync(opts.html, renderHtml(report, reportLabels(dir, opts.language)));
          if (!opts.json) io.stderr.write(`HTML report written to ${opts.html}\n`);
        }
        code = exitCode(report);
      },
    );
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // commander has printed the usage problem (or the help, which is not an error)
    const exit = (error as { exitCode?: number }).exitCode;
    return exit === 0 ? 0 : 2;
  }
  return code;
}
