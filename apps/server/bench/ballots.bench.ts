// Accepted ballots per second (docs/benchmarks.md): the real server on loopback, concurrent clients submitting
// valid signed 7-selection ballots (a yes/no referendum + a 1-of-5 question). Ballots and sessions are prepared
// before the clock starts, so the figure is the server's: parse, verify (batched, in workers), commit, receipt.
// A warm-up of 300 ballots runs first, untimed.
//
//   pnpm bench [-- --ballots 1500 --warmup 300 --clients 64 --workers 2]
//   pnpm bench -- --postgres postgres://postgres@127.0.0.1/test [--servers 3]
//
// With --postgres the servers run on a database of their own made on that PostgreSQL server (and dropped after);
// with --servers N, N server processes share it and the clients spread their ballots over them in turn.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { decodePoint, hexToBytes, prepareElectionKey } from '@saylau/crypto';
import { buildBallot, type ElectionDefinition, fingerprintBytes } from '@saylau/protocol';
import pg from 'pg';
import { expectStatus, httpRequester, loadDraft, loginVoter, openElection } from '../scripts/election-driver.ts';
import { type SpawnedServer, spawnServer } from '../scripts/spawn-server.ts';
import { startTsWorker } from '../src/workers/ts-worker.ts';

const CHOICES = { parks: ['yes'], transport: ['tram'] };

interface BuildJob {
  readonly definition: ElectionDefinition;
  readonly electionKey: string;
  readonly secrets: string[];
}

// The load generator shares the 2 cores with the server, so it uses node:http with kept-alive connections, which
// costs the client about half of what fetch does per request (measured: 1.4 ms per ballot with fetch).
const agent = new http.Agent({ keepAlive: true });

function post(url: string, token: string, payload: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

// Ballot building runs in worker threads (a ballot costs the client tens of milliseconds).
if (!isMainThread) {
  const job = (workerData as { data: BuildJob }).data;
  const election = {
    definition: job.definition,
    fingerprint: fingerprintBytes(job.definition),
    electionKey: prepareElectionKey(decodePoint(hexToBytes(job.electionKey))),
  };
  const ballots = job.secrets.map((s) => {
    const built = buildBallot(election, { district: 'medeu', choices: CHOICES, credentialSecret: BigInt(s) });
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    return built.value.json;
  });
  parentPort?.postMessage(ballots);
} else {
  await main();
}

async function buildInWorkers(job: BuildJob): Promise<unknown[]> {
  const n = availableParallelism();
  const size = Math.ceil(job.secrets.length / n);
  const parts = await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const secrets = job.secrets.slice(i * size, (i + 1) * size);
      return new Promise<unknown[]>((resolve, reject) => {
        const worker = startTsWorker(new URL(import.meta.url), { ...job, secrets });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    }),
  );
  return parts.flat();
}

