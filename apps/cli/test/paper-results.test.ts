// The paper results through the real `saylau` command (spec §4.4.3): the commission enters the precinct protocols'
// figures from a CSV (`saylau results paper`), a file with impossible figures is refused with its line, both members
// sign (`saylau commission sign paper-results`), the tally judges validity on electronic and paper votes together,
// `saylau results` and the results protocol (JSON and PDF) show electronic, paper and combined figures, and the
// verifier checks it all; a protocol with a changed paper figure fails.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
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
import { saylauInProcess, tempDir } from './helpers.ts';
import { pdfPageTexts } from './pdf-text.ts';

const ADMIN = 'cli-paper-admin-token-0123456789';
let server: RunningServer;
let dir: string;
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

async function verify(args: string[]) {
  let out = '';
  const stdout = {
    write: (chunk: string) => {
      out += chunk;
      return true;
    },
    isTTY: false,
  } as unknown as NodeJS.WritableStream;
  const code = await runVerifier([...args, '--json', '--workers', '0'], {
    stdout,
    stderr: { write: () => true } as unknown as NodeJS.WritableStream,
  });
  return {
    code,
    report: JSON.parse(out) as { checks: { id: string; failed: number; failures: { code: string; path?: string }[] }[] },
  };
}

const HEADER =
  'district,ballots_issued,ballots_cast,invalid,parks.yes,parks.no,parks.blank,transport.metro,transport.tram,transport.brt,transport.bikes,transport.roads,projects.library,projects.pool,projects.market,projects.lights';

