// The results protocol through the real `saylau` command (spec §4.4.1): a small election with a two-member
// commission is published; `saylau results protocol` writes protocol.json and a Kazakh protocol.pdf; each member
// adds its signature with `saylau commission sign-protocol`; `saylau-verify --protocol` passes on the exported record
// and fails on a tampered protocol or one signature short.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Aggregate,
  AggregateEntry,
  computeDecryptionShares,
  DecryptionShareWire,
  type ElectionDefinition,
  fingerprintBytes,
  signTrusteeRequest,
} from '@saylau/protocol';
import { runVerifier } from '@saylau/verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ballotFor,
  electionContextOf,
  expectStatus,
  httpRequester,
  loadDraft,
  loginVoter,
  makeVoters,
  registerVoters,
  runCeremony,
} from '../../server/scripts/election-driver.ts';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { readSigningKeyHeader } from '../src/keys/signing-key-file.ts';
import { resultsProtocolPdf } from '../src/results-protocol/pdf.ts';
import { saylauInProcess, tempDir } from './helpers.ts';
import { pdfPageTexts } from './pdf-text.ts';

const ADMIN = 'cli-protocol-admin-token-0123456789';
let server: RunningServer;
let dir: string;
/** Real time until the test moves the server's clock to the end of the voting period, to close. */
let skipped = 0;

beforeAll(async () => {
  dir = tempDir();
  server = await startServer({
    db: join(dir, 'saylau.db'),
    adminToken: ADMIN,
    intake: { workers: 0 },
    now: () => Date.now() + skipped,
  });
});
afterAll(async () => {
  await server?.close();
});

async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPageTexts(pdf)).join('');
}

/** A quiet verifier run: its exit code and its JSON report. */
async function verify(
  args: string[],
): Promise<{ code: number; report: { checks: { id: string; failed: number; failures: { code: string; path?: string }[] }[] } }> {
  let out = '';
  const stdout = {
    write: (chunk: string) => {
      out += chunk;
      return true;
    },
    isTTY: false,
  } as unknown as NodeJS.WritableStream;
  const stderr = { write: () => true } as unknown as NodeJS.WritableStream;
  const code = await runVerifier([...args, '--json', '--workers', '0'], { stdout, stderr });
  return { code, report: JSON.parse(out) };
}

