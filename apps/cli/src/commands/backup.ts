// saylau backup --db FILE --out COPY: a consistent copy of the server's database, taken while the server runs
// (delegates to @saylau/server's backupDatabase; docs/commission-guide.md says how to restore it).
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli/errors.ts';

interface BackupOptions {
  db: string;
  out: string;
}

export function backupCommand(program: Command): void {
  program
    .command('backup')
    .description('copy the server’s database while it runs, check the copy, and report each election’s board size')
    .requiredOption('--db <file>', 'the SQLite database file the server runs on (for PostgreSQL, use pg_dump)')
    .requiredOption('--out <file>', 'where to write the copy (must not exist yet)')
    .action(async (options: BackupOptions) => {
      const { backupDatabase, DatabaseOpenError, isPostgresUrl } = await import('@saylau/server');
      if (isPostgresUrl(options.db)) {
        throw new CliError(
          'saylau backup copies a SQLite database file; back up a PostgreSQL database with pg_dump (or its replicas and WAL archive), see docs/deployment-guide.md',
          EXIT.usage,
        );
      }
      let report: Awaited<ReturnType<typeof backupDatabase>>;
      try {
        report = backupDatabase(options.db, options.out);
      } catch (error) {
        if (error instanceof DatabaseOpenError) throw new CliError(error.message, EXIT.usage);
        throw error;
      }
      console.log(`backed up ${options.db} to ${options.out} (${report.bytes} bytes; integrity_check ok)`);
      for (const e of report.elections) console.log(`  ${e.id}: ${e.events} board events, covered by its last signed head`);
      console.log('  the board key file is not in the copy: keep it apart (docs/commission-guide.md, "Backups")');
    });
}
