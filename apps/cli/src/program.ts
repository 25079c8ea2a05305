// The `saylau` command line: one program with a subcommand per step of the life cycle, each with --help.
// runCli parses, runs, prints any failure as one clear message, and resolves to the exit code.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './cli/errors.ts';
import { versionText } from './cli/version.ts';
import { backupCommand } from './commands/backup.ts';
import { ceremonyCommand } from './commands/ceremony.ts';
import { commissionCommand } from './commands/commission.ts';
import { credentialsCommand } from './commands/credentials.ts';
import { demoCommand } from './commands/demo.ts';
import { electionCommand } from './commands/election.ts';
import { practiceCommand } from './commands/practice.ts';
import { recordCommand } from './commands/record.ts';
import { registerCommand } from './commands/register.ts';
import { resultsCommand } from './commands/results.ts';
import { resultsProtocolCommand, signProtocolCommand } from './commands/results-protocol.ts';
import { serveCommand } from './commands/serve.ts';
import { simulateCommand } from './commands/simulate.ts';
import { trusteeCommand } from './commands/trustee.ts';
import { voteCommand } from './commands/vote.ts';
import { witnessCommand } from './commands/witness.ts';

export function buildProgram(): Command {
  const program = new Command()
    .name('saylau')
    .description(
      'Saylau: end-to-end verifiable e-voting and e-referendums for local government.\n' +
        'Commission, trustee, voter and auditor commands against a Saylau server; "saylau demo" runs a whole election.\n' +
        'Most commands take --server, --election and --admin-token, or SAYLAU_SERVER, SAYLAU_ELECTION, SAYLAU_ADMIN_TOKEN.',
    )
    .version(versionText(), '-V, --version', 'print the version and the commit it was built from')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  demoCommand(program);
  practiceCommand(program);
  simulateCommand(program);
  serveCommand(program);
  backupCommand(program);
  electionCommand(program);
  registerCommand(program);
  credentialsCommand(program);
  ceremonyCommand(program);
  commissionCommand(program);
  trusteeCommand(program);
  voteCommand(program);
  resultsCommand(program);
  recordCommand(program);
  witnessCommand(program);
  // the results protocol's commands live under `results` and `commission`
  const named = (name: string) => program.commands.find((c) => c.name() === name) as Command;
  resultsProtocolCommand(named('results'));
  signProtocolCommand(named('commission'));
  // every subcommand reports usage errors through runCli, never by exiting on its own
  const override = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}

/** Runs the CLI on argv (without "node saylau") and resolves to the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander printed the message (or the help, or the version)
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      console.error(`saylau: error: ${error.message}`);
      for (const line of error.details) console.error(line);
      return error.exitCode;
    }
    console.error('saylau: unexpected error (a bug; please report it):');
    console.error(error);
    return EXIT.failed;
  }
}
