// @saylau/cli as a library: the command line and the demo, for tests and scripts.
export { type DemoOptions, type DemoReport, runDemo } from './demo/demo.ts';
export { buildProgram, runCli } from './program.ts';
