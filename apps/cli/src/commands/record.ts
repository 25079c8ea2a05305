// saylau record export and saylau verify: the election record folder, and the auditor's verifier run on it.
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli/errors.ts';
import { clientOf, type ElectionOptions, electionIdOf, required, withElection } from '../cli/options.ts';
import { exportRecord } from '../record/export.ts';

export function recordCommand(program: Command): void {
  withElection(
    program
      .command('record')
      .description('the election record')
      .command('export')
      .description('write the published election record to a new folder (docs/spec.md §7)')
      .argument('[election]', 'the election id (or --election)')
      .argument('[dir]', 'the folder (or --out)')
      .option('--out <dir>', 'a folder that does not exist yet or is empty'),
  ).action(async (election: string | undefined, dir: string | undefined, options: ElectionOptions & { out?: string }) => {
    const out = required(dir ?? options.out, '--out');
    const id = election ?? electionIdOf(options);
    const exported = await exportRecord(clientOf(options), id, out);
    console.log(`wrote the record of ${exported.events} events to ${out}: ${exported.files.join(', ')}`);
    console.log(`next: saylau verify ${out}`);
  });

  program
    .command('verify')
    .description("run the auditor's verifier (apps/verifier) on a record folder; same options as saylau-verify")
    .argument('[args...]', 'the record folder and any of the verifier\'s options ("saylau verify --help" lists them)')
    .allowUnknownOption(true)
    .helpOption(false)
    .action(async (_args: string[], _options: unknown, command: Command) => {
      // Everything after "verify" goes to the verifier's own command line (its options, its help, its exit codes).
      const { runVerifier } = await import('@saylau/verifier');
      const code = await runVerifier(command.args);
      if (code !== 0)
        throw new CliError(
          code === 1 ? 'the record did NOT verify' : 'the record could not be read',
          code === 1 ? EXIT.failed : EXIT.usage,
        );
    });
}
