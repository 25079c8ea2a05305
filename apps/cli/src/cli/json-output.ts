// The --json option of the commands that print a result: the same answer as one JSON document on stdout, for
// scripts. Exit codes do not change with it; errors still go to stderr as text.
import type { Command } from 'commander';

export interface JsonOptions {
  readonly json?: boolean;
}

export function withJson(command: Command, what = 'print the answer as one JSON document'): Command {
  return command.option('--json', what);
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