/** CPU time (user + system, all threads) the process has used so far, in ms; Linux only (null elsewhere). */
function cpuMs(pid: number | undefined): number | null {
  try {
    // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks of 10 ms; the name in field 2 has no spaces here
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) of each thread of a process, the main thread under 'main' and the others under their thread ids;
 * Linux only (an empty map elsewhere, and the bench then prints no split).
 */
function threadCpuMs(pid: number | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return out;
  for (const tid of readdirSync(tasks)) {
    let stat: string;
    try {
      stat = readFileSync(`${tasks}/${tid}/stat`, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // the thread ended since the listing
      throw error;
    }
    // after the name in parentheses: fields 14 and 15 of stat(5), utime and stime in ticks of 10 ms
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(tid === String(pid) ? 'main' : tid, (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    // `pnpm bench -- --ballots …` passes the `--` along
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      ballots: { type: 'string', default: '1500' },
      warmup: { type: 'string', default: '300' },
      // Little's law: 300 ballots/s at ~0.2 s each keeps ~60 submissions in flight; fewer closed-loop clients
      // would cap the server's batches (and so its throughput) below what that load gives it
      clients: { type: 'string', default: '64' },
      workers: { type: 'string' },
      postgres: { type: 'string' },
      servers: { type: 'string', default: '1' },
    },
  });
  const total = Number(values.ballots);
  const warmup = Number(values.warmup);
  const clients = Number(values.clients);
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  const serverCount = Number(values.servers);
  if (serverCount > 1 && !values.postgres) throw new Error('--servers above 1 needs --postgres: servers share a database');

  // A 7-selection ballot: the fixture's medeu style with the referendum reduced to yes/no (2 + 5 options).
  const draft = loadDraft();
  const parks = draft.questions.find((q) => q.id === 'parks');
  if (!parks) throw new Error('fixture changed: no parks question');
  parks.options = parks.options.slice(0, 2);

  const dir = mkdtempSync(join(tmpdir(), 'saylau-bench-'));
  const adminToken = 'bench-admin-token-0123456789';
  const database = values.postgres ? await benchDatabase(values.postgres) : undefined;
  const db = database?.url ?? join(dir, 'bench.db');
  const servers: SpawnedServer[] = [];
  for (let i = 0; i < serverCount; i++) servers.push(await spawnServer({ db, adminToken, workers, rateAddress: 1e9 }));
  const server = servers[0] as SpawnedServer;
  try {
    const api = httpRequester(server.url, adminToken);
    const setupStart = performance.now();
    const { eid, definition, voters } = await openElection(api, { medeu: warmup + total, bostandyk: 0 }, draft, false);
    const info = expectStatus(await api.request('GET', `/api/elections/${eid}`), 200).json;
    const tokens: string[] = [];
    for (const v of voters) tokens.push(await loginVoter(api, eid, v));
    const ballots = await buildInWorkers({
      definition,
      electionKey: info.electionKey,
      secrets: voters.map((v) => v.secret.toString()),
    });
    // request bodies are serialized before the clock: the client's work should be the HTTP exchange only
    const payloads = ballots.map((ballot) => JSON.stringify({ ballot }));
    const bytes = (payloads[0] as string).length;
    console.log(
      `prepared ${warmup} + ${total} ballots (${(bytes / 1024).toFixed(1)} KB each, 7 selections) and sessions in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
    );

    let accepted = 0;
    const refused = new Map<string, number>();
    const latencies: number[] = [];
    /** Submits ballots [from, to) from `clients` concurrent connections. */
    const submit = async (from: number, to: number, record: boolean) => {
      let next = from;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let i = next++; i < to; i = next++) {
            const t0 = performance.now();
            const url = (servers[i % servers.length] as SpawnedServer).url;
            const res = await post(`${url}/api/elections/${eid}/ballots`, tokens[i] as string, payloads[i] as string);
            if (!record) continue;
            latencies.push(performance.now() - t0);
            if (res.status === 201) accepted++;
            else {
              const code = (JSON.parse(res.body) as { error?: { code: string } }).error?.code ?? String(res.status);
              refused.set(code, (refused.get(code) ?? 0) + 1);
            }
          }
        }),
      );
    };
    // Warm-up, untimed: a server runs for days, so the figure is taken after V8 has compiled the hot paths.
    await submit(0, warmup, false);
    const cpuBefore = sumOf(servers.map((s) => cpuMs(s.child.pid)));
    const threadsBefore = threadCpuMs(server.child.pid);
    const dbCpuBefore = database ? await database.cpuMs() : null;
    const clientCpuBefore = process.cpuUsage();
    const loadBefore = loadavg()[0] as number;
    const start = performance.now();
    await submit(warmup, warmup + total, true);
    const seconds = (performance.now() - start) / 1000;
    const cpuAfter = sumOf(servers.map((s) => cpuMs(s.child.pid)));
    const threadsAfter = threadCpuMs(server.child.pid);
    const dbCpuAfter = database ? await database.cpuMs() : null;
    // where the server's CPU goes: its main thread (HTTP, SQLite, receipts) and the rest (verification workers,
    // V8's collector and compiler threads)
    const threadMs = (name: string) => (threadsAfter.get(name) ?? 0) - (threadsBefore.get(name) ?? 0);
    const otherMs = [...threadsAfter.keys()].filter((k) => k !== 'main').reduce((sum, k) => sum + threadMs(k), 0);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    latencies.sort((a, b) => a - b);
    console.log(
      `\n${serverCount} server process(es) on ${database ? 'PostgreSQL' : 'a SQLite file'}, ${workers} verification worker(s) each; ${clients} concurrent clients; loopback HTTP`,
    );
    console.log(`  accepted ${accepted} of ${total} ballots in ${seconds.toFixed(2)} s`);
    console.log(
      `  accepted ballots/s                    ${(accepted / seconds).toFixed(0)}   (target ≥ 300; IVXV requires ≥ 100)`,
    );
    console.log(
      `  latency p50 / p95 / max               ${percentile(latencies, 0.5).toFixed(0)} / ${percentile(latencies, 0.95).toFixed(0)} / ${(latencies[latencies.length - 1] ?? 0).toFixed(0)} ms`,
    );
    if (cpuBefore !== null && cpuAfter !== null && accepted > 0) {
      // Other processes share the machine: the server's own CPU time per ballot says what it costs, whatever the load.
      const perBallot = (cpuAfter - cpuBefore) / accepted;
      const cores = availableParallelism();
      console.log(`  server CPU per accepted ballot        ${perBallot.toFixed(1)} ms (all threads, all server processes)`);
      if (dbCpuBefore !== null && dbCpuAfter !== null) {
        console.log(
          `  PostgreSQL CPU per accepted ballot    ${((dbCpuAfter - dbCpuBefore) / accepted).toFixed(1)} ms (its backends)`,
        );
      }
      if (threadsAfter.size > 0 && serverCount === 1)
        console.log(
          `    of which main thread / other threads ${(threadMs('main') / accepted).toFixed(1)} / ${(otherMs / accepted).toFixed(1)} ms`,
        );
      console.log(`  → with ${cores} cores to itself             ≈ ${((cores * 1000) / perBallot).toFixed(0)} ballots/s`);
    }
    if (accepted > 0) {
      const clientMs = (clientCpu.user + clientCpu.system) / 1000 / accepted;
      console.log(
        `  client CPU per accepted ballot        ${clientMs.toFixed(1)} ms (this process: HTTP requests, same machine)`,
      );
    }
    console.log(`  load average (1 min) before / after   ${loadBefore.toFixed(1)} / ${(loadavg()[0] as number).toFixed(1)}`);
    if (refused.size > 0) console.log(`  refused: ${JSON.stringify(Object.fromEntries(refused))}`);
    const turnout = expectStatus(await api.request('GET', `/api/elections/${eid}/turnout`), 200).json;
    console.log(`  turnout says ${turnout.districts[0].voted} voted in ${turnout.districts[0].district}`);
  } finally {
    agent.destroy();
    for (const s of servers) await s.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function sumOf(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((sum, v) => sum + (v as number), 0);
}

/** A database of the bench's own on the given PostgreSQL server, with its backends' CPU time (Linux, same host). */
async function benchDatabase(adminUrl: string) {
  const name = `saylau_bench_${randomBytes(6).toString('hex')}`;
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    /** CPU time of the backends serving this database now (they live as long as the servers' pooled connections). */
    cpuMs: () =>
      admin(async (client) => {
        const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
        return rows.reduce((sum, r) => sum + (cpuMs(r.pid) ?? 0), 0);
      }),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
