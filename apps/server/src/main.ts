#!/usr/bin/env -S npx tsx
// saylau-server serve --db FILE|URL --port N --admin-token T: the voting server on one SQLite file or a PostgreSQL
// database (postgres://…) that several servers may share.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer, defaultWorkers, type Server } from './app.ts';
import { isPostgresUrl } from './db/index.ts';
import { DatabaseOpenError } from './db/open-error.ts';
import { redactUrl } from './db/postgres/postgres-storage.ts';
import { installedVoterPages } from './http/web.ts';
import { ListenError, listen } from './listen.ts';

const USAGE = `usage: saylau-server serve --db FILE|postgres://… --port N --admin-token TOKEN [--host 127.0.0.1] [--workers N] [--web DIR]
  --admin-token may instead come from SAYLAU_ADMIN_TOKEN; --workers 0 verifies ballots on the main thread.
  This binary (tests, the benchmark) keeps each election's board key in the database file; to keep it in a key
  file of its own, outside the database and its backups, run "saylau serve --board-key FILE".`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  // `pnpm serve -- --db …` passes the `--` along; it separates nothing here
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'admin-token': { type: 'string' },
    workers: { type: 'string' },
    'rate-address': { type: 'string' },
    web: { type: 'string' },
  },
});

if (positionals[0] !== 'serve') fail('unknown command');
const adminToken = values['admin-token'] ?? process.env.SAYLAU_ADMIN_TOKEN;
if (!values.db) fail('--db is required');
// Under `pnpm --filter … serve` the working directory is this package's; a relative path means the caller's.
const db = isPostgresUrl(values.db) ? values.db : resolve(process.env.INIT_CWD ?? process.cwd(), values.db);
const shownDb = isPostgresUrl(db) ? redactUrl(db) : db;
if (!adminToken) fail('--admin-token (or SAYLAU_ADMIN_TOKEN) is required');
const port = Number(values.port ?? '8080');
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0–65535');
const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
if (!Number.isInteger(workers) || workers < 0) fail('--workers must be a non-negative integer');
const perAddress = values['rate-address'] === undefined ? undefined : Number(values['rate-address']);

// The voter pages: --web DIR, or those the install built (apps/voter-web/dist).
const webRoot = values.web === undefined ? installedVoterPages() : resolve(process.env.INIT_CWD ?? process.cwd(), values.web);

/** A mistake the operator can fix: one line, exit code 2, no usage text and no stack trace. */
function refuse(message: string): never {
  console.error(`saylau-server: ${message}`);
  process.exit(2);
}

let server: Server;
try {
  server = await createServer({
    db,
    ...(webRoot ? { webRoot } : {}),
    adminToken,
    intake: { workers },
    ...(perAddress ? { rateLimits: { perAddress: { capacity: perAddress, refillPerSecond: perAddress } } } : {}),
  });
} catch (error) {
  if (error instanceof DatabaseOpenError) refuse(error.message);
  throw error;
}
const listening = listen(server, { port, hostname: values.host });
listening.then(
  ({ address }) => {
    // The test harness and the benchmark read this line to learn the port.
    console.log(
      `saylau-server listening on http://${address.address}:${address.port} (db ${shownDb}, ${workers} verification workers, pages ${webRoot ?? 'none'})`,
    );
  },
  (error: unknown) => {
    if (error instanceof ListenError) refuse(`cannot listen: ${error.message}`);
    console.error('saylau-server: cannot listen', error);
    process.exit(1);
  },
);

let stopping = false;
/** SIGTERM or SIGINT: a graceful stop (listen.ts), exit code 0 once everything is closed. */
function stop(): void {
  if (stopping) return;
  stopping = true;
  // A last resort: the shutdown takes at most two grace periods; nothing may keep a stopped server up.
  setTimeout(() => {
    console.error('saylau-server: the shutdown overran its deadline; exiting anyway');
    process.exit(1);
  }, 3 * server.services.config.shutdownGraceMs).unref();
  listening
    .then((l) => l.close())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('saylau-server: the shutdown failed', error);
        process.exit(1);
      },
    );
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
