// Runs the real server as a child process (`tsx src/main.ts serve …`) on a given file, for the SIGKILL durability
// test and the benchmark: the port is whatever the OS gives, read from the server's "listening" line.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SpawnedServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code or signal once the process has ended. */
  readonly exited: Promise<number | string | null>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown code runs. */
  kill9(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

export async function spawnServer(options: {
  db: string;
  adminToken: string;
  workers?: number;
  /** Per-address requests per second (and burst); the benchmark's clients all share one address. */
  rateAddress?: number;
}): Promise<SpawnedServer> {
  const args = ['--import', 'tsx', MAIN, 'serve', '--db', options.db, '--port', '0', '--admin-token', options.adminToken];
  if (options.workers !== undefined) args.push('--workers', String(options.workers));
  if (options.rateAddress !== undefined) args.push('--rate-address', String(options.rateAddress));
  const child = spawn(process.execPath, args, { cwd: SERVER_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    // SAYLAU_SERVER_STDERR=1 shows what the server logs (traces, unexpected errors) as it happens.
    if (process.env.SAYLAU_SERVER_STDERR) process.stderr.write(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (match?.[1]) {
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before listening: ${stderr.slice(0, 2000)}`)));
  });
  return {
    url,
    child,
    exited,
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
