// saylau witness keygen | saylau witness [run]: an independent observer's side of the board (spec §5.9, docs/
// witness-guide.md). The witness follows one election's board and co-signs each new head only after checking that
// it extends the last head it co-signed; a rollback or fork is refused, saved as evidence, and ends the command.
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { positiveInt, required } from '../cli/options.ts';
import { readPassphrase } from '../cli/passphrase.ts';
import { DEFAULT_KEY_FILE_LOG_N } from '../keys/sealed-file.ts';
import { createSigningKey, openSigningKey, readSigningKeyHeader } from '../keys/signing-key-file.ts';
import { Witness, WitnessAlarm, type WitnessStep } from '../witness/witness.ts';

interface RunOptions {
  readonly server?: string;
  readonly election?: string;
  readonly keyFile: string;
  readonly stateFile: string;
  readonly passphraseFile?: string;
  readonly once?: boolean;
  readonly interval?: number;
}

/** One line per head co-signed; nothing when the board did not move. */
function report(step: WitnessStep, log: (line: string) => void): void {
  if (step.kind === 'cosigned') {
    const { treeSize, rootHash, timestamp } = step.head;
    log(
      `co-signed the head of ${treeSize} events (root ${rootHash.slice(0, 16)}…, ${timestamp}); co-signed by ${step.cosignedBy.join(', ')}`,
    );
  }
}

/** Saves the two heads next to the state file and says where: they are transferable evidence of the fork. */
function saveEvidence(alarm: WitnessAlarm, stateFile: string): void {
  if (!alarm.evidence) return;
  const path = `${stateFile}.fork-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(path, `${JSON.stringify(alarm.evidence, null, 2)}\n`);
  console.error(`the two signed heads are saved in ${path}: send them to the commission and the other observers`);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

async function run(options: RunOptions): Promise<void> {
  if (options.once && options.interval !== undefined) throw new CliError('give --once or --interval, not both', EXIT.usage);
  const header = readSigningKeyHeader('witness', options.keyFile);
  const key = await openSigningKey('witness', options.keyFile, await readPassphrase(options, 'unlock'));
  const witness = await Witness.open({
    client: new ApiClient(required(options.server, '--server', 'SAYLAU_SERVER')),
    election: required(options.election, '--election', 'SAYLAU_ELECTION'),
    secretKey: key.secretKey,
    stateFile: options.stateFile,
  });
  console.log(
    `witness "${witness.id}" (${header.name}) of election ${witness.election.id}, fingerprint ${witness.election.fingerprintHex}`,
  );
  const last = witness.lastCosigned();
  console.log(last ? `last co-signed: the head of ${last.treeSize} events (${last.timestamp})` : 'no head co-signed yet');
  try {
    if (options.interval === undefined) {
      const step = await witness.step();
      report(step, console.log);
      if (step.kind === 'unchanged') console.log(`nothing new: the head of ${step.head.treeSize} events is co-signed already`);
      return;
    }
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      while (!stop.signal.aborted) {
        try {
          report(await witness.step(), console.log);
        } catch (error) {
          // A server that is down or refuses is retried; only an alarm (a fork, a bad signature) ends the watch.
          if (error instanceof WitnessAlarm || !(error instanceof CliError)) throw error;
          console.error(`${new Date().toISOString()} ${error.message} (trying again in ${options.interval} s)`);
        }
        await sleep(options.interval * 1000, stop.signal);
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } catch (error) {
    if (error instanceof WitnessAlarm) saveEvidence(error, options.stateFile);
    throw error;
  }
}

export function witnessCommand(program: Command): void {
  const witness = program
    .command('witness')
    .description("an independent witness: co-sign each new head of an election's board after checking it never forked");

  witness
    .command('keygen')
    .description("make a witness key pair, save it encrypted, and print the public key for the election's definition")
    .requiredOption('--key-file <file>', 'where to write the new key file (never overwritten)')
    .option('--name <name>', 'who holds the key (shown in the file)', 'witness')
    .option('--passphrase-file <file>', 'read the passphrase from this file (else SAYLAU_PASSPHRASE, else asked)')
    .option(
      '--scrypt-log-n <n>',
      `passphrase stretching cost 2^N (default ${DEFAULT_KEY_FILE_LOG_N}; lower only for tests)`,
      positiveInt('--scrypt-log-n'),
    )
    .action(async (options: { keyFile: string; name: string; passphraseFile?: string; scryptLogN?: number }) => {
      const passphrase = await readPassphrase(options, 'new');
      const key = await createSigningKey('witness', options.keyFile, options.name, passphrase, options.scryptLogN);
      console.log(`witness key written to ${options.keyFile}`);
      console.log(`public key ${key.header.publicKey}`);
      console.log('send the commission this line for the definition\'s "witnesses" (they choose the id):');
      console.log(`  - { id: <id>, name: ${JSON.stringify(options.name)}, publicKey: ${key.header.publicKey} }`);
    });

  witness
    .command('run', { isDefault: true })
    .description('follow the board and co-sign its new heads (the default: "saylau witness --server … --election …")')
    .addOption(new Option('--server <url>', 'the Saylau server').env('SAYLAU_SERVER'))
    .addOption(new Option('--election <id>', 'the election id').env('SAYLAU_ELECTION'))
    .requiredOption('--key-file <file>', "this witness's key file (from keygen)")
    .requiredOption('--state-file <file>', 'where the last co-signed head is kept (created on the first run; keep it)')
    .option('--passphrase-file <file>', 'read the passphrase from this file (else SAYLAU_PASSPHRASE, else asked)')
    .option('--once', 'look once, co-sign the latest head if it is new, and stop (the default)')
    .option('--interval <seconds>', 'keep watching, looking every this many seconds', positiveInt('--interval'))
    .action(run);
}
