// The `saylau` command (run with tsx: `pnpm -s saylau …` from the checkout, or the package's bin).
import { runCli } from './program.ts';

// Output piped into a program that stops reading (`saylau results | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2));
