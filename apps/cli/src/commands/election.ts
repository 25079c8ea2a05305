// saylau election define|list|status|open|close|process|tally|publish: the commission's steps of the life cycle.

import type { EventJsonOf, Language } from '@saylau/protocol';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli/errors.ts';
import { type JsonOptions, printJson, withJson } from '../cli/json-output.ts';
import {
  type CommissionOptions,
  clientOf,
  electionIdOf,
  fetchElection,
  type ServerOptions,
  withAdminToken,
  withCommission,
  withLanguage,
  withServer,
} from '../cli/options.ts';
import { signEarlyClose } from '../closing/early-close.ts';
import { describeDefinition, loadDefinitionDraft } from '../files/definition-file.ts';
import { resultLines } from '../results/format.ts';
import { fetchPaperResults } from '../results/paper.ts';

export function electionCommand(program: Command): void {
  const election = program.command('election').description('define an election and move it through its life cycle');

  withAdminToken(
    withServer(
      election
        .command('define')
        .description('check a definition (JSON or YAML) and create the election on the server')
        .argument('<file>', 'the definition draft, .json or .yaml')
        .option('--check', 'only check the file and print the validation report; send nothing'),
    ),
  ).action(async (file: string, options: CommissionOptions & { check?: boolean }) => {
    const { draft, preview } = loadDefinitionDraft(file);
    console.log(`${file}: the definition is valid`);
    for (const line of describeDefinition(preview)) console.log(line);
    if (options.check) return;
    const client = clientOf(options);
    const created = await client.admin<{ id: string; fingerprint: string; warnings?: string[] }>(
      '/api/elections',
      draft,
      'defining the election',
    );
    console.log(`created election ${created.id} (state draft)`);
    console.log(`fingerprint ${created.fingerprint}`);
    for (const warning of created.warnings ?? []) console.log(`warning: ${warning}`);
    console.log(`next: export SAYLAU_ELECTION=${created.id}; saylau register import VOTERS.csv`);
  });

  withJson(withServer(election.command('list').description('every election on the server: id, state and title'))).action(
    async (options: ServerOptions & JsonOptions) => {
      const client = clientOf(options);
      const { elections } = await client.get<{ elections: { id: string; state: string }[] }>('/api/elections', {
        what: 'listing the elections',
      });
      // the list has no titles: each definition is read (and its fingerprint checked) on its own
      const rows = [];
      for (const e of elections) {
        const info = await fetchElection(client, e.id);
        rows.push({ id: e.id, state: e.state, title: info.definition.title, fingerprint: info.fingerprintHex });
      }
      if (options.json) return printJson({ elections: rows });
      if (rows.length === 0) console.log('no elections on this server');
      for (const row of rows) console.log(`${row.id}  ${row.state}  ${row.title.en}`);
    },
  );

  withJson(withCommission(election.command('status').description("the election's state, register sizes and board size"))).action(
    async (options: CommissionOptions & JsonOptions) => {
      const info = await fetchElection(clientOf(options), electionIdOf(options));
      if (options.json) {
        const { id, state, fingerprintHex, electionKey, registerSizes, treeSize } = info;
        return printJson({
          id,
          title: info.definition.title,
          state,
          fingerprint: fingerprintHex,
          electionKey,
          registerSizes,
          treeSize,
        });
      }
      console.log(`election ${info.id}: ${info.definition.title.en}`);
      console.log(`  state ${info.state}`);
      console.log(`  fingerprint ${info.fingerprintHex}`);
      console.log(`  election key ${info.electionKey ?? '(not yet: the key ceremony has not finished)'}`);
      console.log(
        `  register ${Object.entries(info.registerSizes)
          .map(([d, n]) => `${d} ${n}`)
          .join(', ')}`,
      );
      console.log(`  board ${info.treeSize} events`);
    },
  );

  const step = (name: string, description: string, what: string, after: (answer: unknown) => string[]) =>
    withCommission(election.command(name).description(description)).action(async (options: CommissionOptions) => {
      const id = electionIdOf(options);
      const answer = await clientOf(options).admin(`/api/elections/${id}/${name}`, {}, what);
      for (const line of after(answer)) console.log(line);
    });

  step(
    'open',
    'open voting, at most 15 minutes before the period opens (needs the joint key and the credentials)',
    'opening voting',
    (a) => [`voting is ${(a as { state: string }).state}`],
  );
  withCommission(
    election
      .command('close')
      .description(
        'close voting: no ballot is accepted after this. Before the voting period ends, only as an early close signed by the commission (spec §4.5)',
      )
      .option('--early-reason <text>', 'close before the period ends, for this reason (signed with the --member-key files)')
      .option('--member-key <file>', "a commission member's key file; once per member signing", collect, [])
      .option('--passphrase-file <file>', 'passphrase of the member keys: one for all, or one per --member-key', collect, [])
      .option(
        '--collected',
        'close early with the statement the members signed one by one ("saylau commission sign early-close")',
      ),
  ).action(
    async (
      options: CommissionOptions & { earlyReason?: string; memberKey: string[]; passphraseFile: string[]; collected?: boolean },
    ) => {
      const id = electionIdOf(options);
      const client = clientOf(options);
      let body = {};
      if (options.collected) {
        if (options.earlyReason !== undefined || options.memberKey.length > 0) {
          throw new CliError(
            '--collected closes with the signatures the server collected: give no --early-reason or --member-key',
            EXIT.usage,
          );
        }
        body = { early: 'collected' };
      } else if (options.earlyReason !== undefined) {
        const info = await fetchElection(client, id);
        const early = await signEarlyClose(info, {
          reason: options.earlyReason,
          memberKeys: options.memberKey,
          passphraseFiles: options.passphraseFile,
        });
        body = { early };
      } else if (options.memberKey.length > 0) {
        throw new CliError('--member-key signs an early close: give --early-reason "…" with it', EXIT.usage);
      }
      const answer = await client.admin<{ state: string; early: boolean }>(`/api/elections/${id}/close`, body, 'closing voting');
      console.log(`voting is ${answer.state}${answer.early ? ' (closed early, signed by the commission)' : ''}`);
    },
  );
  withCommission(
    election
      .command('propose-early-close')
      .description(
        'propose closing voting before the period ends: the server stages { fingerprint, reason, at: now } for each member to sign ("saylau commission sign early-close"), then "saylau election close --collected"',
      )
      .requiredOption('--reason <text>', 'why voting closes early (the members read and sign it; it goes on the board)'),
  ).action(async (options: CommissionOptions & { reason: string }) => {
    const id = electionIdOf(options);
    if (options.reason.trim() === '') throw new CliError('--reason must say why voting closes early', EXIT.usage);
    const answer = await clientOf(options).admin<{ statement: { reason: string; at: string }; threshold: number }>(
      `/api/elections/${id}/early-close`,
      { reason: options.reason },
      'proposing an early close',
    );
    console.log(`early close proposed at ${answer.statement.at}: "${answer.statement.reason}"`);
    console.log(
      `${answer.threshold} commission member(s) must sign it within 24 hours: each runs "saylau commission sign early-close --key-file FILE"; then "saylau election close --collected"`,
    );
  });
  step(
    'process',
    'after close and the paper voters: keep the last ballot per credential, drop cancelled ones, aggregate',
    'processing the ballots',
    processedLines,
  );
  withLanguage(
    withCommission(election.command('tally').description("combine the trustees' decryption shares into the result")),
  ).action(async (options: CommissionOptions & { language: Language }) => {
    const id = electionIdOf(options);
    const client = clientOf(options);
    await client.admin(`/api/elections/${id}/tally`, {}, 'tallying');
    const info = await fetchElection(client, id);
    const result = await client.get<EventJsonOf<'result'>>(`/api/elections/${id}/results`, { what: 'reading the result' });
    const paper = await fetchPaperResults(client, id);
    for (const line of resultLines(info.definition, result, options.language, paper)) console.log(line);
  });
  step('publish', 'publish the election record (after the tally)', 'publishing', (a) => [
    `the election is ${(a as { state: string }).state}; export the record with "saylau record export --out DIR"`,
  ]);
}

/** Collects a repeated option's values. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** What processing reports, whatever extra fields the server adds. */
export function processedLines(answer: unknown): string[] {
  const a = (answer ?? {}) as {
    counted?: unknown;
    superseded?: unknown;
    cancelled?: unknown;
    entries?: unknown;
    aggregates?: unknown;
  };
  const counted = Array.isArray(a.counted) ? a.counted.length : a.counted;
  const parts = [
    counted !== undefined ? `${counted} ballots counted` : undefined,
    typeof a.superseded === 'number' ? `${a.superseded} superseded by a re-vote` : undefined,
    typeof a.cancelled === 'number' ? `${a.cancelled} cancelled by a paper vote` : undefined,
  ].filter((p) => p !== undefined);
  return [`processed${parts.length ? `: ${parts.join(', ')}` : ''}`, 'next: the trustees run "saylau trustee decrypt"'];
}
