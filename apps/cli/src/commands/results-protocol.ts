// saylau results protocol and saylau commission sign-protocol (spec §4.4.1): the results protocol of a published
// election, written from the public record as protocol.json and protocol.pdf, and each member's signature added to
// the JSON on the member's own machine, after checking it against the record.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexToBytes } from '@saylau/crypto';
import {
  buildResultsProtocol,
  canonicalJson,
  checkResultsProtocol,
  type ElectionDefinition,
  type Language,
  type RecordDocument,
  type ResultsProtocol,
  ResultsProtocolSchema,
  type ResultsProtocolSource,
  readRecordDocument,
  signResultsProtocol,
} from '@saylau/protocol';
import { nodeSha256 } from '@saylau/protocol/node';
import type { Command } from 'commander';
import type { ApiClient } from '../cli/client.ts';
import { CliError, EXIT, problemLines } from '../cli/errors.ts';
import { clientOf, type ElectionOptions, electionIdOf, fetchElection, withElection, withLanguage } from '../cli/options.ts';
import { type PassphraseOptions, readPassphrase } from '../cli/passphrase.ts';
import { writeFileDurably } from '../files/durable.ts';
import { openSigningKey } from '../keys/signing-key-file.ts';
import { resultsProtocolPdf } from '../results-protocol/pdf.ts';

export const PROTOCOL_FILES = { json: 'protocol.json', pdf: 'protocol.pdf' } as const;

/** The published record read through the public API, as its parts; its definition must have the server's fingerprint. */
async function publishedRecord(client: ApiClient, electionId: string): Promise<ResultsProtocolSource> {
  const election = await fetchElection(client, electionId);
  if (election.state !== 'published') {
    throw new CliError(`election "${electionId}" is ${election.state}: a protocol is made after the results are published`);
  }
  const document = await client.get<RecordDocument>(`/api/elections/${encodeURIComponent(electionId)}/record`, {
    what: 'reading the election record',
  });
  const record = readRecordDocument(document, { sha256: nodeSha256 });
  if (!record.ok) throw new CliError('the server’s election record does not read', EXIT.failed, problemLines(record.problems));
  if (record.value.manifest.fingerprint !== election.fingerprintHex) {
    throw new CliError('the record is of another definition than the election the server names; do not trust this server');
  }
  return {
    definition: record.value.definition,
    events: record.value.eventsJson,
    finalHead: record.value.manifest.finalTreeHead,
  };
}

function protocolText(protocol: ResultsProtocol): string {
  return `${canonicalJson(protocol)}\n`;
}

/** Figures a member reads before signing. */
function describeProtocol(definition: ElectionDefinition, protocol: ResultsProtocol): string[] {
  const e = protocol.eVoting;
  return [
    `  ${protocol.title.en} (${protocol.election}), fingerprint ${protocol.fingerprint}`,
    `  register ${protocol.register.total}; e-voters ${e.eVoters}; ballots ${e.ballots}: counted ${e.counted}, superseded ${e.superseded}, cancelled ${e.cancelled}, revoked ${e.revoked}`,
    ...(protocol.paperVoting
      ? [
          `  paper ballots cast ${protocol.paperVoting.districts.reduce((n, d) => n + d.ballotsCast, 0)} in ${protocol.paperVoting.districts.length} district(s) — attested by the commission (members ${protocol.paperVoting.attestedBy.join(', ')}), not verifiable`,
        ]
      : []),
    `  validity judged on ${protocol.validityBasis ?? 'e-votes'}`,
    ...protocol.validity.map((v) => {
      const text = definition.questions.find((q) => q.id === v.question)?.text.en ?? v.question;
      return `  ${text}: ${v.valid ? 'valid' : 'NOT valid'}`;
    }),
    `  final head: ${protocol.finalHead.treeSize} events, root ${protocol.finalHead.rootHash}`,
  ];
}

/**
 * `saylau results` has --server, --election and --language of its own, and commander gives it such an option even when
 * it follows `protocol` on the command line: the ones given there (not defaults) count as the subcommand's.
 */
export function givenToParent(command: Command): Record<string, unknown> {
  const parent = command.parent;
  if (!parent) return {};
  const given = Object.entries(parent.opts()).filter(([key]) => parent.getOptionValueSource(key) === 'cli');
  return Object.fromEntries(given);
}

