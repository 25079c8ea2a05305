// Starting the voting server from the CLI: `saylau serve` and the demo run @saylau/server's app on a loopback
// or given address (its listen: timeouts against slow clients, a shutdown that always ends), and stop it cleanly.
// The board key comes from its own key file, never from the database file (spec §5.5, §5.9).
import { existsSync } from 'node:fs';
import type { Scalar } from '@saylau/crypto';
import {
  BoardKeyError,
  createServer,
  DatabaseOpenError,
  INSTALLED_VOTER_PAGES,
  installedVoterPages,
  ListenError,
  listen,
  type ServerOptions,
} from '@saylau/server';
import { createSigningKey, openSigningKey } from '../keys/signing-key-file.ts';
import { CliError, EXIT } from './errors.ts';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Listens on host:port (port 0 = any free port) and resolves once the server accepts connections. What the operator
 * can fix (the database file or URL, another server on the file, the address) is a CliError with exit code 2.
 */
export async function startServer(options: ServerOptions & { host?: string; port?: number }): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 0, ...serverOptions } = options;
  let server: Awaited<ReturnType<typeof createServer>>;
  try {
    server = await createServer(serverOptions);
  } catch (error) {
    if (error instanceof BoardKeyError || error instanceof DatabaseOpenError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
  try {
    const listening = await listen(server, { port, hostname: host });
    const { address, family, port: bound } = listening.address;
    const shown = family === 'IPv6' ? `[${address}]` : address;
    return { url: `http://${shown}:${bound}`, close: () => listening.close() };
  } catch (error) {
    await server.close();
    if (error instanceof ListenError) throw new CliError(`cannot listen: ${error.message}`, EXIT.usage);
    throw error;
  }
}

/** The voter pages the install built; without them voters would find no booth at the letters' address. */
export function voterPages(): string {
  const root = installedVoterPages();
  if (root) return root;
  throw new CliError(
    `the voter pages are not built (${INSTALLED_VOTER_PAGES}): run "npx -y pnpm@12.4.2 install" in the Saylau folder, or "npx -y pnpm@12.4.2 --filter @saylau/voter-web build"`,
    EXIT.usage,
  );
}

export interface BoardKey {
  readonly secretKey: Scalar;
  readonly publicKey: string;
  /** Whether the file was made just now. */
  readonly created: boolean;
}

/**
 * The board key from its key file, made there on first use. The passphrase protects it at rest; the file belongs
 * away from the database and its backups, so that a copy of the database cannot sign a board.
 */
export async function openOrCreateBoardKey(path: string, passphrase: string, logN?: number): Promise<BoardKey> {
  if (existsSync(path)) {
    const key = await openSigningKey('board', path, passphrase);
    return { secretKey: key.secretKey, publicKey: key.header.publicKey, created: false };
  }
  const key = await createSigningKey('board', path, 'Saylau server board key', passphrase, logN);
  return { secretKey: key.secretKey, publicKey: key.header.publicKey, created: true };
}
