// saylau trustee keygen|deal|verify-shares|decrypt: a trustee's side of the ceremony and the decryption, run on
// the trustee's own machine. The secrets live in the passphrase-protected key file; the server sees public values.
import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { fetchElection, positiveInt, required } from '../cli/options.ts';
import { readPassphrase } from '../cli/passphrase.ts';
import { deal, enrollKey, newTrusteeSecrets, publicKeyHex, type TrusteeSession, verifyShares } from '../trustee/ceremony.ts';
import { fetchCeremony } from '../trustee/ceremony-state.ts';
import { decryptAggregate } from '../trustee/decrypt.ts';
import {
  createKeyFile,
  DEFAULT_KEY_FILE_LOG_N,
  type KeyFile,
  openKeyFile,
  readKeyFileHeader,
  saveKeyFile,
} from '../trustee/key-file.ts';

interface KeyFileOptions {
  readonly keyFile: string;
  readonly passphraseFile?: string;
  readonly server?: string;
  readonly wait?: number;
}

function keyFileOptions(command: Command): Command {
  return command
    .requiredOption('--key-file <file>', "this trustee's key file (from keygen)")
    .option('--passphrase-file <file>', 'read the passphrase from this file (else SAYLAU_PASSPHRASE, else asked)')
    .addOption(new Option('--server <url>', 'the server (default: the one in the key file)').env('SAYLAU_SERVER'))
    .option('--wait <seconds>', 'wait up to this long for the other trustees (default: check once)', positiveInt('--wait'));
}

/** Opens the key file and the election it belongs to; the server's definition must be the one the key was made for. */
async function openSession(options: KeyFileOptions): Promise<{ session: TrusteeSession; file: KeyFile }> {
  const header = readKeyFileHeader(options.keyFile);
  const file = await openKeyFile(options.keyFile, await readPassphrase(options, 'unlock'));
  const client = new ApiClient(options.server ?? header.server);
  const election = await fetchElection(client, header.election);
  if (election.fingerprintHex !== header.fingerprint) {
    throw new CliError(
      `the server's election "${header.election}" is not the one this key file was made for (fingerprints differ)`,
    );
  }
  return { session: { client, election, trustee: header.trustee, secrets: file.secrets }, file };
}

const waiting = (missing: string) => console.log(`waiting: ${missing}…`);

