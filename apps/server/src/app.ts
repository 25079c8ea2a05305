// The server assembled: storage, elections, intake and limits as services; the routes of every role; one error
// handler that turns every failure into `{ error: { code, message } }` with the status from the errors table.
import { availableParallelism } from 'node:os';
import type { Scalar } from '@saylau/crypto';
import { Hono } from 'hono';
import { type ConfigOverrides, resolveConfig, type ServerConfig } from './config.ts';
import { openStorage, StorageUnavailableError } from './db/index.ts';
import { BoardKeys } from './election/board-key.ts';
import { Elections } from './election/registry.ts';
import { Api } from './http/api.ts';
import { clientAddress, sha256Hex } from './http/auth.ts';
import { ApiError, errorResponse } from './http/errors.ts';
import { openApiDocument } from './http/openapi.ts';
import { RateLimiter, SharedRateLimiter } from './http/rate-limit.ts';
import { securityHeaders, serveVoterPages } from './http/web.ts';
import { BallotIntake } from './intake/intake.ts';
import { IsolatingVerifier } from './intake/isolate.ts';
import { InProcessVerifier, type Verifier } from './intake/verifier.ts';
import { WorkerPoolVerifier } from './intake/worker-pool.ts';
import { errorFields, type LogSink, requestLog, stdoutSink } from './log.ts';
import { commissionGuard, memberGuard, operatorGuard } from './members/commission-auth.ts';
import { commissionRoutes } from './routes/commission.ts';
import { commissionStatementRoutes } from './routes/commission-statements.ts';
import { healthRoutes } from './routes/health.ts';
import { memberRoutes } from './routes/members.ts';
import { paperResultsRoutes } from './routes/paper-results.ts';
import { publicRoutes } from './routes/public.ts';
import { registerRoutes } from './routes/register.ts';
import { secondDeviceRoutes } from './routes/second-device.ts';
import { trusteeRoutes } from './routes/trustees.ts';
import { voterRoutes } from './routes/voters.ts';
import { witnessRoutes } from './routes/witnesses.ts';
import type { Services } from './services.ts';
import { startSealSweeper } from './voters/seal-sweeper.ts';

export interface Server {
  readonly app: Hono;
  readonly services: Services;
  /** Stops the intake and its workers and closes the file. */
  close(): Promise<void>;
}

export interface ServerOptions extends ConfigOverrides {
  /** The SQLite file or the PostgreSQL URL (postgres://…): created and migrated if new, resumed if not. */
  readonly db: string;
  readonly adminToken: string;
  /** Where unexpected errors are reported (default: an `unexpected-error` line of the JSON log, log.ts). */
  readonly log?: (message: string, error: unknown) => void;
  /** Where warnings about the setup go (default: a `warning` line of the JSON log). */
  readonly warn?: (message: string) => void;
  /** Where one `request` line per HTTP request goes (`saylau serve`: the JSON log on stdout); none by default. */
  readonly requestLog?: LogSink;
  /**
   * The board's signing key, held outside the database file (`saylau serve --board-key FILE`). Without it each
   * election gets its own key kept in the file, as tests do (election/board-key.ts).
   */
  readonly boardKey?: Scalar;
  /** The built voter pages (apps/voter-web/dist) to serve at `/`; none when absent. */
  readonly webRoot?: string;
  /**
   * Where ballot proofs are checked, instead of the one `intake.workers` chooses (tests hand in a worker pool whose
   * workers die on purpose). The server closes it.
   */
  readonly verifier?: Verifier;
}

export async function createServer(options: ServerOptions): Promise<Server> {
  const {
    db: file,
    log = (message, error) => stdoutSink({ level: 'error', event: 'unexpected-error', message, ...errorFields(error) }),
    warn = (message) => stdoutSink({ level: 'warn', event: 'warning', message }),
    requestLog: requestSink,
    boardKey,
    webRoot,
    verifier,
    ...overrides
  } = options;
  const config: ServerConfig = resolveConfig(overrides);
  const storage = await openStorage(file, warn);
  let elections: Elections;
  try {
    elections = await Elections.load(storage, config.now, new BoardKeys(boardKey), warn);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const workers = config.intake.workers;
  const checker =
    verifier ??
    (workers > 0 ? new WorkerPoolVerifier(workers, { jobTimeoutMs: config.intake.jobTimeoutMs }) : new InProcessVerifier());
  const intake = new BallotIntake(new IsolatingVerifier(checker, log), config.intake, config.shutdownGraceMs);
  const services: Services = {
    config,
    storage,
    elections,
    intake,
    limiters: {
      address: new RateLimiter(config.rateLimits.perAddress, config.now),
      voter:
        storage.kind === 'postgres'
          ? new SharedRateLimiter(storage, config.rateLimits.perVoter, config.now)
          : new RateLimiter(config.rateLimits.perVoter, config.now),
    },
    adminTokenHash: sha256Hex(config.adminToken),
  };
  intake.attach(services);
  const sweeper = startSealSweeper(services, log);

  const app = new Hono();
  if (requestSink) app.use('*', requestLog(requestSink));
  app.use('*', securityHeaders);
  app.use('/api/*', async (c, next) => {
    services.limiters.address.take(`address:${clientAddress(c, config.trustedProxies)}`);
    await next();
  });
  const api = new Api(app, config.bodyLimits, {
    commission: (route) => commissionGuard(services, route),
    member: (route) => memberGuard(services, route),
    operator: (route) => operatorGuard(services, route),
  });
  commissionRoutes(api, services);
  memberRoutes(api, services);
  commissionStatementRoutes(api, services);
  paperResultsRoutes(api, services);
  registerRoutes(api, services);
  trusteeRoutes(api, services);
  voterRoutes(api, services);
  secondDeviceRoutes(api, services);
  witnessRoutes(api, services);
  publicRoutes(api, services);
  healthRoutes(api, services);
  const document = openApiDocument(api.routes);
  app.get('/openapi.json', (c) => c.json(document));
  if (webRoot) serveVoterPages(app, webRoot);

  app.notFound((c) => errorResponse(c, new ApiError('NOT_FOUND', `no endpoint ${c.req.method} ${c.req.path.slice(0, 200)}`)));
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof StorageUnavailableError) {
      // expected during a database restart or failover: one line, not a stack trace per request
      warn(`${c.req.method} ${c.req.path}: ${error.message}`);
      return errorResponse(c, new ApiError('STORAGE_UNAVAILABLE'));
    }
    // Anything else is our bug, never the client's input: log it, say nothing more than INTERNAL.
    log(`unexpected error on ${c.req.method} ${c.req.path}`, error);
    return errorResponse(c, new ApiError('INTERNAL'));
  });

  return {
    app,
    services,
    close: async () => {
      sweeper.stop();
      await intake.close();
      await storage.close();
    },
  };
}

/** The default worker count: one verifier per core (the main thread mostly waits on them and the disk). */
export function defaultWorkers(): number {
  return availableParallelism();
}
