// Running the real `saylau` command as a subprocess (node --import tsx src/main.ts), a real server process started
// with `saylau serve`, and reading the codes back from the printed letters, as the tests of a whole election need.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/** The command as the README installs it: node_modules/.bin/saylau at the repository's root. */
export const INSTALLED_SAYLAU = join(REPO, 'node_modules', '.bin', 'saylau');

/** How a test runs the command: from the sources through tsx (the default), or the installed bin. */
function commandLine(args: readonly string[], installed: boolean): [string, string[]] {
  return installed ? [INSTALLED_SAYLAU, [...args]] : [process.execPath, ['--import', 'tsx', MAIN, ...args]];
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `saylau ARGS…` from the repository root; never rejects (the exit code is part of the answer). */
export function saylau(
  args: readonly string[],
  env: Record<string, string> = {},
  options: { installed?: boolean; cwd?: string } = {},
): Promise<Run> {
  const t0 = Date.now();
  const [file, argv] = commandLine(args, options.installed ?? false);
  return new Promise((resolve) => {
    execFile(
      file,
      argv,
      { cwd: options.cwd ?? REPO, env: { ...process.env, ...env }, maxBuffer: 64 << 20, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (process.env.SAYLAU_TEST_TIMES)
          console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: saylau ${args.slice(0, 2).join(' ')}`);
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Like saylau() but fails with everything printed when the exit code is not 0. */
export async function saylauOk(
  args: readonly string[],
  env: Record<string, string> = {},
  options: { installed?: boolean; cwd?: string } = {},
): Promise<string> {
  const run = await saylau(args, env, options);
  if (run.code !== 0) throw new Error(`saylau ${args.join(' ')} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

export function tempDir(prefix = 'saylau-cli-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown code runs. */
  kill9(): Promise<void>;
}

/** The board key's passphrase in tests (the key file is made beside the database, with a cheap scrypt). */
export const BOARD_KEY_PASSPHRASE = 'test board key passphrase';

/** `saylau serve` on a fresh database and any free port, its board key in board.key beside it; resolves once it listens. */
export async function serveProcess(
  db: string,
  adminToken: string,
  options: { installed?: boolean; boardKey?: string } = {},
): Promise<ServerProcess> {
  const boardKey = options.boardKey ?? join(dirname(db), 'board.key');
  const child: ChildProcess = spawn(
    ...commandLine(
      [
        ...['serve', '--db', db, '--port', '0', '--workers', '1', '--admin-token', adminToken],
        ...['--board-key', boardKey, '--scrypt-log-n', '10'],
      ],
      options.installed ?? false,
    ),
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SAYLAU_BOARD_KEY_PASSPHRASE: BOARD_KEY_PASSPHRASE } },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(() => reject(new Error(`saylau serve exited before listening:\n${output}`)));
  });
  return {
    url,
    pid: child.pid as number,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LetterCodes {
  readonly voterId: string;
  readonly loginCode: string;
  readonly credentialCode: string;
}

/** The codes printed on each letter of letters.html, in letter order. */
export function lettersCodes(html: string): LetterCodes[] {
  return [...html.matchAll(/<article class="letter">([\s\S]*?)<\/article>/g)].map(([, letter]) => {
    const cells = [...(letter ?? '').matchAll(/<td class="code(?: big)?">([^<]*)<\/td>/g)].map((m) => m[1] as string);
    return { voterId: cells[0] as string, loginCode: cells[1] as string, credentialCode: cells[2] as string };
  });
}

/**
 * Runs the CLI in this process (runCli, exactly what main.ts runs) with the environment given, capturing what it
 * prints. Much faster than a subprocess; not for concurrent use (it swaps process.env and console).
 */
export async function saylauInProcess(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const { runCli } = await import('../src/program.ts');
  const saved = { ...process.env };
  const { log, error } = console;
  let stdout = '';
  let stderr = '';
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === '') delete process.env[k];
  console.log = (...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  };
  console.error = (...parts: unknown[]) => {
    stderr += `${parts.join(' ')}\n`;
  };
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    console.log = log;
    console.error = error;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
