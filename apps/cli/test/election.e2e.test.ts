// A whole election through the real `saylau` command, each step a subprocess against a real `saylau serve`
// process: YAML definition, CSV register, credentials and letters, a 2-of-3 ceremony with the three trustees
// working at the same time, scripted voters (a re-vote, a paper voter, abstentions), close, process, decryption
// with trustee 2 missing, tally, publish, record export and the verifier. Results are checked as printed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex, decodePoint, hexToBytes } from '@saylau/crypto';
import {
  BallotWire,
  type Choices,
  type ElectionDefinition,
  fingerprintBytes,
  openBallot,
  openSeal,
  parseVerificationLink,
  verificationAccess,
} from '@saylau/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LetterCodes, lettersCodes, REPO, type ServerProcess, saylau, saylauOk, serveProcess, tempDir } from './helpers.ts';
import { parsePrintedResults, parsePrintedValidity } from './results-text.ts';

const ADMIN = 'cli-e2e-admin-token-0123456789';
const DEFINITION = join(REPO, 'test/fixtures/definitions/town-budget.yaml');
const VOTERS = join(REPO, 'test/fixtures/voters/town-budget-voters.csv');

/** The simulated votes: each voter's ballots in order (the last counts); KZ-0005 also votes on paper; KZ-0004,
 * KZ-0007, KZ-0009 and KZ-0010 abstain. */
const VOTES: Record<string, Record<string, string[]>[]> = {
  'KZ-0001': [{ library: ['yes'], budget: ['water'] }],
  'KZ-0002': [{ library: ['no'], budget: ['schools'] }],
  'KZ-0003': [
    { library: ['yes'], budget: ['water'] },
    { library: ['no'], budget: ['roads'] },
  ],
  'KZ-0005': [{ library: ['yes'], budget: ['schools'] }],
  'KZ-0006': [{ library: ['yes'], budget: ['roads'], parks: ['central', 'river'] }],
  'KZ-0008': [{ library: ['no'], budget: ['water'], parks: ['river', 'school'] }],
};
const PAPER = ['KZ-0005'];

const EXPECTED = {
  'district north': { library: { yes: 1, no: 2 }, budget: { schools: 1, roads: 1, water: 1 } },
  'district south': {
    library: { yes: 1, no: 1 },
    budget: { schools: 0, roads: 1, water: 1 },
    parks: { central: 1, river: 2, station: 0, school: 1 },
  },
  overall: {
    library: { yes: 2, no: 3 },
    budget: { schools: 1, roads: 2, water: 2 },
    parks: { central: 1, river: 2, station: 0, school: 1 },
  },
};

let dir: string;
let server: ServerProcess;
let env: Record<string, string>;

beforeAll(async () => {
  dir = tempDir();
  server = await serveProcess(join(dir, 'saylau.db'), ADMIN);
  env = { SAYLAU_SERVER: server.url, SAYLAU_ADMIN_TOKEN: ADMIN, SAYLAU_ELECTION: 'aral-2026-budget' };
});
afterAll(async () => {
  await server?.stop();
});