export function resultsProtocolCommand(results: Command): void {
  withLanguage(
    withElection(
      results
        .command('protocol')
        .description('write the results protocol of the published election: protocol.json (to be signed) and protocol.pdf')
        .requiredOption('--out <dir>', 'a folder that does not exist yet or is empty')
        .option('--record-url <url>', 'where the record is published (printed with a QR code, and signed)'),
    ),
  ).action(async (own: ElectionOptions & { out: string; recordUrl?: string; language: Language }, command: Command) => {
    const options = { ...own, ...givenToParent(command) } as typeof own;
    const client = clientOf(options);
    const source = await publishedRecord(client, electionIdOf(options));
    const built = buildResultsProtocol(source, options.recordUrl === undefined ? {} : { recordUrl: options.recordUrl });
    if (!built.ok) throw new CliError('no protocol can be made from this record', EXIT.failed, problemLines(built.problems));
    if (existsSync(options.out) && readdirSync(options.out).length > 0) {
      throw new CliError(`${options.out} is not empty; the protocol is written to a new folder`, EXIT.usage);
    }
    mkdirSync(options.out, { recursive: true });
    const pdf = await resultsProtocolPdf(source.definition, built.value, options.language);
    writeFileSync(join(options.out, PROTOCOL_FILES.json), protocolText(built.value), { flag: 'wx' });
    writeFileSync(join(options.out, PROTOCOL_FILES.pdf), pdf, { flag: 'wx' });
    console.log(`wrote ${PROTOCOL_FILES.json} and ${PROTOCOL_FILES.pdf} (${options.language}) to ${options.out}`);
    const members = source.definition.commission?.members.map((m) => m.id) ?? [];
    if (members.length > 0) {
      console.log(
        `next: each member runs saylau commission sign-protocol ${join(options.out, PROTOCOL_FILES.json)} --key-file <member.key>`,
      );
    } else console.log('the definition names no commission members: nobody can sign this protocol');
  });
}

export function signProtocolCommand(commission: Command): void {
  withElection(
    commission
      .command('sign-protocol')
      .description("check the results protocol against the published record and add this member's signature to it")
      .argument('<file>', 'protocol.json, as `saylau results protocol` wrote it')
      .requiredOption('--key-file <file>', "the member's key file")
      .option('--passphrase-file <file>', 'read the passphrase from this file (else SAYLAU_PASSPHRASE, else asked)'),
  ).action(async (file: string, options: ElectionOptions & PassphraseOptions & { keyFile: string }) => {
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CliError(`cannot read ${file} as JSON: ${(error as Error).message}`, EXIT.usage);
    }
    const parsed = ResultsProtocolSchema.safeParse(input);
    if (!parsed.success) throw new CliError(`${file} is not a results protocol`, EXIT.usage);
    const protocol = input as ResultsProtocol;
    // A member signs what the published record says, not what a file says: every figure is checked first.
    const source = await publishedRecord(clientOf(options), options.election ?? protocol.election);
    const verdict = checkResultsProtocol(protocol, source);
    const wrong = verdict.problems.filter((p) => p.code !== 'PROTOCOL_UNSIGNED');
    if (wrong.length > 0) {
      throw new CliError(
        `${file} is not what the published record says (or carries a bad signature): do not sign it`,
        EXIT.failed,
        problemLines(wrong),
      );
    }
    const { header, secretKey } = await openSigningKey('member', options.keyFile, await readPassphrase(options, 'unlock'));
    const members = source.definition.commission?.members.map((m) => m.id) ?? [];
    const member = header.member;
    if (member === undefined || !members.includes(member)) {
      throw new CliError(
        `member "${member ?? header.name}" is not among this election's commission members (${members.join(', ') || 'none'})`,
      );
    }
    console.log(`member ${member} signs the results protocol:`);
    for (const line of describeProtocol(source.definition, protocol)) console.log(line);
    const signed = signResultsProtocol(protocol, secretKey, hexToBytes(protocol.fingerprint), member);
    writeFileDurably(file, protocolText(signed));
    const after = checkResultsProtocol(signed, source);
    const threshold = source.definition.commission?.threshold ?? 0;
    console.log(
      after.problems.length === 0
        ? `signed; with ${after.signers.length} of ${threshold} members the protocol stands`
        : `signed; ${after.signers.length} of ${threshold} members so far`,
    );
  });
}
