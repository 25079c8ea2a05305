// saylau simulate: a whole election record of N ballots made on this machine without a server (simulate/), for
// benchmarks and tests of the verifier at scale.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli/errors.ts';
import { positiveInt } from '../cli/options.ts';
import { loadDefinitionDraft } from '../files/definition-file.ts';

const DEFAULT_DEFINITION = new URL('../../../../test/fixtures/definitions/belenios-shape.json', import.meta.url);

export function simulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'make a complete election record of N ballots without a server (key ceremony, credentials, ballots on every core, ' +
        'processing, decryption, signed heads), in the record format of "saylau record export"',
    )
    .requiredOption('--ballots <n>', 'ballots on the board (re-votes included)', positiveInt('--ballots'))
    .requiredOption('--out <dir>', 'a folder that does not exist yet or is empty')
    .option(
      '--definition <file>',
      'the election definition (JSON or YAML; default test/fixtures/definitions/belenios-shape.json)',
    )
    .option('--seed <text>', "seed of the simulated voters' behaviour", 'saylau-simulate')
    .option('--workers <n>', 'worker threads (default: one per core)', positiveInt('--workers'))
    .option('--head-every <n>', 'keep a signed tree head after every n events', positiveInt('--head-every'), 1024)
    .action(
      async (options: {
        ballots: number;
        out: string;
        definition?: string;
        seed: string;
        workers?: number;
        headEvery: number;
      }) => {
        const file = options.definition ?? fileURLToPath(DEFAULT_DEFINITION);
        const { draft } = loadDefinitionDraft(file);
        const { simulateRecord } = await import('../simulate/simulate.ts');
        let summary: Awaited<ReturnType<typeof simulateRecord>>;
        try {
          summary = await simulateRecord({
            ballots: options.ballots,
            out: options.out,
            draft,
            seed: options.seed,
            treeHeadEvery: options.headEvery,
            ...(options.workers === undefined ? {} : { workers: options.workers }),
            log: (line) => console.error(`saylau simulate: ${line}`),
          });
        } catch (error) {
          if (error instanceof RangeError || (error instanceof Error && /not empty/.test(error.message)))
            throw new CliError(error.message, EXIT.usage);
          throw error;
        }
        const bytes = Object.values(summary.files).reduce((a, b) => a + b, 0);
        console.log(
          `wrote ${resolve(options.out)}: ${summary.events} events, ${summary.ballots} ballots of ${summary.voters} voters ` +
            `(${summary.counted} counted, ${summary.superseded} superseded, ${summary.cancelled} cancelled by paper)`,
        );
        console.log(
          `${(bytes / 1e6).toFixed(1)} MB (${Math.round((summary.files['events.jsonl'] ?? 0) / Math.max(1, summary.ballots))} bytes of events.jsonl per ballot); ` +
            `${(summary.ms.total / 1000).toFixed(1)} s on ${summary.workers} threads ` +
            `(credentials ${(summary.ms.credentials / 1000).toFixed(1)} s, ballots ${(summary.ms.ballots / 1000).toFixed(1)} s, ` +
            `process + tally + decrypt ${(summary.ms.tally / 1000).toFixed(1)} s)`,
        );
        console.log(`next: saylau-verify ${options.out}`);
      },
    );
}
