// @saylau/server: the voting server as a library (tests, the benchmark, the CLI's `saylau serve`).

export { createServer, defaultWorkers, type Server, type ServerOptions } from './app.ts';
export { type BackupReport, backupDatabase } from './backup/backup.ts';
export type { ServerConfig } from './config.ts';
export { isPostgresUrl } from './db/index.ts';
export { DatabaseOpenError } from './db/open-error.ts';
export { freshSchema } from './db/postgres/fresh-schema.ts';
export { redactUrl } from './db/postgres/postgres-storage.ts';
export { BoardKeyError } from './election/board-key.ts';
export { INSTALLED_VOTER_PAGES, installedVoterPages } from './http/web.ts';
export type { Receipt } from './intake/types.ts';
export { ListenError, type Listening, listen } from './listen.ts';
export { type LogLine, type LogSink, stdoutSink } from './log.ts';
