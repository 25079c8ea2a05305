// A trustee's passphrase: from --passphrase-file, else the SAYLAU_PASSPHRASE environment variable, else asked
// for on the terminal without echo. It protects the trustee's key file and never leaves this machine.
import { readFileSync } from 'node:fs';
import { CliError, EXIT } from './errors.ts';

export const MIN_PASSPHRASE = 10;

export interface PassphraseOptions {
  readonly passphraseFile?: string;
}

/**
 * `new` asks twice on a terminal (for a new key file) and enforces the minimum length. `environment` names the
 * variable to read it from (the board key's is not the trustee's).
 */
export async function readPassphrase(
  options: PassphraseOptions,
  purpose: 'new' | 'unlock',
  environment = 'SAYLAU_PASSPHRASE',
): Promise<string> {
  let passphrase: string;
  const fromEnvironment = process.env[environment];
  if (options.passphraseFile !== undefined) {
    try {
      passphrase = readFileSync(options.passphraseFile, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new CliError(`cannot read the passphrase file ${options.passphraseFile}: ${(error as Error).message}`, EXIT.usage);
    }
  } else if (fromEnvironment !== undefined && fromEnvironment !== '') {
    passphrase = fromEnvironment;
  } else if (process.stdin.isTTY) {
    passphrase = await prompt(purpose === 'new' ? 'New passphrase for the key file: ' : 'Passphrase of the key file: ');
    if (purpose === 'new' && (await prompt('Repeat the passphrase: ')) !== passphrase) {
      throw new CliError('the two passphrases differ; nothing was written', EXIT.usage);
    }
  } else {
    throw new CliError(`no passphrase: give a passphrase file, set ${environment}, or run in a terminal`, EXIT.usage);
  }
  if (purpose === 'new' && passphrase.length < MIN_PASSPHRASE) {
    throw new CliError(`the passphrase must have at least ${MIN_PASSPHRASE} characters`, EXIT.usage);
  }
  if (passphrase === '') throw new CliError('the passphrase is empty', EXIT.usage);
  return passphrase;
}

/** Reads one line from the terminal with echo off. */
function prompt(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let input = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(input);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new CliError('cancelled', EXIT.failed));
        if (ch === '\u007f' || ch === '\b') input = input.slice(0, -1);
        else input += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