describe('a whole election through the saylau command', () => {
  it('runs from the definition to a verified record, with a trustee missing at decryption', { timeout: 240_000 }, async () => {
    // A commission member makes a key file; its public key goes into the definition (threshold 1: one member signs).
    const memberPassphrase = join(dir, 'member-passphrase');
    writeFileSync(memberPassphrase, 'member correct horse battery staple\n');
    const memberArgs = ['--key-file', join(dir, 'member.key'), '--passphrase-file', memberPassphrase];
    const keygen = await saylauOk([
      'commission',
      'keygen',
      '--member',
      'aigerim',
      '--name',
      'Aigerim',
      '--scrypt-log-n',
      '10',
      ...memberArgs,
    ]);
    const memberKey = /publicKey: ([0-9a-f]{64})/.exec(keygen)?.[1] as string;
    const definitionFile = join(dir, 'town-budget.yaml');
    writeFileSync(
      definitionFile,
      `${readFileSync(DEFINITION, 'utf8')}commission:\n  members:\n    - { id: aigerim, name: Aigerim, publicKey: ${memberKey} }\n  threshold: 1\n`,
    );

    // The commission defines the election from YAML and imports the register.
    const defined = await saylauOk(['election', 'define', definitionFile], env);
    expect(defined).toContain('created election aral-2026-budget');
    const fingerprint = /fingerprint ([0-9a-f]{64})/.exec(defined)?.[1] as string;
    expect(await saylauOk(['register', 'import', VOTERS], env)).toContain('imported 10 voters: north 5, south 5');

    // Credentials: letters with codes, the public list.
    const letters = join(dir, 'letters');
    const issued = await saylauOk(['credentials', 'issue', '--voters', VOTERS, '--out', letters], env);
    expect(issued).toContain('issued 10 credentials');
    const html = readFileSync(join(letters, 'letters.html'), 'utf8');
    expect(html).toContain(fingerprint.slice(0, 8));
    const codes = new Map<string, LetterCodes>(lettersCodes(html).map((c) => [c.voterId, c]));
    expect(codes.size).toBe(10);
    for (const c of codes.values()) expect(c.credentialCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const list = JSON.parse(readFileSync(join(letters, 'public-credentials.json'), 'utf8'));
    expect(list.entries).toHaveLength(10);
    expect(JSON.stringify(list)).not.toContain('KZ-0001');

    // The key ceremony: the commission enrolls three trustees; each runs keygen, deal and verify-shares on
    // "its own machine" at the same time as the others, waiting for them through the server.
    const started = await saylauOk(['ceremony', 'start', '--trustee', 'Alice', '--trustee', 'Bolat', '--trustee', 'Chen'], env);
    const tokens = [1, 2, 3].map((n) => new RegExp(`trustee ${n} \\(\\w+\\): token ([0-9a-f]{64})`).exec(started)?.[1] as string);
    const trusteeEnv = (n: number) => ({
      SAYLAU_SERVER: server.url,
      ...(n === 2 ? { SAYLAU_PASSPHRASE: 'bolat passphrase two' } : {}),
    });
    const passphraseArgs = (n: number) => {
      if (n === 2) return [];
      const file = join(dir, `passphrase-${n}`);
      writeFileSync(file, `trustee ${n} correct horse battery staple\n`);
      return ['--passphrase-file', file];
    };
    const keyFile = (n: number) => join(dir, `trustee-${n}.key`);
    const outputs = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const e = trusteeEnv(n);
        const keygen = await saylauOk(
          [
            'trustee',
            'keygen',
            '--election',
            'aral-2026-budget',
            '--trustee',
            String(n),
            '--token',
            tokens[n - 1] as string,
            '--key-file',
            keyFile(n),
            '--scrypt-log-n',
            '12',
            ...passphraseArgs(n),
          ],
          e,
        );
        const dealt = await saylauOk(['trustee', 'deal', '--key-file', keyFile(n), '--wait', '90', ...passphraseArgs(n)], e);
        const verified = await saylauOk(
          ['trustee', 'verify-shares', '--key-file', keyFile(n), '--wait', '90', ...passphraseArgs(n)],
          e,
        );
        return keygen + dealt + verified;
      }),
    );
    outputs.forEach((out, i) => {
      expect(out).toContain(`trustee ${i + 1}`);
      expect(out).toContain('every share verified');
    });
    expect(readFileSync(keyFile(1), 'utf8')).toContain('XChaCha20-Poly1305');
    const finished = await saylauOk(['ceremony', 'finish'], env);
    expect(finished).toMatch(/qualified dealers: 1 \(Alice\), 2 \(Bolat\), 3 \(Chen\)/);
    const decision = JSON.parse(await saylauOk(['commission', 'status', 'decision', '--json'], env));
    expect(decision).toMatchObject({ kind: 'decision', signers: [], threshold: expect.any(Number) });
    expect(await saylauOk(['commission', 'sign', 'decision', ...memberArgs], env)).toContain('the decision is now on the board');
    expect(await saylauOk(['election', 'open'], env)).toContain('voting is open');

    // Voting: first ballots at the same time, then KZ-0003's re-vote.
    const vote = (voterId: string, answers: Record<string, string[]>) => {
      const c = codes.get(voterId) as LetterCodes;
      return saylauOk(
        [
          'vote',
          '--voter-id',
          c.voterId,
          '--login-code',
          c.loginCode,
          '--credential',
          c.credentialCode,
          '--answers',
          JSON.stringify(answers),
        ],
        env,
      );
    };
    const receipts = await Promise.all(
      Object.entries(VOTES).map(([id, ballots]) => vote(id, ballots[0] as Record<string, string[]>)),
    );
    // KZ-0003 votes again with --receipt: the file gets the receipt, the terminal (stderr) the verification link
    const receiptFile = join(dir, 'receipt.json');
    const c3 = codes.get('KZ-0003') as LetterCodes;
    const revote = await saylau(
      [
        'vote',
        '--voter-id',
        c3.voterId,
        '--login-code',
        c3.loginCode,
        '--credential',
        c3.credentialCode,
        '--answers',
        JSON.stringify(VOTES['KZ-0003']?.[1]),
        '--receipt',
        receiptFile,
      ],
      env,
    );
    expect(revote.code, revote.stderr).toBe(0);
    const revoteReceipt = JSON.parse(readFileSync(receiptFile, 'utf8'));
    expect(revoteReceipt.supersedes).toBe(JSON.parse(receipts[2] as string).ballotHash);
    expect(revote.stdout).toContain(`receipt written to ${receiptFile}`);
    const link = /https?:\/\/\S+\/verify\.html#\S+/.exec(revote.stderr)?.[0] ?? '';
    const opened = await openWithLink(server.url, link);
    expect(opened.choices).toEqual({ library: ['no'], budget: ['roads'] });
    // neither the seed nor the link's key, nor the link, is in the receipt file or on stdout (searched as bytes)
    for (const text of [readFileSync(receiptFile, 'latin1'), revote.stdout, ...receipts]) {
      for (const secret of [opened.seedHex, opened.keyHex, 'key=']) expect(text).not.toContain(secret);
    }
    const checked = await saylauOk(['check-receipt', receiptFile], env);
    expect(checked).toContain('the receipt checks out');
    expect(checked).toMatch(/\[ ok \] inclusion proof/);
    expect(checked).not.toContain('library: no');
    const checkedJson = JSON.parse(await saylauOk(['check-receipt', receiptFile, '--json'], env));
    expect(checkedJson).toMatchObject({ ok: true, election: 'aral-2026-budget' });
    expect(checkedJson.checks.map((c: { ok: boolean }) => c.ok)).not.toContain(false);
    expect(await saylauOk(['turnout'], env)).toMatch(/all\s+10\s+6\s+60\.0%/);

    // Close: the period runs for years yet, so only as an early close the member signs (spec §4.5); paper voters, process.
    const unsigned = await saylau(['election', 'close'], env);
    expect([unsigned.code, unsigned.stderr]).toEqual([1, expect.stringContaining('EARLY_CLOSE_UNSIGNED')]);
    const early = ['--early-reason', 'every voter of the town has voted', '--member-key', join(dir, 'member.key')];
    expect(await saylauOk(['election', 'close', ...early, '--passphrase-file', memberPassphrase], env)).toContain(
      'voting is closed (closed early, signed by the commission)',
    );
    const paperCsv = join(dir, 'paper.csv');
    writeFileSync(paperCsv, ['voter_id', ...PAPER].join('\n'));
    expect(await saylauOk(['paper-voters', 'import', paperCsv], env)).toContain("wait for the commission's signatures");
    expect(await saylauOk(['commission', 'sign', 'paper-voters', ...memberArgs], env)).toContain('now on the board');
    expect(await saylauOk(['election', 'process'], env)).toContain('5 ballots counted');
    // After processing the receipt shows the ballot's fate: KZ-0003's re-vote counts.
    expect(await saylauOk(['check-receipt', receiptFile], env)).toMatch(/\[ ok \] ballot fate: COUNTED/);

    // Trustees 1 and 3 decrypt; trustee 2 is missing. The tally prints the result.
    await Promise.all(
      [1, 3].map((n) => saylauOk(['trustee', 'decrypt', '--key-file', keyFile(n), ...passphraseArgs(n)], trusteeEnv(n))),
    );
    const tally = await saylauOk(['election', 'tally'], env);
    expect(tally).toContain('decrypted by trustees 1, 3');
    expect(parsePrintedResults(tally)).toEqual(EXPECTED);
    expect(parsePrintedValidity(tally)).toEqual({ library: 'NOT VALID', budget: 'VALID', parks: 'VALID' });

    expect(await saylauOk(['election', 'publish'], env)).toContain('published');
    expect(parsePrintedResults(await saylauOk(['results'], env))).toEqual(EXPECTED);

    // The record: exported, then verified by the auditor's verifier through `saylau verify`.
    const record = join(dir, 'record');
    expect(await saylauOk(['record', 'export', '--out', record], env)).toContain('wrote the record');
    const verified = await saylau(['verify', record, '--expect-fingerprint', fingerprint]);
    expect(verified.stdout).toMatch(/ALL \d+ CHECKS PASSED/);
    expect(verified.code).toBe(0);
  });
});

