#!/usr/bin/env node
// The `saylau-verify` bin: runs the verifier's pre-built bundle (dist/saylau-verify.cjs, made at install by
// apps/cli/scripts/build.mjs), rebuilt first when a source file has changed since; else its sources through tsx.
import { runCommand } from '../../cli/scripts/launch.mjs';

await runCommand('saylau-verify', new URL('../src/main.ts', import.meta.url));
