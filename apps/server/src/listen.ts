// Serving the app over Node's HTTP server (saylau-server, `saylau serve`): clocks against clients that send
// slowly, and a shutdown that always ends: stop accepting, let the batches being verified commit, let the answers
// go out, then cut whatever is still open.
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve } from '@hono/node-server';
import type { Server } from './app.ts';

export interface Listening {
  readonly address: AddressInfo;
  readonly http: HttpServer;
  /**
   * Stops serving and closes the server: new connections are refused at once; batches being verified get up to
   * `shutdownGraceMs` to commit and answer, open connections as long again to finish; then they are cut and the
   * file is closed. Calling it again waits for the same shutdown.
   */
  close(): Promise<void>;
}

/** The address cannot be listened on (in use, not ours, privileged): an operator's mistake, told in one line. */
export class ListenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListenError';
  }
}

const LISTEN_FAILURES: Record<string, string> = {
  EADDRINUSE: 'is already in use (another server?)',
  EACCES: 'may not be used by this user (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'is not an address of this machine',
  ENOTFOUND: 'names no known host',
};

/** A system error from binding as a ListenError naming the address; anything else unchanged. */
function listenErrorOf(error: unknown, options: { readonly port: number; readonly hostname: string }): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === undefined ? undefined : LISTEN_FAILURES[code];
  return reason ? new ListenError(`${options.hostname}:${options.port} ${reason} (${code})`) : error;
}

/** How often, while shutting down, connections without a request in progress are closed. */
const SWEEP_MS = 50;

/**
 * Listens on hostname:port (port 0: any free port) and resolves once connections are accepted; rejects with a
 * ListenError when the address cannot be used.
 */
export function listen(server: Server, options: { readonly port: number; readonly hostname: string }): Promise<Listening> {
  const { http: clocks, shutdownGraceMs } = server.services.config;
  return new Promise((resolve, reject) => {
    const http = serve(
      {
        fetch: server.app.fetch,
        port: options.port,
        hostname: options.hostname,
        serverOptions: {
          headersTimeout: clocks.headersTimeoutMs,
          requestTimeout: clocks.requestTimeoutMs,
          keepAliveTimeout: clocks.keepAliveTimeoutMs,
          connectionsCheckingInterval: clocks.checkIntervalMs,
        },
      },
      (address) => {
        http.off('error', failed);
        let closing: Promise<void> | undefined;
        resolve({ address, http, close: () => (closing ??= shutdown(server, http, connections, shutdownGraceMs)) });
      },
    ) as HttpServer;
    const connections = new Connections(http);
    const failed = (error: unknown) => reject(listenErrorOf(error, options));
    http.once('error', failed);
  });
}

/**
 * The connections of a server and which of them are inside a request (headers in, answer not yet sent). The others
 * are idle or still sending headers: at shutdown nothing of theirs has reached the app, so they can go at once.
 */
class Connections {
  private readonly open = new Set<Socket>();
  private readonly inRequest = new Set<Socket>();

  constructor(http: HttpServer) {
    http.on('connection', (socket: Socket) => {
      this.open.add(socket);
      socket.once('close', () => {
        this.open.delete(socket);
        this.inRequest.delete(socket);
      });
    });
    http.on('request', (req, res) => {
      this.inRequest.add(req.socket);
      res.once('close', () => this.inRequest.delete(req.socket));
    });
  }

  /** Closes every connection that is not inside a request. */
  dropIdle(): void {
    for (const socket of this.open) if (!this.inRequest.has(socket)) socket.destroy();
  }
}

async function shutdown(server: Server, http: HttpServer, connections: Connections, graceMs: number): Promise<void> {
  // Stops accepting. Node no longer enforces the header and request clocks after this, so connections are
  // dropped here instead: at once and every SWEEP_MS those not inside a request (idle keep-alive ones, slow
  // senders of headers); the rest when they have answered, or at the deadline below.
  const ended = new Promise<void>((done) => http.close(() => done()));
  connections.dropIdle();
  const sweep = setInterval(() => connections.dropIdle(), SWEEP_MS);
  let deadline: NodeJS.Timeout | undefined;
  try {
    // Ballots being verified commit and get receipts (within the grace); those still waiting are refused.
    await server.services.intake.close();
    await Promise.race([ended, new Promise((expired) => (deadline = setTimeout(expired, graceMs)))]);
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  http.closeAllConnections();
  await ended;
  await server.close();
}
