// The HTTP client of every command: JSON in and out, the commission's bearer token where needed, and server
// answers turned into CliErrors that name the server's error code (docs/api.md) or say the server is unreachable.
import { CliError, EXIT, type PathProblem, problemLines } from './errors.ts';

export interface ServerErrorBody {
  readonly code: string;
  readonly message: string;
  readonly problems?: readonly PathProblem[];
}

/** A 4xx/5xx answer from the server, with its error body. */
export class ServerError extends CliError {
  constructor(
    readonly status: number,
    readonly error: ServerErrorBody,
    what: string,
  ) {
    super(
      `${what}: the server refused (${status} ${error.code}): ${error.message}`,
      EXIT.failed,
      problemLines(error.problems ?? []),
    );
    this.name = 'ServerError';
  }
}

export interface RequestOptions {
  /** A bearer token: the commission's admin token or a voter's session token. */
  readonly token?: string | undefined;
  /** What the request is for, for error messages ("importing the register"). */
  readonly what?: string;
}

export class ApiClient {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    /** The commission's token, for the commission's endpoints. */
    readonly adminToken?: string,
  ) {
    this.baseUrl = normalizeServerUrl(baseUrl);
  }

  get<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T = unknown>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  /** A commission request: needs the admin token. */
  admin<T = unknown>(path: string, body: unknown, what: string): Promise<T> {
    if (!this.adminToken) {
      throw new CliError(`${what}: the commission's admin token is needed`, EXIT.usage, [
        '  give it with --admin-token or the SAYLAU_ADMIN_TOKEN environment variable',
      ]);
    }
    return this.post<T>(path, body, { token: this.adminToken, what });
  }

  async request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
    const what = options.what ?? `${method} ${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    await settleConnections();
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw unreachable(this.baseUrl, what, error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // the answer was cut off mid-way (a reset connection: undici's UND_ERR_SOCKET)
      throw unreachable(this.baseUrl, what, error);
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = (json as { error?: ServerErrorBody } | undefined)?.error;
      throw new ServerError(
        response.status,
        error && typeof error.code === 'string'
          ? error
          : { code: 'HTTP_ERROR', message: text.slice(0, 300) || response.statusText },
        what,
      );
    }
    if (json === undefined) throw new CliError(`${what}: the server's answer is not JSON (is ${this.baseUrl} a Saylau server?)`);
    return json as T;
  }
}

/**
 * One full turn of the event loop before a request: timers (an in-process server's overdue keep-alive timeout closes
 * its idle socket), then poll (the close of a socket the server ended while this process was busy is read), then
 * check. After seconds of work that held the loop (verifying a board, drawing letters), a request sent sooner goes
 * out on a connection the server has already closed and fails with ECONNRESET / UND_ERR_SOCKET although the server
 * is fine (measured: a bare setImmediate is not enough; this is). It costs about a millisecond.
 */
async function settleConnections(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setImmediate(resolve));
}

function unreachable(baseUrl: string, what: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new CliError(`${what}: cannot reach the Saylau server at ${baseUrl} (${reason})`, EXIT.unreachable, [
    '  check the --server address (or SAYLAU_SERVER) and that the server is running ("saylau serve")',
  ]);
}

/** "http://host:port" without a trailing slash; a bare host:port gets http://. */
export function normalizeServerUrl(url: string): string {
  const withScheme = /^https?:\/\//i.test(url) ? url : `http://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new CliError(`"${url}" is not a server address`, EXIT.usage, ['  e.g. --server http://127.0.0.1:8080']);
  }
  return parsed.href.replace(/\/+$/, '');
}
