// The per-address rate limit behind a reverse proxy: the proxy's X-Forwarded-For names the voter only when the
// proxy is one the commission trusts; from anyone else the header is ignored (a client could write anything there).
import { afterEach, describe, expect, it } from 'vitest';
import { type Listening, listen } from '../src/index.ts';
import { startServer, type TestServer } from './helpers.ts';

let server: TestServer | undefined;
let listening: Listening | undefined;

afterEach(async () => {
  await listening?.close();
  listening = undefined;
  server = undefined;
});

async function serve(trustedProxies: string[]): Promise<string> {
  server = await startServer({
    trustedProxies,
    rateLimits: { perAddress: { capacity: 2, refillPerSecond: 0.001 }, perVoter: { capacity: 1e9, refillPerSecond: 1e9 } },
  });
  listening = await listen(server.server, { port: 0, hostname: '127.0.0.1' });
  return `http://127.0.0.1:${listening.address.port}`;
}

const statuses = async (url: string, forwardedFor: string, n: number): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++)
    out.push((await fetch(`${url}/api/elections`, { headers: { 'x-forwarded-for': forwardedFor } })).status);
  return out;
};

describe('the rate limit behind a reverse proxy', () => {
  it('counts each forwarded address apart when the proxy is trusted', async () => {
    const url = await serve(['127.0.0.1']);
    expect(await statuses(url, '203.0.113.7', 3)).toEqual([200, 200, 429]);
    // another voter behind the same proxy is not held back; only the address the proxy added (the last) counts
    expect(await statuses(url, '198.51.100.1, 203.0.113.8', 2)).toEqual([200, 200]);
  });

  it('ignores X-Forwarded-For from a peer it does not trust', async () => {
    const url = await serve([]);
    expect(await statuses(url, '203.0.113.7', 2)).toEqual([200, 200]);
    // a new forged address does not buy a fresh allowance
    expect(await statuses(url, '203.0.113.9', 1)).toEqual([429]);
  });
});
