// The trustee key file: sealed under the passphrase, readable only with it, its header bound to the secrets.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli/errors.ts';
import { newTrusteeSecrets, publicKeyHex } from '../src/trustee/ceremony.ts';
import { createKeyFile, openKeyFile, readKeyFileHeader, saveKeyFile } from '../src/trustee/key-file.ts';
import { tempDir } from './helpers.ts';

const header = (publicKey: string) => ({
  server: 'http://127.0.0.1:8080',
  election: 'e',
  fingerprint: 'ab'.repeat(32),
  trustee: 2,
  name: 'Bolat',
  publicKey,
  stage: 'created' as const,
});

describe('trustee key file', () => {
  it('round-trips the secrets under the passphrase and keeps them out of the file in clear', async () => {
    const dir = tempDir();
    const path = join(dir, 'k.key');
    const secrets = newTrusteeSecrets(3);
    await createKeyFile(path, header(publicKeyHex(secrets)), secrets, 'a good passphrase', 10);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('XChaCha20-Poly1305');
    expect(text).toContain('"name": "scrypt"');
    expect(text).not.toContain(secrets.secretKey.toString(16));
    const opened = await openKeyFile(path, 'a good passphrase');
    expect(opened.secrets).toEqual(secrets);

    opened.secrets = { ...opened.secrets, received: { '2': 5n }, complainedAbout: [3] };
    saveKeyFile(opened, 'shares-verified');
    const again = await openKeyFile(path, 'a good passphrase');
    expect(again.header.stage).toBe('shares-verified');
    expect(again.secrets.received).toEqual({ '2': 5n });
    expect(again.secrets.complainedAbout).toEqual([3]);
  });

  it('refuses a wrong passphrase, an edited header, and overwriting', async () => {
    const dir = tempDir();
    const path = join(dir, 'k.key');
    const secrets = newTrusteeSecrets(2);
    await createKeyFile(path, header(publicKeyHex(secrets)), secrets, 'a good passphrase', 10);
    await expect(openKeyFile(path, 'a wrong passphrase')).rejects.toThrow(/wrong passphrase/);
    await expect(createKeyFile(path, header(publicKeyHex(secrets)), secrets, 'x'.repeat(12), 10)).rejects.toThrow(CliError);

    const json = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...json, trustee: 3 }));
    expect(readKeyFileHeader(path).trustee).toBe(3);
    await expect(openKeyFile(path, 'a good passphrase')).rejects.toThrow(/altered/);
  });

  it('says when a file is not a key file', () => {
    const dir = tempDir();
    const path = join(dir, 'other.json');
    writeFileSync(path, '{"format":"something-else"}');
    expect(() => readKeyFileHeader(path)).toThrow(/not a Saylau trustee key file/);
  });
});
