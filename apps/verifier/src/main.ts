#!/usr/bin/env -S npx tsx
// saylau-verify: the auditor's command (see cli.ts for its options and exit codes).
import { runVerifier } from './cli.ts';

process.exitCode = await runVerifier(process.argv.slice(2));
