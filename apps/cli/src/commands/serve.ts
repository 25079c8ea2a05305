// saylau serve: the voting server on one SQLite file, or one of several servers on one PostgreSQL database
// (--db postgres://…), signing the board with the key in its own key file (delegates to @saylau/server).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import { CliError, EXIT } from '../cli/errors.ts';
import { positiveInt } from '../cli/options.ts';
import { readPassphrase } from '../cli/passphrase.ts';
import { DEFAULT_KEY_FILE_LOG_N } from '../keys/sealed-file.ts';

interface ServeOptions {
  db: string;
  port: string;
  host: string;
  adminToken?: string;
  workers: string;
  boardKey: string;
  boardKeyPassphraseFile?: string;
  scryptLogN?: number;
  trustProxy: string[];
}

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'run the voting server on one SQLite file, or as one of several servers on one PostgreSQL database (created if new, resumed if not): the API, the booth, the second-device page and the public page',
    )
    .requiredOption(
      '--db <file|url>',
      'the SQLite database file, or a PostgreSQL URL (postgres://user@host/db): several servers may share one, given the same --board-key',
    )
    .requiredOption(
      '--board-key <file>',
      'the board key file: signs the board’s tree heads; made on first use; keep it apart from the database',
    )
    .option(
      '--board-key-passphrase-file <file>',
      'read the board key’s passphrase from this file (else SAYLAU_BOARD_KEY_PASSPHRASE, else asked)',
    )
    .option(
      '--scrypt-log-n <n>',
      `passphrase stretching cost 2^N of a new board key file (default ${DEFAULT_KEY_FILE_LOG_N}; lower only for tests)`,
      positiveInt('--scrypt-log-n'),
    )
    .option('--port <n>', 'the TCP port (0 = any free port)', '8080')
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .addOption(new Option('--admin-token <token>', "the commission's admin token (≥ 16 characters)").env('SAYLAU_ADMIN_TOKEN'))
    .option(
      '--trust-proxy <address>',
      'a reverse proxy in front of this server (e.g. 127.0.0.1): its X-Forwarded-For names the voter, for rate limits; repeatable',
      (value: string, list: string[]) => [...list, value],
      [] as string[],
    )
    .option('--workers <n>', 'ballot verification threads (0 = main thread)', String(availableParallelism()))
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      const workers = Number(options.workers);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be 0–65535', EXIT.usage);
      if (!Number.isInteger(workers) || workers < 0) throw new CliError('--workers must be a non-negative integer', EXIT.usage);
      if (!options.adminToken || options.adminToken.length < 16) {
        throw new CliError('--admin-token (or SAYLAU_ADMIN_TOKEN) of at least 16 characters is required', EXIT.usage);
      }
      const { openOrCreateBoardKey, startServer, voterPages } = await import('../cli/serve.ts');
      const { isPostgresUrl, redactUrl, stdoutSink } = await import('@saylau/server');
      const webRoot = voterPages();
      const passphrase = await readPassphrase(
        { ...(options.boardKeyPassphraseFile === undefined ? {} : { passphraseFile: options.boardKeyPassphraseFile }) },
        existsSync(options.boardKey) ? 'unlock' : 'new',
        'SAYLAU_BOARD_KEY_PASSPHRASE',
      );
      const boardKey = await openOrCreateBoardKey(options.boardKey, passphrase, options.scryptLogN);
      if (boardKey.created) {
        console.log(
          [
            `created a new board key in ${options.boardKey} (public key ${boardKey.publicKey})`,
            '  it signs every tree head of this server’s elections: back it up with its passphrase, apart from the',
            '  database and its backups; a restored database needs this file to sign again, and witnesses refuse',
            '  to co-sign a board that does not extend the one they saw',
          ].join('\n'),
        );
      }
      const server = await startServer({
        db: options.db,
        adminToken: options.adminToken,
        boardKey: boardKey.secretKey,
        webRoot,
        trustedProxies: options.trustProxy,
        // one JSON line per request on stdout, beside the warnings and errors (the commission guide, "Logs")
        requestLog: stdoutSink,
        host: options.host,
        port,
        intake: { workers },
      });
      console.log(
        `saylau-server listening on ${server.url} (voters open ${server.url}/?election=ID; db ${isPostgresUrl(options.db) ? redactUrl(options.db) : options.db}, board key ${boardKey.publicKey.slice(0, 16)}…, ${workers} verification workers)`,
      );
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