/** What the second device does with a verification link: fetch the sealed seed (one of the checks), open it and the ballot. */
async function openWithLink(serverUrl: string, link: string): Promise<{ choices: Choices; seedHex: string; keyHex: string }> {
  const code = parseVerificationLink(link);
  if (!code) throw new Error(`no verification link printed: "${link}"`);
  const info = (await (await fetch(`${serverUrl}/api/elections/${code.election}`)).json()) as {
    definition: ElectionDefinition;
    electionKey: string;
  };
  const fingerprint = fingerprintBytes(info.definition);
  const subject = { fingerprint, ballotHash: code.ballotHash };
  const answer = await fetch(`${serverUrl}/api/elections/${code.election}/verify/${code.ballotHash}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ access: verificationAccess(code.key, subject) }),
  });
  const fetched = (await answer.json()) as { ballot: unknown; seal: { nonce: string; sealed: string } };
  const seed = openSeal(code.key, fetched.seal, subject);
  if (!seed) throw new Error(`the link's key does not open the sealed seed (${answer.status})`);
  const context = { definition: info.definition, fingerprint, electionKey: decodePoint(hexToBytes(info.electionKey)) };
  const opened = openBallot(context, BallotWire.parse(fetched.ballot), seed);
  if (!opened.ok) throw new Error(`the seed does not open the ballot: ${JSON.stringify(opened.problems)}`);
  return { choices: opened.value, seedHex: bytesToHex(seed), keyHex: bytesToHex(code.key) };
}
