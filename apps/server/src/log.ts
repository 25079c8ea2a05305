// The server's log: one JSON object per line on stdout, for journald, Docker or any log shipper to index:
// {"time":"2026-12-01T08:00:00.123Z","level":"info","event":"request","method":"POST","route":"/api/elections/:eid/ballots",
//  "election":"aral-2026-budget","status":201,"ms":14}. What a log line must never hold: tokens, login codes,
// voter ids, network addresses, ballot hashes — a log kept beside the board must not link a voter to a ballot.
import type { MiddlewareHandler } from 'hono';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogLine {
  readonly level: LogLevel;
  readonly event: string;
  readonly [field: string]: unknown;
}

/** Where log lines go; the default writes JSON lines to stdout. */
export type LogSink = (line: LogLine) => void;

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
};

/** An error as a log field: its name, message and stack (never the request that caused it). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: { name: error.name, message: error.message, stack: error.stack } };
  return { error: { message: String(error) } };
}

/**
 * One `request` line per HTTP request, when it has been answered: the route's pattern (not its path: a ballot hash
 * or a voter's token in a path stays out of the log), the election, the status and the time taken.
 */
export function requestLog(sink: LogSink): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const status = c.res.status;
    sink({
      level: status >= 500 ? 'error' : 'info',
      event: 'request',
      method: c.req.method,
      route: c.req.routePath,
      ...(c.req.param('eid') ? { election: c.req.param('eid') } : {}),
      status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  };
}
