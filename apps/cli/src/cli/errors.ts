// Failures the CLI reports to a person: a message that says what went wrong and what to do, and an exit code.
// Expected failures are CliError values; anything else is a bug and is reported with its stack.

/** Exit codes: 0 done; 1 refused or failed (by the server or a check); 2 bad usage or input file; 3 server unreachable. */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failed,
    /** Further lines printed under the message (a validation report, a hint). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A problem with a path, as the protocol and the server report them. */
export interface PathProblem {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** One line per problem: "  CODE at a.b.3: message". */
export function problemLines(problems: readonly PathProblem[]): string[] {
  return problems.map((p) => `  ${p.code}${p.path.length > 0 ? ` at ${p.path.join('.')}` : ''}: ${p.message}`);
}
