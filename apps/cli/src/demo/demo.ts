// saylau demo: a whole district referendum on a real server (loopback port, fresh SQLite file and board key file
// in a temporary folder), run through the same client code the commands use: define, register, credentials, a
// 2-of-3 key ceremony over HTTP, voting by simulated voters, close, paper voters, process, decryption with one
// trustee missing, tally, publish, export, verify; two witnesses co-sign the board as it grows. The published
// result must equal the simulated votes.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesToHex, encodePoint, generateKeyPair, randomBytes } from '@saylau/crypto';
import { csvField } from '@saylau/documents';
import {
  DefinitionDraftSchema,
  type EventJsonOf,
  parseDefinitionDraft,
  receiptFile,
  signCommissionStatement,
} from '@saylau/protocol';
import { seededRandom } from '@saylau/protocol/node';
import { freshSchema, isPostgresUrl, redactUrl } from '@saylau/server';
import { type Report, renderText, verifyRecord } from '@saylau/verifier';
import { ApiClient } from '../cli/client.ts';
import { CliError, EXIT, problemLines } from '../cli/errors.ts';
import { fetchElection } from '../cli/options.ts';
import { progressBar } from '../cli/progress.ts';
import { openOrCreateBoardKey, startServer } from '../cli/serve.ts';
import { finishCeremony, startCeremony } from '../commands/ceremony.ts';
import { processedLines } from '../commands/election.ts';
import { issueWithLetters, makeCredentials } from '../credentials/issue.ts';
import { readStructuredFile } from '../files/definition-file.ts';
import { readRegisterCsv, readVoterIdsCsv } from '../files/voters-csv.ts';
import { exportRecord } from '../record/export.ts';
import { resultLines, turnoutLines } from '../results/format.ts';
import { deal, enrollKey, newTrusteeSecrets, type TrusteeSession, verifyShares } from '../trustee/ceremony.ts';
import { decryptAggregate } from '../trustee/decrypt.ts';
import { checkReceipt } from '../voting/check-receipt.ts';
import { DEFAULT_BEHAVIOUR, expectedResult, planVoters } from './behaviour.ts';
import { resultMismatches } from './compare.ts';
import { castVotes } from './voting.ts';
import { DemoWitnesses, demoWitnessKeys } from './witnesses.ts';

export const DEFAULT_DEFINITION = fileURLToPath(
  new URL('../../../../test/fixtures/definitions/city-referendum.json', import.meta.url),
);

export interface DemoOptions {
  readonly voters: number;
  readonly definition?: string;
  readonly out: string;
  /** Seeds the simulated voters' behaviour (default "saylau-demo"). */
  readonly seed?: string;
  /** Voters acting at the same time (default 16). */
  readonly concurrency?: number;
  /** A PostgreSQL URL to run the server on, instead of a SQLite file in the demo's temporary folder. */
  readonly db?: string;
  readonly log?: (line: string) => void;
}

export interface DemoReport {
  readonly electionId: string;
  readonly resultsMatch: boolean;
  readonly verified: boolean;
  readonly timings: readonly { phase: string; seconds: number; cpuSeconds: number }[];
  readonly totalSeconds: number;
}

/** How often the demo's witnesses look at the board. */
const WITNESS_INTERVAL_MS = 1000;

/** An out folder may be replaced only if it is empty or holds an earlier record (never anything else). */
function prepareOut(out: string): void {
  if (!existsSync(out)) return;
  const entries = readdirSync(out);
  if (entries.length === 0) return;
  if (!entries.includes('manifest.json') || entries.some((e) => !/^[a-z-]+\.(json|jsonl)$/.test(e))) {
    throw new CliError(`${out} is not empty and holds no Saylau record; choose another --out`, EXIT.usage);
  }
  rmSync(out, { recursive: true });
}

