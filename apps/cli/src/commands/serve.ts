// saylau serve: the voting server on one SQLite file (delegates to @saylau/server).
import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import { CliError, EXIT } from '../cli/errors.ts';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the voting server on one SQLite file (created if new, resumed if not)')
    .requiredOption('--db <file>', 'the SQLite database file')
    .option('--port <n>', 'the TCP port (0 = any free port)', '8080')
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .addOption(new Option('--admin-token <token>', "the commission's admin token (≥ 16 characters)").env('SAYLAU_ADMIN_TOKEN'))
    .option('--workers <n>', 'ballot verification threads (0 = main thread)', String(availableParallelism()))
    .action(async (options: { db: string; port: string; host: string; adminToken?: string; workers: string }) => {
      const port = Number(options.port);
      const workers = Number(options.workers);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be 0–65535', EXIT.usage);
      if (!Number.isInteger(workers) || workers < 0) throw new CliError('--workers must be a non-negative integer', EXIT.usage);
      if (!options.adminToken || options.adminToken.length < 16) {
        throw new CliError('--admin-token (or SAYLAU_ADMIN_TOKEN) of at least 16 characters is required', EXIT.usage);
      }
      const { startServer } = await import('../cli/serve.ts');
      const server = await startServer({
        db: options.db,
        adminToken: options.adminToken,
        host: options.host,
        port,
        intake: { workers },
      });
      console.log(`saylau-server listening on ${server.url} (db ${options.db}, ${workers} verification workers)`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
