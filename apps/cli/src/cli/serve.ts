// Starting the voting server from the CLI: `saylau serve` and the demo run @saylau/server's app on a loopback
// or given address (its listen: timeouts against slow clients, a shutdown that always ends), and stop it cleanly.
import { createServer, listen, type ServerOptions } from '@saylau/server';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 = any free port) and resolves once the server accepts connections. */
export async function startServer(options: ServerOptions & { host?: string; port?: number }): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 0, ...serverOptions } = options;
  const server = createServer(serverOptions);
  try {
    const listening = await listen(server, { port, hostname: host });
    const { address, family, port: bound } = listening.address;
    const shown = family === 'IPv6' ? `[${address}]` : address;
    return { url: `http://${shown}:${bound}`, close: () => listening.close() };
  } catch (error) {
    await server.close();
    throw error;
  }
}