export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const out = resolve(options.out);
  const definitionFile = options.definition ?? DEFAULT_DEFINITION;
  if (!Number.isSafeInteger(options.voters) || options.voters < 1)
    throw new CliError('--voters must be a positive integer', EXIT.usage);
  prepareOut(out);
  const draftInput = readStructuredFile(definitionFile);
  const checked = parseDefinitionDraft(draftInput, '0'.repeat(64));
  if (!checked.ok && checked.problems.some((p) => p.path[0] !== 'boardKey')) {
    throw new CliError(`${definitionFile}: the definition is not valid`, EXIT.usage, problemLines(checked.problems));
  }
  // The demo's own two witnesses (quorum 2) replace any the file names: it holds their keys.
  const witnessKeys = demoWitnessKeys();
  // Its own voting period too: from a minute ago for a day. At the close its server's clock jumps to the period's
  // end, where voting closes without the commission's signed early close (spec §4.5).
  const opens = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const votingPeriod = { opens: new Date(opens).toISOString(), closes: new Date(opens + 24 * 3_600_000).toISOString() };
  // The demo's commission: three members, two of whom sign its decision and the paper-voter list (spec §4.4).
  const members = ['aigerim', 'bolat', 'dana'].map((id) => ({ id, key: generateKeyPair() }));
  const commission = {
    members: members.map((m) => ({ id: m.id, name: `Member ${m.id}`, publicKey: bytesToHex(encodePoint(m.key.publicKey)) })),
    threshold: 2,
  };
  const draft = { ...DefinitionDraftSchema.parse(draftInput), witnesses: witnessKeys.witnesses, commission, votingPeriod };
  if (draft.trustees.count < 2 || draft.trustees.threshold >= draft.trustees.count) {
    throw new CliError(
      'the demo leaves one trustee out of the decryption: it needs a threshold below the trustee count',
      EXIT.usage,
    );
  }

  const timings: { phase: string; seconds: number; cpuSeconds: number }[] = [];
  const startedAll = Date.now();
  const cpuAll = process.cpuUsage();
  /** Wall time and CPU time (every thread of this process: the server, its workers and the voters' workers). */
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const cpu = process.cpuUsage();
    const value = await run();
    const used = process.cpuUsage(cpu);
    timings.push({ phase: name, seconds: (Date.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 });
    return value;
  };

  const work = mkdtempSync(join(tmpdir(), 'saylau-demo-'));
  const adminToken = bytesToHex(randomBytes(24));
  const cores = availableParallelism();
  // The board key in its own file, as `saylau serve --board-key` keeps it (a cheap scrypt: the file is thrown away).
  const boardKey = await openOrCreateBoardKey(join(work, 'board.key'), bytesToHex(randomBytes(16)), 10);
  /** How far the demo server's clock has jumped ahead (to the voting period's end, to close). */
  let skipped = 0;
  // On PostgreSQL every demo gets a schema of its own: the database may hold an earlier demo's elections.
  const schema = options.db && isPostgresUrl(options.db) ? await freshSchema(options.db, 'saylau_demo') : undefined;
  const database = schema?.url ?? options.db ?? join(work, 'saylau.db');
  const server = await startServer({
    db: database,
    adminToken,
    boardKey: boardKey.secretKey,
    intake: { workers: cores },
    now: () => Date.now() + skipped,
    // every simulated voter shares the loopback address
    rateLimits: { perAddress: { capacity: 1_000_000, refillPerSecond: 1_000_000 } },
  });
  const client = new ApiClient(server.url, adminToken);
  log(
    `Saylau demo: ${options.voters} voters, server ${server.url}, database ${schema && options.db ? `${redactUrl(options.db)} (schema ${schema.schema})` : database}`,
  );
  let witnesses: DemoWitnesses | undefined;
  try {
    // 1. Define.
    const created = await phase('define', () =>
      client.admin<{ id: string; fingerprint: string }>('/api/elections', draft, 'defining the election'),
    );
    let election = await fetchElection(client, created.id);
    const { definition } = election;
    const { count, threshold } = definition.trustees;
    log(`1. defined ${definition.id} — ${definition.title.en}; fingerprint ${created.fingerprint}`);
    witnesses = await DemoWitnesses.open(server.url, definition.id, witnessKeys, work);
    witnesses.start(WITNESS_INTERVAL_MS);
    log(
      `   witnesses ${witnessKeys.witnesses.members.map((w) => w.id).join(', ')} (quorum ${witnessKeys.witnesses.quorum}) co-sign the board as it grows`,
    );

    // 2. Register: the voter list as a commission's CSV, checked and imported all or nothing.
    const random = seededRandom(options.seed ?? 'saylau-demo');
    const plans = planVoters(definition, options.voters, DEFAULT_BEHAVIOUR, random);
    const votersCsv = join(work, 'voters.csv');
    writeFileSync(
      votersCsv,
      [
        'voter_id,district,name,contact',
        ...plans.map((p) => {
          const id = `V${String(p.index + 1).padStart(6, '0')}`;
          return [id, p.district, `Voter ${p.index + 1}`, `voter${p.index + 1}@example.kz`].map(csvField).join(',');
        }),
      ].join('\n'),
    );
    const register = readRegisterCsv(
      votersCsv,
      definition.districts.map((d) => d.id),
    );
    const imported = await phase('register', () =>
      client.admin<{ accepted: number; sizes: Record<string, number> }>(
        `/api/elections/${definition.id}/register`,
        { voters: register.accepted.map((v) => ({ voterId: v.voterId, district: v.district })) },
        'importing the register',
      ),
    );
    log(
      `2. register: ${imported.accepted} voters (${Object.entries(imported.sizes)
        .map(([d, n]) => `${d} ${n}`)
        .join(', ')})`,
    );

    // 3. Credentials: codes made here, keys derived with the definition's scrypt, letters written, keys uploaded.
    const issued = await phase('credentials', async () => {
      const bar = progressBar('credential keys', register.accepted.length);
      const made = await makeCredentials(register.accepted, definition, () => bar.increment());
      bar.stop();
      await issueWithLetters(client, definition, election.fingerprintHex, made, join(work, 'letters'), {
        votingUrl: `${server.url}/?election=${definition.id}`,
        pdf: false,
      });
      return made;
    });
    log(
      `3. credentials: ${issued.length} issued (scrypt 2^${definition.credentialKdf.logN}); letters in ${join(work, 'letters')}`,
    );

    // 4. Key ceremony: each trustee enrolls, deals and verifies over HTTP with its own key, as on its own machine.
    const ceremonyLines = await phase('key ceremony', async () => {
      const names = Array.from({ length: count }, (_, i) => `Trustee ${i + 1}`);
      const { enrollment } = await startCeremony(client, definition.id, names);
      election = await fetchElection(client, definition.id);
      const sessions: TrusteeSession[] = [];
      for (const { trustee, token } of enrollment) {
        const trusteeClient = new ApiClient(server.url);
        const session = { client: trusteeClient, election, trustee, secrets: newTrusteeSecrets(threshold) };
        await enrollKey(session, token, names[trustee - 1] as string);
        sessions.push(session);
      }
      for (const s of sessions) await deal(s);
      for (const [i, s] of sessions.entries()) {
        const outcome = await verifyShares(s);
        if (outcome.checks.some((c) => !c.ok)) throw new Error(`trustee ${s.trustee} found a bad share`);
        sessions[i] = { ...s, secrets: outcome.secrets };
      }
      return { lines: await finishCeremony(client, definition.id, count), sessions };
    });
    log(`4. key ceremony (${threshold} of ${count}): ${ceremonyLines.lines.join('; ')}`);

    // 5. The commission's members sign its decision (register, credentials, trustees' keys), then open and vote.
    await signAsCommission(client, definition.id, election.fingerprint, members.slice(0, 2), 'decision');
    log(
      `   the commission's decision signed by ${members
        .slice(0, 2)
        .map((m) => m.id)
        .join(', ')} (2 of 3)`,
    );
    await client.admin(`/api/elections/${definition.id}/open`, {}, 'opening voting');
    election = await fetchElection(client, definition.id);
    const voting = await phase('voting', () =>
      castVotes(
        client,
        election,
        issued.map((v) => ({ voterId: v.voterId, loginCode: v.loginCode, secret: v.secret, credentialHex: v.credentialHex })),
        plans,
        { concurrency: options.concurrency ?? 16, builders: cores },
      ),
    );
    const revoters = plans.filter((p) => p.votes.length > 1).length;
    const abstained = plans.filter((p) => p.votes.length === 0).length;
    log(
      `5. voting: ${voting.ballots.length} ballots from ${plans.length - abstained} voters (${revoters} re-voted, ${abstained} abstained) in ${voting.seconds.toFixed(1)} s (${(voting.ballots.length / voting.seconds).toFixed(1)} ballots/s)`,
    );
    const sample = voting.ballots[voting.ballots.length - 1];
    if (sample) {
      await witnesses.catchUp();
      const checks = await checkReceipt(
        client,
        receiptFile(sample.receipt, { election: definition.id, fingerprint: election.fingerprintHex, server: server.url }),
      );
      const failed = checks.filter((c) => !c.ok);
      if (failed.length > 0) throw new CliError(`a voter's receipt check failed: ${failed.map((c) => c.name).join(', ')}`);
      log(`   a voter checked a receipt (${sample.receipt.trackingCode}): ${checks.map((c) => c.name).join(', ')} — ok`);
      const vouched = checks.find((c) => c.name === 'witnesses');
      if (vouched) log(`   ${vouched.detail}`);
    }
    const turnout = await client.get<{ districts: { district: string; registered: number; voted: number }[] }>(
      `/api/elections/${definition.id}/turnout`,
    );
    for (const line of turnoutLines(turnout)) log(`   ${line}`);

    // 6. Close; the paper voters' list cancels their e-votes; process.
    await phase('close and process', async () => {
      skipped = Date.parse(votingPeriod.closes) - Date.now();
      log(`6. the demo server's clock jumps to the end of the voting period, ${votingPeriod.closes}`);
      await client.admin(`/api/elections/${definition.id}/close`, {}, 'closing voting');
      const paperCsv = join(work, 'paper-voters.csv');
      writeFileSync(
        paperCsv,
        ['voter_id', ...plans.filter((p) => p.paper).map((p) => issued[p.index]?.voterId as string)].join('\n'),
      );
      const paper = readVoterIdsCsv(paperCsv);
      const staged = await client.admin<{ staged?: number }>(
        `/api/elections/${definition.id}/paper-voters`,
        { voterIds: paper.ids },
        'importing the paper voters',
      );
      if (staged.staged) await signAsCommission(client, definition.id, election.fingerprint, members.slice(1, 3), 'paper-voters');
      log(`6. closed; ${paper.ids.length} voters also voted on paper; the list, signed by 2 members, cancels their e-votes`);
      const processed = await client.admin(`/api/elections/${definition.id}/process`, {}, 'processing the ballots');
      log(`   ${processedLines(processed)[0]}`);
    });

    // 7. Decrypt with all but one trustee (the last one is missing), tally, publish.
    const result = await phase('decrypt and tally', async () => {
      const present = ceremonyLines.sessions.slice(0, threshold);
      for (const s of present) await decryptAggregate(s);
      log(`7. trustees ${present.map((s) => s.trustee).join(', ')} decrypted; trustee ${count} is missing`);
      await client.admin(`/api/elections/${definition.id}/tally`, {}, 'tallying');
      await client.admin(`/api/elections/${definition.id}/publish`, {}, 'publishing');
      return client.get<EventJsonOf<'result'>>(`/api/elections/${definition.id}/results`);
    });

    // 8. The witnesses co-sign the final head; export the record and verify it.
    await witnesses.stop();
    await witnesses.catchUp();
    const final = await client.get<{ treeSize: number; cosignatures: { witness: string }[] }>(
      `/api/elections/${definition.id}/tree-head`,
    );
    log(
      `   the witnesses co-signed the final head (${final.treeSize} events): ${final.cosignatures.map((c) => c.witness).join(', ')}`,
    );
    await phase('export record', () => exportRecord(client, definition.id, out));
    log(`8. record exported to ${out}`);
    const report = (await phase('verify record', async () => {
      let bar: ReturnType<typeof progressBar> | undefined;
      let last = 0;
      const verified = await verifyRecord(out, {
        onProgress: (done, total) => {
          bar ??= progressBar('verifying ballots', total);
          bar.increment(done - last);
          last = done;
        },
      });
      bar?.stop();
      return verified;
    })) as Report;

    // 9. The results, their validity, the verification, the timings.
    const expected = expectedResult(definition, plans);
    const mismatches = resultMismatches(result, expected);
    log('');
    for (const line of resultLines(definition, result)) log(line);
    log('');
    log(
      `Simulated: ${expected.counted} counted, ${expected.superseded} superseded by a re-vote, ${expected.cancelled} cancelled by paper`,
    );
    if (mismatches.length > 0) {
      throw new CliError(
        'the published results DO NOT match the simulated votes',
        EXIT.failed,
        mismatches.map((m) => `  ${m}`),
      );
    }
    log('results match the simulated votes');
    log('');
    log('Verification');
    for (const line of renderText(report).trimEnd().split('\n')) log(`  ${line}`);
    if (!report.ok) throw new CliError('the record did NOT verify', EXIT.failed);
    log(`record verified: all ${report.checks.length} checks passed`);
    const totalSeconds = (Date.now() - startedAll) / 1000;
    log('');
    const cpuTotal = process.cpuUsage(cpuAll);
    log(`Timings (wall clock; CPU time of all threads; ${cores} cores)`);
    for (const t of timings) {
      log(`  ${t.phase.padEnd(20)} ${t.seconds.toFixed(1).padStart(6)} s   cpu ${t.cpuSeconds.toFixed(1).padStart(6)} s`);
    }
    log(
      `  ${'total'.padEnd(20)} ${totalSeconds.toFixed(1).padStart(6)} s   cpu ${((cpuTotal.user + cpuTotal.system) / 1e6).toFixed(1).padStart(6)} s`,
    );
    return { electionId: definition.id, resultsMatch: true, verified: true, timings, totalSeconds };
  } finally {
    await witnesses?.stop();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The demo's commission members sign the pending statement of this kind, each as `saylau commission sign` does. */
async function signAsCommission(
  client: ApiClient,
  electionId: string,
  fingerprint: Uint8Array,
  signers: readonly { id: string; key: { secretKey: bigint } }[],
  kind: 'decision' | 'paper-voters',
): Promise<void> {
  const { statement } = await client.get<{ statement: unknown }>(`/api/elections/${electionId}/commission/${kind}`);
  for (const m of signers) {
    await client.post(
      `/api/elections/${electionId}/commission/${kind}/signatures`,
      signCommissionStatement(m.key.secretKey, fingerprint, m.id, kind, statement),
      { what: `signing the ${kind}` },
    );
  }
}
