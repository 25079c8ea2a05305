// Starting the voting server from the CLI: `saylau serve` and the demo run @saylau/server's app on a loopback
// or given address through @hono/node-server, and stop it cleanly.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createServer, type ServerOptions } from '@saylau/server';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 = any free port) and resolves once the server accepts connections. */
export function startServer(options: ServerOptions & { host?: string; port?: number }): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 0, ...serverOptions } = options;
  const server = createServer(serverOptions);
  return new Promise((resolve, reject) => {
    const http = serve({ fetch: server.app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: async () => {
          await new Promise<void>((done) => http.close(() => done()));
          await server.close();
        },
      });
    });
    http.on('error', (error) => {
      void server.close();
      reject(error);
    });
  });
}