export function trusteeCommand(program: Command): void {
  const trustee = program.command('trustee').description("a trustee's side of the key ceremony and the decryption");

  trustee
    .command('keygen')
    .description("make this trustee's key and polynomial, save them encrypted, and enroll the key with its token")
    .addOption(new Option('--server <url>', 'the Saylau server').env('SAYLAU_SERVER'))
    .addOption(new Option('--election <id>', 'the election id').env('SAYLAU_ELECTION'))
    .requiredOption('--trustee <n>', "this trustee's number (from the commission)", positiveInt('--trustee'))
    .requiredOption('--token <token>', 'the enrollment token from the commission')
    .requiredOption('--key-file <file>', 'where to write the new key file (never overwritten)')
    .option('--passphrase-file <file>', 'read the passphrase from this file (else SAYLAU_PASSPHRASE, else asked)')
    .option(
      '--scrypt-log-n <n>',
      `passphrase stretching cost 2^N (default ${DEFAULT_KEY_FILE_LOG_N}; lower only for tests)`,
      positiveInt('--scrypt-log-n'),
    )
    .action(
      async (options: {
        server?: string;
        election?: string;
        trustee: number;
        token: string;
        keyFile: string;
        passphraseFile?: string;
        scryptLogN?: number;
      }) => {
        const client = new ApiClient(required(options.server, '--server', 'SAYLAU_SERVER'));
        const election = await fetchElection(client, required(options.election, '--election', 'SAYLAU_ELECTION'));
        const { count, threshold } = election.definition.trustees;
        if (options.trustee > count) throw new CliError(`the election has trustees 1 to ${count}`, EXIT.usage);
        const logN = options.scryptLogN ?? DEFAULT_KEY_FILE_LOG_N;
        if (logN < 10 || logN > 22) throw new CliError('--scrypt-log-n must be 10–22', EXIT.usage);
        let file: KeyFile;
        if (existsSync(options.keyFile)) {
          // A key made earlier whose enrollment did not go through may be enrolled again; nothing else is reused.
          const header = readKeyFileHeader(options.keyFile);
          if (header.stage !== 'created' || header.election !== election.id || header.trustee !== options.trustee) {
            throw new CliError(`${options.keyFile} exists already; a key file is never overwritten`, EXIT.usage);
          }
          file = await openKeyFile(options.keyFile, await readPassphrase(options, 'unlock'));
          console.log(`retrying the enrollment of the key in ${options.keyFile}`);
        } else {
          if (election.state !== 'key-ceremony') {
            throw new CliError(`the election is "${election.state}"; keys are enrolled during the key ceremony`, EXIT.failed);
          }
          const passphrase = await readPassphrase(options, 'new');
          const secrets = newTrusteeSecrets(threshold);
          const ceremony = await fetchCeremony(client, election.id);
          const name = ceremony.trustees.find((t) => t.trustee === options.trustee)?.name ?? `Trustee ${options.trustee}`;
          file = await createKeyFile(
            options.keyFile,
            {
              server: client.baseUrl,
              election: election.id,
              fingerprint: election.fingerprintHex,
              trustee: options.trustee,
              name,
              publicKey: publicKeyHex(secrets),
              stage: 'created',
            },
            secrets,
            passphrase,
            logN,
          );
        }
        // A retry after the server accepted the key but the answer was lost: the key is on the board already.
        const enrolled =
          (await fetchCeremony(client, election.id)).keys.get(options.trustee)?.publicKey === file.header.publicKey;
        if (!enrolled) {
          await enrollKey({ client, election, trustee: options.trustee, secrets: file.secrets }, options.token, file.header.name);
        }
        saveKeyFile(file, 'enrolled');
        console.log(`trustee ${options.trustee} (${file.header.name}) enrolled in ${election.id}`);
        console.log(`  public key ${file.header.publicKey}`);
        console.log(
          `  key file ${options.keyFile}: encrypted with scrypt 2^${file.header.kdf.logN} + XChaCha20-Poly1305 under your passphrase`,
        );
        console.log('next: once every trustee has enrolled, run "saylau trustee deal --key-file …"');
      },
    );

  keyFileOptions(
    trustee.command('deal').description('post the Feldman commitments and the shares encrypted to each other trustee'),
  ).action(async (options: KeyFileOptions) => {
    const { session, file } = await openSession(options);
    const outcome = await deal(session, options.wait ?? 0, waiting);
    saveKeyFile(file, 'dealt');
    console.log(
      `trustee ${session.trustee}: ${outcome.commitmentPosted ? 'commitment posted' : 'commitment was already on the board'}; ${
        outcome.sharesPosted > 0 ? `${outcome.sharesPosted} encrypted shares posted` : 'shares were already on the board'
      }`,
    );
    console.log('next: once every trustee has dealt, run "saylau trustee verify-shares --key-file …"');
  });

  keyFileOptions(
    trustee
      .command('verify-shares')
      .description(
        "open the shares dealt to this trustee, check each against its dealer's commitments, complain about bad ones, and acknowledge the ceremony",
      ),
  ).action(async (options: KeyFileOptions) => {
    const { session, file } = await openSession(options);
    const outcome = await verifyShares(session, options.wait ?? 0, waiting);
    file.secrets = outcome.secrets;
    saveKeyFile(file, 'shares-verified');
    for (const c of outcome.checks) {
      console.log(
        c.ok
          ? `  share from trustee ${c.dealer}: ok`
          : `  share from trustee ${c.dealer}: BAD (${c.reason}); complaint ${c.verdict ?? 'not posted'}`,
      );
    }
    const bad = outcome.checks.filter((c) => !c.ok);
    console.log(
      bad.length === 0
        ? `trustee ${session.trustee}: every share verified; the secret share is stored in ${options.keyFile}`
        : `trustee ${session.trustee}: ${bad.length} bad share(s) reported; the commission's "ceremony finish" leaves those dealers out`,
    );
    if ('treeSize' in outcome.acknowledged) {
      console.log(`acknowledged the ceremony as the board stands at ${outcome.acknowledged.treeSize} events`);
    } else {
      throw new CliError(`the acknowledgement was refused: ${outcome.acknowledged.refused}`, EXIT.failed, [
        '  the verified shares are saved; run "saylau trustee verify-shares" again, or tell the commission',
      ]);
    }
  });

  keyFileOptions(
    trustee.command('decrypt').description('after processing: post a decryption share of every aggregate, with proofs'),
  ).action(async (options: KeyFileOptions) => {
    const { session, file } = await openSession(options);
    const outcome = await decryptAggregate(session, options.wait ?? 0, waiting);
    saveKeyFile(file, 'decrypted');
    console.log(
      `trustee ${session.trustee}: decryption shares of ${outcome.entries} aggregate entries posted (qualified dealers ${outcome.qualified.join(', ')})`,
    );
  });
}
