// saylau commission keygen|status|sign|invite|members: the commission members' own keys and signatures (spec §4.4).
// Each member makes a key once (its public key goes into the definition), and signs on its own machine the decision
// before voting opens, the paper-voter list and the paper results after close, and an early close proposed while
// voting is open; the server publishes a statement once enough members have signed (an early close waits for
// "saylau election close --collected"). The same key signs the member in to the commission's console, once the operator has
// invited them.
import {
  type CommissionStatementKind,
  canonicalJson,
  type DecisionStatement,
  decisionFromBoard,
  earlyCloseSigningRefusal,
  type PaperResultsStatement,
  signCommissionStatement,
} from '@saylau/protocol';
import { invitationLink } from '@saylau/protocol/commission-client';
import type { Command } from 'commander';
import { readVerifiedBoard } from '../cli/board.ts';
import { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { type JsonOptions, printJson, withJson } from '../cli/json-output.ts';
import {
  type CommissionOptions,
  type ElectionInfo,
  type ElectionOptions,
  electionIdOf,
  fetchElection,
  positiveInt,
  required,
  withAdminToken,
  withElection,
  withServer,
} from '../cli/options.ts';
import { type PassphraseOptions, readPassphrase } from '../cli/passphrase.ts';
import { createSigningKey, openSigningKey } from '../keys/signing-key-file.ts';

type Kind = Extract<
  CommissionStatementKind,
  'decision' | 'paper-voters' | 'credential-replacement' | 'paper-results' | 'early-close'
>;
const KINDS: readonly Kind[] = ['decision', 'paper-voters', 'credential-replacement', 'paper-results', 'early-close'];

interface StatusAnswer {
  readonly statement: Record<string, unknown>;
  readonly signers: string[];
  readonly threshold: number;
  readonly members: string[];
}

function kindOf(value: string): Kind {
  if (!KINDS.includes(value as Kind)) {
    throw new CliError(
      `sign "decision", "paper-voters", "credential-replacement", "paper-results" or "early-close", not "${value}"`,
      EXIT.usage,
    );
  }
  return value as Kind;
}

/** What a member reads before signing: the statement's facts in plain words. */
export function describeStatement(kind: Kind, statement: Record<string, unknown>): string[] {
  if (kind === 'paper-voters') {
    const credentials = (statement.credentials as string[]) ?? [];
    return [
      `  cancel the e-votes of ${credentials.length} voter(s) who voted on paper`,
      `  election fingerprint ${statement.fingerprint}`,
    ];
  }
  if (kind === 'paper-results') {
    // the member compares these lines with the precinct protocols on paper: that comparison is what the signature attests
    const { districts } = statement as unknown as PaperResultsStatement;
    return [
      `  the paper results of ${districts.length} district(s), as the precinct protocols give them:`,
      ...districts.flatMap((d) => [
        `  ${d.district}: ${d.ballotsIssued} paper ballots issued, ${d.ballotsCast} cast, ${d.invalid} invalid`,
        ...d.questions.map(
          (q) =>
            `    ${q.question}: ${Object.entries(q.counts)
              .map(([o, n]) => `${o} ${n}`)
              .join(', ')}`,
        ),
      ]),
      `  election fingerprint ${statement.fingerprint}`,
    ];
  }
  if (kind === 'early-close') {
    return [
      `  close voting now, before the period ends, for this reason: ${statement.reason}`,
      `  proposed at ${statement.at}`,
      `  election fingerprint ${statement.fingerprint}`,
    ];
  }
  if (kind === 'credential-replacement') {
    return [
      `  a lost letter re-issued in district ${statement.district}: credential ${statement.old} is revoked`,
      `  and replaced by ${statement.new}`,
      `  election fingerprint ${statement.fingerprint}`,
    ];
  }
  const s = statement as DecisionStatement;
  const total = Object.values(s.registerSizes).reduce((a, b) => a + b, 0);
  return [
    `  election fingerprint ${s.fingerprint}`,
    `  voting period ${s.votingPeriod.opens} — ${s.votingPeriod.closes}`,
    `  register: ${total} voters (${Object.entries(s.registerSizes)
      .map(([d, n]) => `${d} ${n}`)
      .join(', ')})`,
    `  credential list: ${s.credentialList.count} credentials, digest ${s.credentialList.digest}`,
    ...s.trustees.map((t) => `  trustee ${t.trustee}'s key ${t.publicKey}`),
    `  election key ${s.electionKey}`,
  ];
}

async function status(options: ElectionOptions, kind: Kind): Promise<{ client: ApiClient; answer: StatusAnswer }> {
  const client = new ApiClient(required(options.server, '--server', 'SAYLAU_SERVER'));
  const answer = await client.get<StatusAnswer>(`/api/elections/${electionIdOf(options)}/commission/${kind}`, {
    what: `reading the commission's ${kind}`,
  });
  return { client, answer };
}

export function commissionCommand(program: Command): void {
  const commission = program
    .command('commission')
    .description("commission members' keys and signatures (decision, paper voters, paper results)");

  commission
    .command('keygen')
    .description("make a member's signing key file; prints the public key to put in the election definition")
    .requiredOption('--key-file <file>', 'the key file to write (never overwritten)')
    .requiredOption('--member <id>', "the member's id in the definition (a-z, 0-9, - and _)")
    .requiredOption('--name <name>', "the member's name as the definition shows it")
    .option('--passphrase-file <file>', 'read the passphrase from this file (else SAYLAU_PASSPHRASE, else asked)')
    .option('--scrypt-log-n <n>', 'scrypt cost of the passphrase (default 17)', positiveInt('--scrypt-log-n'))
    .action(async (options: PassphraseOptions & { keyFile: string; member: string; name: string; scryptLogN?: number }) => {
      const passphrase = await readPassphrase(options, 'new');
      const { header } = await createSigningKey(
        'member',
        options.keyFile,
        options.name,
        passphrase,
        options.scryptLogN,
        options.member,
      );
      console.log(`member ${options.member} (${header.name}): key written to ${options.keyFile}`);
      console.log('add to the definition under commission.members:');
      console.log(`  - { id: ${options.member}, name: ${JSON.stringify(header.name)}, publicKey: ${header.publicKey} }`);
    });

  withAdminToken(
    withServer(
      commission
        .command('invite')
        .description("invite a commission member to the console: prints the one-time link for the member's browser")
        .requiredOption('--name <name>', "the member's name, as the console and the actions log show it"),
    ),
  ).action(async (options: CommissionOptions & { name: string }) => {
    const client = adminClient(options, 'inviting a member');
    const invited = await client.admin<{ member: number; name: string; token: string }>(
      '/api/commission/members/invitations',
      { name: options.name },
      'inviting a member',
    );
    console.log(invitationLink(client.baseUrl, invited.token));
    console.log(
      `Give this link to ${invited.name} (member ${invited.member}) in person or by a channel you trust: it works once, ` +
        'for 7 days; they open it in a browser and enroll their member key file (saylau commission keygen), then sign in with it.',
    );
  });

  withJson(
    withAdminToken(
      withServer(commission.command('members').description("the commission's members in the console, invited and enrolled")),
    ),
  ).action(async (options: CommissionOptions & JsonOptions) => {
    const client = adminClient(options, 'listing the members');
    const { members } = await client.get<{
      members: {
        member: number;
        name: string;
        publicKey: string | null;
        enrolledAt: string | null;
        disabledAt: string | null;
      }[];
    }>('/api/commission/members', { token: client.adminToken as string, what: 'listing the members' });
    if (options.json) return printJson({ members });
    if (members.length === 0) console.log('no members yet: invite one with "saylau commission invite --name NAME"');
    for (const m of members) {
      const state = m.publicKey === null ? 'invited, not enrolled yet' : `enrolled ${m.enrolledAt}  key ${m.publicKey}`;
      console.log(`${m.member}  ${m.name}  ${state}${m.disabledAt === null ? '' : `  DISABLED ${m.disabledAt}`}`);
    }
  });

  withAdminToken(
    withServer(
      commission
        .command('disable-member')
        .description(
          'disable a member (left the commission, key lost): its console sessions end now and its key signs in no more',
        )
        .requiredOption('--member <n>', 'the member number "saylau commission members" shows', positiveInt('--member')),
    ),
  ).action(async (options: CommissionOptions & { member: number }) => {
    const client = adminClient(options, 'disabling a member');
    const disabled = await client.admin<{ member: number; name: string; disabledAt: string }>(
      `/api/commission/members/${options.member}/disable`,
      {},
      'disabling a member',
    );
    console.log(
      `member ${disabled.member} (${disabled.name}) disabled at ${disabled.disabledAt}: signed out everywhere; ` +
        'invite them again (a new key) if they return.',
    );
  });

  withJson(
    withElection(
      commission
        .command('status')
        .description(
          'what the members are asked to sign (decision, paper-voters, credential-replacement, paper-results or early-close) and who has signed',
        )
        .argument('<kind>', 'decision | paper-voters | credential-replacement | paper-results | early-close'),
    ),
  ).action(async (kindText: string, options: ElectionOptions & JsonOptions) => {
    const kind = kindOf(kindText);
    const { answer } = await status(options, kind);
    if (options.json) return printJson({ kind, ...answer });
    for (const line of describeStatement(kind, answer.statement)) console.log(line);
    console.log(`signed by ${answer.signers.length} of ${answer.threshold} needed: ${answer.signers.join(', ') || 'nobody yet'}`);
  });

  withElection(
    commission
      .command('sign')
      .description(
        "sign the pending decision, paper-voter list, re-issued letter, paper results or early close with this member's key",
      )
      .argument('<kind>', 'decision | paper-voters | credential-replacement | paper-results | early-close')
      .requiredOption('--key-file <file>', "the member's key file")
      .option('--passphrase-file <file>', 'read the passphrase from this file (else SAYLAU_PASSPHRASE, else asked)'),
  ).action(async (kindText: string, options: ElectionOptions & PassphraseOptions & { keyFile: string }) => {
    const kind = kindOf(kindText);
    const { client, answer } = await status(options, kind);
    const election = await fetchElection(client, electionIdOf(options));
    const { header, secretKey } = await openSigningKey('member', options.keyFile, await readPassphrase(options, 'unlock'));
    const member = header.member;
    if (member === undefined || !answer.members.includes(member)) {
      throw new CliError(
        `member "${member ?? header.name}" is not among this election's commission members (${answer.members.join(', ')})`,
      );
    }
    if (kind === 'decision') await checkDecisionAgainstBoard(client, election, answer.statement);
    if (kind === 'early-close') {
      const refusal = earlyCloseSigningRefusal(election.fingerprintHex, answer.statement, Date.now());
      if (refusal) throw new CliError(`not signed: ${refusal.message}`);
    }
    console.log(`member ${member} signs the ${kind}:`);
    for (const line of describeStatement(kind, answer.statement)) console.log(line);
    const signature = signCommissionStatement(secretKey, election.fingerprint, member, kind, answer.statement);
    const posted = await client.post<{ signers: string[]; threshold: number; published: boolean }>(
      `/api/elections/${election.id}/commission/${kind}/signatures`,
      signature,
      { what: `posting the ${kind} signature` },
    );
    const enough = posted.signers.length >= posted.threshold;
    console.log(
      posted.published
        ? `signed; with ${posted.signers.length} of ${posted.threshold} members the ${kind} is now on the board`
        : kind === 'early-close' && enough
          ? `signed; ${posted.signers.length} of ${posted.threshold} members: voting can now be closed with "saylau election close --collected"`
          : `signed; ${posted.signers.length} of ${posted.threshold} members so far`,
    );
  });
}

/** A client with the admin token, or a usage error saying how to give it. */
function adminClient(options: CommissionOptions, what: string): ApiClient {
  const client = new ApiClient(required(options.server, '--server', 'SAYLAU_SERVER'), options.adminToken);
  if (!client.adminToken) {
    throw new CliError(`${what}: the commission's admin token is needed`, EXIT.usage, [
      '  give it with --admin-token or the SAYLAU_ADMIN_TOKEN environment variable',
    ]);
  }
  return client;
}

/**
 * A member signs what the board says, not what the server shows: the decision is rebuilt here from the board, read
 * up to a head signed by the board key (spec §4.4), and must be exactly the statement the server asks to sign.
 */
async function checkDecisionAgainstBoard(client: ApiClient, election: ElectionInfo, statement: unknown): Promise<void> {
  const board = await readVerifiedBoard(client, election);
  const decision = decisionFromBoard(board.events, { fingerprint: election.fingerprintHex, definition: election.definition });
  if ('missing' in decision) throw new CliError(`there is no decision to sign yet: ${decision.missing}`);
  if (canonicalJson(decision.statement) !== canonicalJson(statement)) {
    throw new CliError(
      'the server asks you to sign a decision that is not what its own signed board says: do not sign; tell the commission and the observers',
    );
  }
}
