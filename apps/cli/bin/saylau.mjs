#!/usr/bin/env node
// The `saylau` bin: runs the command's pre-built bundle (dist/saylau.mjs, made at install by scripts/build.mjs),
// rebuilt first when a source file has changed since. Should the build fail, the TypeScript sources run through tsx.
import { runCommand } from '../scripts/launch.mjs';

await runCommand('saylau', new URL('../src/main.ts', import.meta.url));
