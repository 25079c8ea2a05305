#!/usr/bin/env -S npx tsx
// saylau-verify: the auditor's command (see cli.ts for its options and exit codes). Its code loads as one pre-built
// file (ballots/bundle.ts): through tsx, the TypeScript would cost about half a second of start-up.
import { commandEntry } from './ballots/bundle.ts';

const { runVerifier } = (await import(commandEntry().href)) as typeof import('./cli.ts');
process.exitCode = await runVerifier(process.argv.slice(2));