describe('saylau results protocol', () => {
  it('is written, signed by the members and checked by the verifier', { timeout: 180_000 }, async () => {
    // --- a published election whose commission has two members, threshold 2 ---
    const passphrase = join(dir, 'passphrase');
    writeFileSync(passphrase, 'member passphrase 0123\n');
    const keyArgs = (id: string) => ['--key-file', join(dir, `${id}.key`), '--passphrase-file', passphrase];
    for (const id of ['aigerim', 'bolat']) {
      const made = await saylauInProcess([
        'commission',
        'keygen',
        '--member',
        id,
        '--name',
        `Member ${id}`,
        '--scrypt-log-n',
        '10',
        ...keyArgs(id),
      ]);
      expect(made.code, made.stderr).toBe(0);
    }
    const t = httpRequester(server.url, ADMIN);
    const draft = {
      ...loadDraft(),
      commission: {
        members: ['aigerim', 'bolat'].map((id) => ({
          id,
          name: `Member ${id}`,
          publicKey: readSigningKeyHeader('member', join(dir, `${id}.key`)).publicKey,
        })),
        threshold: 2,
      },
    };
    const definition = expectStatus(await t.request('POST', '/api/elections', { token: ADMIN, body: draft }), 201).json
      .definition as ElectionDefinition;
    const eid = definition.id;
    const voters = makeVoters(definition, { medeu: 2, bostandyk: 2 });
    await registerVoters(t, eid, voters);
    const trustees = await runCeremony(t, eid, definition);
    const env = { SAYLAU_SERVER: server.url, SAYLAU_ELECTION: eid, SAYLAU_ADMIN_TOKEN: ADMIN };
    for (const id of ['aigerim', 'bolat']) {
      const signed = await saylauInProcess(['commission', 'sign', 'decision', ...keyArgs(id)], env);
      expect(signed.code, signed.stderr).toBe(0);
    }
    expect((await saylauInProcess(['election', 'open'], env)).code).toBe(0);
    const election = await electionContextOf(t, eid);
    for (const [i, v] of voters.slice(0, 3).entries()) {
      const token = await loginVoter(t, eid, v);
      const choices: Record<string, string[]> = { parks: [i === 0 ? 'no' : 'yes'], transport: ['tram'] };
      if (v.district === 'bostandyk') choices.projects = ['pool'];
      const built = ballotFor(election, v, choices);
      expectStatus(await t.request('POST', `/api/elections/${eid}/ballots`, { token, body: { ballot: built.json } }), 201);
    }
    skipped = Date.parse(definition.votingPeriod.closes) - Date.now();
    expect((await saylauInProcess(['election', 'close'], env)).code).toBe(0);
    const processed = expectStatus(
      await t.request('POST', `/api/elections/${eid}/process`, { token: ADMIN, body: {} }),
      200,
    ).json;
    const entries: Aggregate[] = z.array(AggregateEntry).parse(processed.entries);
    const fp = fingerprintBytes(definition);
    for (const tr of trustees.slice(0, 2)) {
      const shares = computeDecryptionShares({ fingerprint: fp, entries }, tr.index, tr.secretShare as bigint);
      const body = signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'decryption-share', {
        shares: z.encode(z.array(DecryptionShareWire.nullable()), shares),
      });
      expectStatus(await t.request('POST', `/api/elections/${eid}/trustees/${tr.index}/decryption`, { body }), 200);
    }
    expect((await saylauInProcess(['election', 'tally'], env)).code).toBe(0);

    // before publication there is no protocol to make
    const early = await saylauInProcess(['results', 'protocol', '--out', join(dir, 'early')], env);
    expect([early.code, early.stderr]).toEqual([1, expect.stringContaining('is decrypted')]);
    const published = await saylauInProcess(['election', 'publish'], env);
    expect(published.code, published.stderr).toBe(0);

    // --- the protocol, in Kazakh, with the record's address ---
    const out = join(dir, 'protocol');
    const made = await saylauInProcess(
      ['results', 'protocol', '--out', out, '--language', 'kk', '--record-url', 'https://example.org/aral/record.json'],
      env,
    );
    expect(made.code, made.stderr).toBe(0);
    const file = join(out, 'protocol.json');
    const protocol = JSON.parse(readFileSync(file, 'utf8'));
    expect(protocol).toMatchObject({
      format: 'saylau-results-protocol',
      election: eid,
      register: { total: 4 },
      eVoting: { eVoters: 3, ballots: 3, counted: 3, superseded: 0, cancelled: 0, revoked: 0 },
      recordUrl: 'https://example.org/aral/record.json',
      signatures: [],
    });
    const text = await pdfText(readFileSync(join(out, 'protocol.pdf')));
    expect(text).toContain('Дауыс беру қорытындысының хаттамасы');
    expect(text).toContain(definition.title.kk);
    expect(text).toContain('Member aigerim');
    expect(text).toContain(protocol.fingerprint);
    expect(text).toMatch(/66\.7%/); // 2 of 3 counted ballots chose "yes"
    expect(text).toContain('орындалды'); // the verdicts in Kazakh words
    for (const [language, heading, verdict] of [
      ['ru', 'Протокол об итогах голосования', 'выполнено'],
      ['en', 'Results protocol', 'turnout 3 of 4 registered = 75.0%'],
    ] as const) {
      const other = await pdfText(await resultsProtocolPdf(definition, protocol, language));
      expect(other).toContain(heading);
      expect(other).toContain(definition.title[language]);
      expect(other).toContain(verdict);
    }

    // --- the record, and the verifier with the unsigned protocol: one signature short is a failure ---
    const record = join(dir, 'record');
    expect((await saylauInProcess(['record', 'export', '--out', record], env)).code).toBe(0);
    const unsigned = await verify([record, '--protocol', file]);
    expect(unsigned.code).toBe(1);
    const row = () => unsigned.report.checks.find((c) => c.id === 'anchor.protocol');
    expect(row()?.failures.map((f) => f.code)).toEqual(['PROTOCOL_UNSIGNED']);

    // --- the members sign, one after the other ---
    const first = await saylauInProcess(['commission', 'sign-protocol', file, ...keyArgs('aigerim')], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('signed; 1 of 2 members so far');
    const second = await saylauInProcess(['commission', 'sign-protocol', file, ...keyArgs('bolat')], env);
    expect(second.stdout).toContain('with 2 of 2 members the protocol stands');
    const passed = await verify([record, '--protocol', file]);
    expect(passed.report.checks.filter((c) => c.failed > 0)).toEqual([]);
    expect(passed.code).toBe(0);

    // --- a tampered count fails the verifier and a member refuses to sign it ---
    const tampered = JSON.parse(readFileSync(file, 'utf8'));
    tampered.results.overall[0].counts.yes += 1;
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(tampered));
    const failed = await verify([record, '--protocol', bad]);
    expect(failed.code).toBe(1);
    const failures = failed.report.checks.find((c) => c.id === 'anchor.protocol')?.failures ?? [];
    expect(failures).toEqual([expect.objectContaining({ code: 'PROTOCOL_MISMATCH', path: 'results.overall.0.counts.yes' })]);
    const refused = await saylauInProcess(['commission', 'sign-protocol', bad, ...keyArgs('aigerim')], env);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('do not sign it')]);
  });
});
