// saylau register import FILE.csv and saylau paper-voters import FILE.csv: the voter register (all or nothing,
// with a report of every rejected row) and, after close, the voters who voted on paper. Before the credentials are
// issued, saylau register add / remove / move correct the register one voter at a time.
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli/errors.ts';
import { type JsonOptions, printJson, withJson } from '../cli/json-output.ts';
import { type CommissionOptions, clientOf, electionIdOf, fetchElection, withCommission } from '../cli/options.ts';
import { type RegisterReport, type RowProblem, readRegisterCsv, readVoterIdsCsv } from '../files/voters-csv.ts';

function problemReport(problems: readonly RowProblem[]): string[] {
  const byKind = (kind: RowProblem['kind']) => problems.filter((p) => p.kind === kind);
  const lines: string[] = [];
  for (const [kind, title] of [
    ['duplicate', 'duplicates'],
    ['unknown-district', 'unknown districts'],
    ['malformed', 'malformed rows'],
  ] as const) {
    const list = byKind(kind);
    if (list.length === 0) continue;
    lines.push(`  ${title}: ${list.length}`);
    for (const p of list.slice(0, 50)) lines.push(`    line ${p.line}: ${p.message}`);
    if (list.length > 50) lines.push(`    … and ${list.length - 50} more`);
  }
  return lines;
}

/** "1 duplicate", "2 duplicates": counts as a clerk reads them. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function registerSummary(file: string, report: RegisterReport): string[] {
  const count = (kind: RowProblem['kind']) => report.problems.filter((p) => p.kind === kind).length;
  return [
    `${file}: ${counted(report.rows, 'row')}, ${report.accepted.length} accepted, ${counted(count('duplicate'), 'duplicate')}, ${counted(count('unknown-district'), 'unknown district')}, ${count('malformed')} malformed`,
  ];
}

interface CorrectionAnswer {
  readonly added: number;
  readonly removed: number;
  readonly moved: number;
  readonly sizes: Record<string, number>;
}

const sizesText = (sizes: Record<string, number>) =>
  Object.entries(sizes)
    .map(([d, n]) => `${d} ${n}`)
    .join(', ');

/** One correction sent to the server (all or nothing), answered in one line or as JSON. */
async function correct(options: CommissionOptions & JsonOptions, body: unknown, done: string): Promise<void> {
  const answer = await clientOf(options).admin<CorrectionAnswer>(
    `/api/elections/${electionIdOf(options)}/register/corrections`,
    body,
    'correcting the register',
  );
  if (options.json) return printJson(answer);
  console.log(`${done}; the register now has ${sizesText(answer.sizes)}`);
}

type VoterOptions = CommissionOptions & JsonOptions & { voter: string; district?: string };

export function registerCommand(program: Command): void {
  const register = program.command('register').description('the voter register');

  withJson(
    withCommission(
      register
        .command('add')
        .description('before credentials are issued: add one voter to the register')
        .requiredOption('--voter <id>', 'the voter id')
        .requiredOption('--district <id>', 'the district id'),
    ),
  ).action(async (options: VoterOptions) => {
    const body = { add: [{ voterId: options.voter, district: options.district }] };
    await correct(options, body, `added voter ${options.voter} to ${options.district}`);
  });

  withJson(
    withCommission(
      register
        .command('remove')
        .description('before credentials are issued: remove one voter from the register')
        .requiredOption('--voter <id>', 'the voter id'),
    ),
  ).action(async (options: VoterOptions) => {
    await correct(options, { remove: [options.voter] }, `removed voter ${options.voter}`);
  });

  withJson(
    withCommission(
      register
        .command('move')
        .description("before credentials are issued: change one voter's district")
        .requiredOption('--voter <id>', 'the voter id')
        .requiredOption('--district <id>', 'the new district id'),
    ),
  ).action(async (options: VoterOptions) => {
    const body = { move: [{ voterId: options.voter, district: options.district }] };
    await correct(options, body, `moved voter ${options.voter} to ${options.district}`);
  });

  withCommission(
    register
      .command('import')
      .description('import the voter list (CSV: voter_id,district,name,contact with a header); all or nothing')
      .argument('<file>', 'the CSV file')
      .option('--check', 'only check the file against the election; send nothing')
      .option('--replace', 'the fixed file replaces the register imported before (until credentials are issued)'),
  ).action(async (file: string, options: CommissionOptions & { check?: boolean; replace?: boolean }) => {
    const client = clientOf(options);
    const election = await fetchElection(client, electionIdOf(options));
    const report = readRegisterCsv(
      file,
      election.definition.districts.map((d) => d.id),
    );
    console.log(`note: ${report.note}`);
    for (const line of registerSummary(file, report)) console.log(line);
    if (report.problems.length > 0) {
      throw new CliError(
        `the register was not imported: ${report.problems.length} row(s) must be fixed first; nothing was sent`,
        EXIT.failed,
        problemReport(report.problems),
      );
    }
    if (report.accepted.length === 0) throw new CliError(`${file} lists no voters`, EXIT.usage);
    if (options.check) return;
    const answer = await client.admin<{ accepted: number; replaced: number; sizes: Record<string, number> }>(
      `/api/elections/${election.id}/register`,
      {
        voters: report.accepted.map((v) => ({ voterId: v.voterId, district: v.district })),
        ...(options.replace ? { replace: true } : {}),
      },
      'importing the register',
    );
    const replaced = options.replace ? ` (replacing the ${answer.replaced} voters imported before)` : '';
    console.log(`imported ${answer.accepted} voters${replaced}: ${sizesText(answer.sizes)}`);
    console.log(`next: saylau credentials issue --voters ${file} --out LETTERS_DIR`);
  });

  withCommission(
    program
      .command('paper-voters')
      .description('voters who voted on paper (their e-votes are cancelled)')
      .command('import')
      .description('after close: cancel the e-votes of the voters listed (CSV with a voter_id column)')
      .argument('<file>', 'the CSV file'),
  ).action(async (file: string, options: CommissionOptions) => {
    const { note, ids, problems } = readVoterIdsCsv(file);
    console.log(`note: ${note}`);
    const malformed = problems.filter((p) => p.kind === 'malformed');
    if (malformed.length > 0) {
      throw new CliError(`${file}: ${malformed.length} malformed row(s); nothing was sent`, EXIT.usage, problemReport(malformed));
    }
    for (const p of problems) console.log(`  note: line ${p.line}: ${p.message}`);
    const answer = await clientOf(options).admin<{ cancelled: number; staged?: number }>(
      `/api/elections/${electionIdOf(options)}/paper-voters`,
      { voterIds: ids },
      'importing the paper voters',
    );
    if (answer.staged !== undefined) {
      console.log(
        `${ids.length} paper voters listed; ${answer.staged} new ones wait for the commission's signatures: each member runs "saylau commission sign paper-voters"; their e-votes are cancelled once enough have signed`,
      );
    } else console.log(`${ids.length} paper voters listed; ${answer.cancelled} newly cancelled (their e-votes will not count)`);
  });
}
