#!/usr/bin/env node
// The `saylau` bin: registers tsx's loader (the sources are TypeScript, with no build step), then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
