// The options most commands share (--server, --election, --admin-token, each with an environment fallback) and
// the election summary every command starts from.
import { bytesToHex } from '@saylau/crypto';
import { type ElectionDefinition, ElectionDefinitionSchema, fingerprintBytes } from '@saylau/protocol';
import { type Command, Option } from 'commander';
import { ApiClient } from './client.ts';
import { CliError, EXIT } from './errors.ts';

export interface ServerOptions {
  readonly server?: string;
}
export interface ElectionOptions extends ServerOptions {
  readonly election?: string;
}
export interface CommissionOptions extends ElectionOptions {
  readonly adminToken?: string;
}

export function withServer(command: Command): Command {
  return command.addOption(new Option('--server <url>', 'the Saylau server, e.g. http://127.0.0.1:8080').env('SAYLAU_SERVER'));
}

export function withElection(command: Command): Command {
  return withServer(command).addOption(new Option('--election <id>', 'the election id').env('SAYLAU_ELECTION'));
}

/** --language for what a person reads (labels of questions, options and districts); SAYLAU_LANGUAGE, else en. */
export function withLanguage(command: Command): Command {
  return command.addOption(
    new Option('--language <kk|ru|en>', 'the language of the labels shown')
      .choices(['kk', 'ru', 'en'])
      .env('SAYLAU_LANGUAGE')
      .default('en'),
  );
}

export function withCommission(command: Command): Command {
  return withAdminToken(withElection(command));
}

export function withAdminToken(command: Command): Command {
  return command.addOption(
    new Option('--admin-token <token>', "the commission's admin token (prefer the environment variable)").env(
      'SAYLAU_ADMIN_TOKEN',
    ),
  );
}

export function required(value: string | undefined, flag: string, env?: string): string {
  if (value === undefined || value === '') {
    throw new CliError(`${flag} is required${env ? ` (or set ${env})` : ''}`, EXIT.usage);
  }
  return value;
}

export function clientOf(options: CommissionOptions): ApiClient {
  return new ApiClient(required(options.server, '--server', 'SAYLAU_SERVER'), options.adminToken);
}

export function electionIdOf(options: ElectionOptions): string {
  return required(options.election, '--election', 'SAYLAU_ELECTION');
}

/** What GET /api/elections/:eid tells everyone. */
export interface ElectionInfo {
  readonly id: string;
  readonly definition: ElectionDefinition;
  readonly fingerprint: Uint8Array;
  readonly fingerprintHex: string;
  readonly state: string;
  readonly electionKey: string | null;
  readonly registerSizes: Record<string, number>;
  readonly treeSize: number;
}

/** Reads the election and re-derives its fingerprint from the definition (never trusting the server's figure). */
export async function fetchElection(client: ApiClient, id: string): Promise<ElectionInfo> {
  const info = await client.get<{
    definition: unknown;
    fingerprint: string;
    state: string;
    electionKey: string | null;
    registerSizes: Record<string, number>;
    treeSize: number;
  }>(`/api/elections/${encodeURIComponent(id)}`, { what: `reading election "${id}"` });
  const parsed = ElectionDefinitionSchema.safeParse(info.definition);
  if (!parsed.success) throw new CliError(`the server sent a malformed definition for election "${id}"`);
  const definition = parsed.data;
  const fingerprint = fingerprintBytes(definition);
  const fingerprintHex = bytesToHex(fingerprint);
  if (fingerprintHex !== info.fingerprint) {
    throw new CliError(`the server's fingerprint for "${id}" does not match its definition; do not trust this server`);
  }
  return {
    id,
    definition,
    fingerprint,
    fingerprintHex,
    state: info.state,
    electionKey: info.electionKey,
    registerSizes: info.registerSizes,
    treeSize: info.treeSize,
  };
}

/** Parses a positive integer option. */
export function positiveInt(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`${name} must be a positive integer, not "${value}"`, EXIT.usage);
    return n;
  };
}
