// The operator's side of the commission's console through the real commands: `saylau commission invite` against a
// `saylau serve` process prints the one-time link; a key file from `saylau commission keygen` opens with the
// protocol's member key codec (the console's), enrolls with the link's token and signs in; `commission members`
// lists the member.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommissionClient, memberKeyHeaderOf, openMemberKeyFile } from '@saylau/protocol/commission-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, saylau, saylauOk, serveProcess, tempDir } from './helpers.ts';

const ADMIN = 'cli-console-admin-token-0123456789';
let server: ServerProcess;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  server = await serveProcess(join(dir, 'saylau.db'), ADMIN);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('saylau commission invite and members', () => {
  it('invites a member whose keygen file enrolls and signs in', { timeout: 120_000 }, async () => {
    const passphrase = join(dir, 'passphrase');
    writeFileSync(passphrase, 'member passphrase 0123\n');
    const keyFile = join(dir, 'aigerim.key');
    await saylauOk([
      ...['commission', 'keygen', '--member', 'aigerim', '--name', 'Aigerim Saparova'],
      ...['--key-file', keyFile, '--passphrase-file', passphrase, '--scrypt-log-n', '10'],
    ]);

    const env = { SAYLAU_ADMIN_TOKEN: ADMIN };
    const out = await saylauOk(['commission', 'invite', '--name', 'Aigerim Saparova', '--server', server.url], env);
    const [link, advice] = out.trim().split('\n');
    expect(link).toMatch(new RegExp(`^${server.url}/admin\\.html#invite=[A-Za-z0-9_-]{43}$`));
    expect(advice).toMatch(/^Give this link to Aigerim Saparova \(member 1\).*works once, for 7 days/);
    const token = (link as string).split('#invite=')[1] as string;

    // the CLI's key file is the console's: same format, opened by the shared codec
    const text = readFileSync(keyFile, 'utf8');
    expect(memberKeyHeaderOf(text, keyFile)).toMatchObject({ format: 'saylau-member-key', member: 'aigerim' });
    const { secretKey, header } = await openMemberKeyFile(text, 'member passphrase 0123', keyFile);
    const client = new CommissionClient(server.url);
    expect(await client.enroll(token, secretKey)).toEqual({ member: 1, name: 'Aigerim Saparova' });
    const session = await client.signIn(text, 'member passphrase 0123');
    expect(session).toMatchObject({ member: 1, name: 'Aigerim Saparova', publicKey: header.publicKey });
    // the link works once
    await expect(client.enroll(token, secretKey)).rejects.toMatchObject({ status: 409, code: 'INVITATION_SPENT' });

    const listed = await saylauOk(['commission', 'members', '--server', server.url], env);
    expect(listed).toMatch(new RegExp(`^1  Aigerim Saparova  enrolled \\S+  key ${header.publicKey}$`, 'm'));
    const json = JSON.parse(await saylauOk(['commission', 'members', '--server', server.url, '--json'], env));
    expect(json.members).toEqual([
      { member: 1, name: 'Aigerim Saparova', publicKey: header.publicKey, enrolledAt: expect.any(String), disabledAt: null },
    ]);

    // the member leaves: the operator disables them, their session ends and their key signs in no more
    const disabled = await saylauOk(['commission', 'disable-member', '--member', '1', '--server', server.url], env);
    expect(disabled).toMatch(/^member 1 \(Aigerim Saparova\) disabled at \S+: signed out everywhere/);
    expect(await client.currentSession()).toBeNull();
    await expect(client.signIn(text, 'member passphrase 0123')).rejects.toMatchObject({ status: 401, code: 'MEMBER_DISABLED' });
    expect(await saylauOk(['commission', 'members', '--server', server.url], env)).toMatch(/ {2}DISABLED \S+$/m);
  });

  it('says what is wrong without the admin token, with a wrong one, and without a name', async () => {
    const none = await saylau(['commission', 'invite', '--name', 'X', '--server', server.url], { SAYLAU_ADMIN_TOKEN: '' });
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining("the commission's admin token is needed")]);
    const wrong = await saylau([
      'commission',
      'invite',
      '--name',
      'X',
      '--server',
      server.url,
      '--admin-token',
      'not-the-token-at-all',
    ]);
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringContaining('UNAUTHENTICATED')]);
    const nameless = await saylau(['commission', 'invite', '--server', server.url], { SAYLAU_ADMIN_TOKEN: ADMIN });
    expect(nameless.code).toBe(2);
  });
});
