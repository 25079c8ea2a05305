// saylau demo: a complete election on a local server, its record exported and verified (see demo/demo.ts).
import type { Command } from 'commander';
import { positiveInt } from '../cli/options.ts';

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'run a whole district referendum on a local server: credentials, 2-of-3 ceremony, voting, tally, record, verification',
    )
    .option('--voters <n>', 'simulated voters', positiveInt('--voters'), 1000)
    .option(
      '--definition <file>',
      'the election definition (JSON or YAML; default test/fixtures/definitions/city-referendum.json)',
    )
    .option('--out <dir>', 'where to write the election record', 'saylau-demo-record')
    .option('--seed <text>', "seed of the simulated voters' behaviour", 'saylau-demo')
    .option('--concurrency <n>', 'voters acting at the same time', positiveInt('--concurrency'), 16)
    .option(
      '--db <url>',
      'run the server on this PostgreSQL database (postgres://…) instead of a SQLite file in a temporary folder; it must not hold the demo election already',
    )
    .action(
      async (options: { voters: number; definition?: string; out: string; seed: string; concurrency: number; db?: string }) => {
        // loaded on demand: the demo brings the server and the verifier, which other commands do not need
        const { runDemo } = await import('../demo/demo.ts');
        await runDemo({
          voters: options.voters,
          out: options.out,
          seed: options.seed,
          concurrency: options.concurrency,
          ...(options.definition ? { definition: options.definition } : {}),
          ...(options.db ? { db: options.db } : {}),
        });
      },
    );
}
