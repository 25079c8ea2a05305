// `saylau vote` when the answer to the ballot is lost: between the command and a real server sits a proxy that
// cuts the connection after the server has answered (the ballot is committed, the receipt never arrives), or that
// answers 502 as a broken reverse proxy would. The command sends the same ballot again and prints the receipt of
// the one ballot on the board; when no try gets a receipt it says that nobody knows whether the vote counted.

import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { trackingCode } from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Listening, listen } from '../../server/src/index.ts';
import { openElection, startServer, type TestServer, type Voter } from '../../server/test/helpers.ts';
import { saylauInProcess, tempDir } from './helpers.ts';

let server: TestServer;
let listening: Listening;
let eid: string;
let voters: Voter[];

beforeAll(async () => {
  server = await startServer();
  ({ eid, voters } = await openElection(server, { medeu: 2, bostandyk: 1 }));
  listening = await listen(server.server, { port: 0, hostname: '127.0.0.1' });
});
afterAll(async () => {
  await listening?.close();
});

type Fault = (req: IncomingMessage, res: ServerResponse, forward: () => Promise<Response>) => Promise<void>;

/** A proxy to the server that lets `fault` handle each ballot submission; everything else passes through. */
async function proxy(fault: Fault): Promise<{ url: string; close(): Promise<void> }> {
  const target = `http://127.0.0.1:${listening.address.port}`;
  const http: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = () =>
        fetch(`${target}${req.url}`, {
          method: req.method ?? 'GET',
          headers: Object.fromEntries(
            Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection' && typeof req.headers[k] === 'string'),
          ) as Record<string, string>,
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        });
      const pass = async () => {
        const answer = await forward();
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      };
      const job = req.method === 'POST' && /\/ballots$/.test(req.url ?? '') ? fault(req, res, forward) : pass();
      job.catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

async function ballotEvents(credentialHex: string): Promise<{ seq: number }[]> {
  const answer = await server.request('GET', `/api/elections/${eid}/board?from=0&limit=1000`);
  const events = (answer.json as { events: { type: string; seq: number; ballot?: { credential: string } }[] }).events;
  return events.filter((e) => e.type === 'ballot' && e.ballot?.credential === credentialHex);
}

function voteArgs(voter: Voter): string[] {
  return [
    'vote',
    ...['--voter-id', voter.voterId, '--login-code', voter.loginCode, '--credential', voter.credentialCode],
    ...['--answers', JSON.stringify({ parks: ['yes'], transport: ['tram'] })],
  ];
}

const medeu = (i: number): Voter => voters.filter((v) => v.district === 'medeu')[i] as Voter;

describe('saylau vote when the answer is lost', () => {
  it('sends the same ballot again after the connection is cut and prints the receipt of the one recorded ballot', async () => {
    let cuts = 0;
    const p = await proxy(async (req, res, forward) => {
      const answer = await forward();
      const body = await answer.text();
      if (cuts++ === 0) {
        // the server committed the ballot and answered; the voter's side sees the connection reset
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(body);
    });
    try {
      const file = join(tempDir(), 'receipt.json');
      const run = await saylauInProcess([...voteArgs(medeu(0)), '--receipt', file], {
        SAYLAU_SERVER: p.url,
        SAYLAU_ELECTION: eid,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('sending the same ballot again, try 2 of 4');
      const receipt = JSON.parse(readFileSync(file, 'utf8')) as { ballotHash: string; leafIndex: number };
      const events = await ballotEvents(medeu(0).credentialHex);
      expect(events.map((e) => e.seq)).toEqual([receipt.leafIndex]);
      expect(cuts).toBe(2);
    } finally {
      await p.close();
    }
  });

  it('says it is not known whether the vote was recorded when every try gets a 502', async () => {
    let tries = 0;
    const p = await proxy(async (_req, res) => {
      tries++;
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>502 Bad Gateway</html>');
    });
    try {
      const run = await saylauInProcess(voteArgs(medeu(1)), { SAYLAU_SERVER: p.url, SAYLAU_ELECTION: eid });
      expect(run.code).toBe(1);
      expect(tries).toBe(4);
      expect(run.stderr).toContain('it is NOT known whether the ballot was recorded');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(await ballotEvents(medeu(1).credentialHex)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('refuses a receipt that names another ballot than the one it built (a dishonest server or proxy)', async () => {
    const other = 'ab'.repeat(32);
    const p = await proxy(async (_req, res, forward) => {
      const answer = await forward();
      const receipt = (await answer.json()) as Record<string, unknown>;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...receipt, ballotHash: other, trackingCode: trackingCode(other) }));
    });
    try {
      const file = join(tempDir(), 'receipt.json');
      const run = await saylauInProcess([...voteArgs(medeu(0)), '--receipt', file], {
        SAYLAU_SERVER: p.url,
        SAYLAU_ELECTION: eid,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the server's receipt names ballot ${other}, not the ballot built here`);
      expect(existsSync(file)).toBe(false);
    } finally {
      await p.close();
    }
  });
});