describe('saylau results paper', () => {
  it('enters, signs, tallies, shows and certifies the paper results', { timeout: 180_000 }, async () => {
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
      validityBasis: 'both',
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
    const projects = definition.questions.find((q) => q.id === 'projects')!.options.map((o) => o.id);
    expect(HEADER).toContain(projects.map((o) => `projects.${o}`).join(','));
    const voters = makeVoters(definition, { medeu: 4, bostandyk: 4 });
    await registerVoters(t, eid, voters);
    const trustees = await runCeremony(t, eid, definition);
    const env = { SAYLAU_SERVER: server.url, SAYLAU_ELECTION: eid, SAYLAU_ADMIN_TOKEN: ADMIN };
    for (const id of ['aigerim', 'bolat']) {
      expect((await saylauInProcess(['commission', 'sign', 'decision', ...keyArgs(id)], env)).code).toBe(0);
    }
    expect((await saylauInProcess(['election', 'open'], env)).code).toBe(0);
    const election = await electionContextOf(t, eid);
    for (const v of voters.slice(0, 2)) {
      const token = await loginVoter(t, eid, v);
      const choices: Record<string, string[]> = { parks: ['yes'], transport: ['tram'] };
      if (v.district === 'bostandyk') choices.projects = ['pool'];
      expectStatus(
        await t.request('POST', `/api/elections/${eid}/ballots`, {
          token,
          body: { ballot: ballotFor(election, v, choices).json },
        }),
        201,
      );
    }
    skipped = Date.parse(definition.votingPeriod.closes) - Date.now();
    expect((await saylauInProcess(['election', 'close'], env)).code).toBe(0);

    // --- a protocol copied wrong: more "no" marks than valid ballots in medeu; refused with its line, nothing sent ---
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${HEADER}\nmedeu,3,3,1,1,5,0,0,2,0,0,0,,,,\nbostandyk,2,2,0,0,2,0,1,0,0,1,0,1,1,0,0\n`);
    const refused = await saylauInProcess(['results', 'paper', '--file', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 2: PAPER_RESULTS_INCONSISTENT');
    const unknown = join(dir, 'unknown.csv');
    writeFileSync(unknown, `${HEADER},parks.maybe\nmedeu,3,3,1,1,1,0,0,2,0,0,0,,,,,1\n`);
    const usage = await saylauInProcess(['results', 'paper', '--file', unknown], env);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('parks.maybe')]);
    const none = await saylauInProcess(['commission', 'status', 'paper-results'], env);
    expect(none.code).toBe(1);

    // --- the right figures: medeu 3 cast (1 invalid), bostandyk 2; both members sign ---
    const good = join(dir, 'paper.csv');
    writeFileSync(good, `${HEADER}\nmedeu,3,3,1,1,1,0,0,2,0,0,0,,,,\nbostandyk,2,2,0,0,2,0,1,0,0,1,0,1,1,0,0\n`);
    const entered = await saylauInProcess(['results', 'paper', '--file', good], env);
    expect(entered.code, entered.stderr).toBe(0);
    expect(entered.stdout).toContain('paper results of 2 district(s), 5 paper ballots cast, are waiting for signatures');
    const status = await saylauInProcess(['commission', 'status', 'paper-results'], env);
    expect(status.stdout).toContain('medeu: 3 paper ballots issued, 3 cast, 1 invalid');
    expect(status.stdout).toContain('parks: blank 0, no 1, yes 1');
    const first = await saylauInProcess(['commission', 'sign', 'paper-results', ...keyArgs('aigerim')], env);
    expect(first.stdout).toContain('signed; 1 of 2 members so far');
    const second = await saylauInProcess(['commission', 'sign', 'paper-results', ...keyArgs('bolat')], env);
    expect(second.stdout).toContain('the paper-results is now on the board');

    // --- process, decrypt, tally: the verdicts add 4 valid paper ballots to the 2 electronic ones ---
    const processed = expectStatus(
      await t.request('POST', `/api/elections/${eid}/process`, { token: ADMIN, body: {} }),
      200,
    ).json;
    const entries = z.array(AggregateEntry).parse(processed.entries);
    const fp = fingerprintBytes(definition);
    for (const tr of trustees.slice(0, 2)) {
      const shares = computeDecryptionShares({ fingerprint: fp, entries }, tr.index, tr.secretShare as bigint);
      const body = signTrusteeRequest(tr.key.secretKey, fp, tr.index, 'decryption-share', {
        shares: z.encode(z.array(DecryptionShareWire.nullable()), shares),
      });
      expectStatus(await t.request('POST', `/api/elections/${eid}/trustees/${tr.index}/decryption`, { body }), 200);
    }
    const tally = await saylauInProcess(['election', 'tally'], env);
    expect(tally.code, tally.stderr).toBe(0);
    expect(tally.stdout).toContain('electronic 2 + paper 4 = 6 ballots of 8 registered (turnout 75.0%)');
    expect(tally.stdout).toContain('paper votes attested by the commission (members aigerim, bolat), not verifiable');
    expect(tally.stdout).toContain('turnout 6 of 8 registered = 75.0%');
    const results = await saylauInProcess(['results'], env);
    expect(results.stdout).toMatch(/Yes \(yes\)\s+2\s+1\s+3\s+50\.0%/);
    expect(results.stdout).toContain('Validity (judged on the electronic and paper votes together');

    // --- publication closes the door; the protocol certifies all three sets of figures ---
    expect((await saylauInProcess(['election', 'publish'], env)).code).toBe(0);
    const late = await saylauInProcess(['results', 'paper', '--file', good], env);
    expect([late.code, late.stderr]).toEqual([1, expect.stringContaining('WRONG_STATE')]);
    const out = join(dir, 'protocol');
    expect((await saylauInProcess(['results', 'protocol', '--out', out, '--language', 'ru'], env)).code).toBe(0);
    const file = join(out, 'protocol.json');
    const protocol = JSON.parse(readFileSync(file, 'utf8'));
    expect(protocol.validityBasis).toBe('both');
    expect(protocol.paperVoting.attestedBy).toEqual(['aigerim', 'bolat']);
    expect(protocol.paperVoting.overall.find((q: { question: string }) => q.question === 'parks')).toMatchObject({
      counts: { yes: 1, no: 3, blank: 0 },
      ballots: 4,
    });
    expect(protocol.combined.overall.find((q: { question: string }) => q.question === 'parks').counts).toEqual({
      yes: 3,
      no: 3,
      blank: 0,
    });
    const pdf = (await pdfPageTexts(readFileSync(join(out, 'protocol.pdf')))).join('');
    const words = pdf.replace(/\s+/g, ' ');
    expect(words).toContain('Результаты голосования на бумаге (заверено комиссией, системой не проверяется)');
    expect(words).toContain('Действительность определена по сумме электронных голосов и голосов на бумаге');
    for (const id of ['aigerim', 'bolat']) {
      expect((await saylauInProcess(['commission', 'sign-protocol', file, ...keyArgs(id)], env)).code).toBe(0);
    }
    const record = join(dir, 'record');
    expect((await saylauInProcess(['record', 'export', '--out', record], env)).code).toBe(0);
    const passed = await verify([record, '--protocol', file]);
    expect(passed.report.checks.filter((c) => c.failed > 0)).toEqual([]);
    expect(passed.report.checks.find((c) => c.id === 'paper.results')).toMatchObject({ failed: 0 });

    const tampered = JSON.parse(readFileSync(file, 'utf8'));
    tampered.paperVoting.districts[0].questions[0].counts.yes += 1;
    const forged = join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify(tampered));
    const failed = await verify([record, '--protocol', forged]);
    expect(failed.code).toBe(1);
    expect(failed.report.checks.find((c) => c.id === 'anchor.protocol')?.failures).toEqual([
      expect.objectContaining({ code: 'PROTOCOL_MISMATCH', path: 'paperVoting.districts.0.questions.0.counts.yes' }),
    ]);
  });
});
