// saylau practice: a practice election on a running server (spec §3.3, `practice: true`) — one district, one test
// referendum, a 1-of-1 key ceremony run here, a handful of sample voters whose codes are published on purpose — opened
// so that anyone can try the real booth. Every page shows that none of its votes count.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { csvField } from '@saylau/documents';
import type { DefinitionDraft } from '@saylau/protocol';
import { type ApiClient, ServerError } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { fetchElection } from '../cli/options.ts';
import { finishCeremony, startCeremony } from '../commands/ceremony.ts';
import { issueWithLetters, makeCredentials } from '../credentials/issue.ts';
import { deal, enrollKey, newTrusteeSecrets, verifyShares } from '../trustee/ceremony.ts';

export interface PracticeOptions {
  readonly id: string;
  /** Sample voters (their codes are published). */
  readonly voters: number;
  /** Days the practice booth stays open. */
  readonly days: number;
  /** Where the sample codes and letters are written. */
  readonly out: string;
  /** The booth's public address (the letters' and the list's links); default the server's. */
  readonly votingBaseUrl?: string;
  readonly log?: (line: string) => void;
}

/** The sample codes' file: published on purpose, so that anyone can log in to the practice booth. */
export const SAMPLE_CODES_FILE = 'practice-codes.csv';

/** The practice ballot: one referendum whose texts say it is a test, in the three languages. */
export function practiceDraft(id: string, opens: Date, closes: Date): DefinitionDraft {
  return {
    version: 1,
    id,
    practice: true,
    title: {
      kk: 'Сынақ дауыс беру: кабинаны байқап көріңіз',
      ru: 'Пробное голосование: попробуйте кабину',
      en: 'Practice election: try the booth',
    },
    description: {
      kk: 'Бұл сынақ сайлау. Мұнда берілген дауыстар ешбір нақты сайлауда есептелмейді.',
      ru: 'Это пробные выборы. Голоса, поданные здесь, не учитываются ни на каких настоящих выборах.',
      en: 'This is a practice election. The votes cast here do not count in any real election.',
    },
    votingPeriod: {
      opens: opens.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      closes: closes.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    districts: [{ id: 'practice', name: { kk: 'Сынақ ауданы', ru: 'Пробный район', en: 'Practice district' } }],
    questions: [
      {
        id: 'try',
        kind: 'referendum',
        text: {
          kk: 'Сынақ сұрағы: электрондық дауыс беру кабинасы түсінікті ме?',
          ru: 'Пробный вопрос: понятна ли кабина электронного голосования?',
          en: 'Practice question: is the electronic voting booth easy to use?',
        },
        options: [
          { id: 'yes', label: { kk: 'Иә', ru: 'Да', en: 'Yes' } },
          { id: 'no', label: { kk: 'Жоқ', ru: 'Нет', en: 'No' } },
          { id: 'blank', label: { kk: 'Бос бюллетень', ru: 'Пустой бюллетень', en: 'Blank' } },
        ],
        minSelections: 1,
        maxSelections: 1,
        rules: [],
      },
    ],
    ballotStyles: [{ id: 'practice', districts: ['practice'], questions: ['try'] }],
    trustees: { count: 1, threshold: 1 },
    // the real cost: the practice booth is as fast or slow as the real one
    credentialKdf: { logN: 15, r: 8, p: 1 },
  };
}

/** Defines, registers, issues, runs the ceremony and opens the practice election; returns the sample codes' file. */
export async function runPractice(client: ApiClient, options: PracticeOptions): Promise<{ codes: string; booth: string }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const out = resolve(options.out);
  const opens = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
  const closes = new Date(opens.getTime() + options.days * 86_400_000);
  try {
    await client.admin('/api/elections', practiceDraft(options.id, opens, closes), 'defining the practice election');
  } catch (error) {
    if (error instanceof ServerError && error.error.code === 'ALREADY_EXISTS') {
      throw new CliError(`the server holds an election "${options.id}" already: choose another --id`, EXIT.failed);
    }
    throw error;
  }
  let election = await fetchElection(client, options.id);
  const { definition } = election;
  log(`practice election ${definition.id} defined (practice: true); fingerprint ${election.fingerprintHex}`);

  const voters = Array.from({ length: options.voters }, (_, i) => ({
    voterId: `practice-${i + 1}`,
    district: 'practice',
    name: `Practice voter ${i + 1}`,
    contact: '',
  }));
  await client.admin(
    `/api/elections/${definition.id}/register`,
    { voters: voters.map((v) => ({ voterId: v.voterId, district: v.district })) },
    'importing the practice register',
  );
  const booth = `${options.votingBaseUrl ?? client.baseUrl}/?election=${encodeURIComponent(definition.id)}`;
  const issued = await makeCredentials(voters, definition);
  await issueWithLetters(client, definition, election.fingerprintHex, issued, join(out, 'letters'), {
    votingUrl: booth,
    pdf: false,
  });

  // one trustee, run here: nobody needs to decrypt a practice election, but the booth needs the election key
  const { enrollment } = await startCeremony(client, definition.id, ['Practice trustee']);
  election = await fetchElection(client, definition.id);
  for (const { trustee, token } of enrollment) {
    const session = { client, election, trustee, secrets: newTrusteeSecrets(1) };
    await enrollKey(session, token, 'Practice trustee');
    await deal(session);
    await verifyShares(session);
  }
  await finishCeremony(client, definition.id, 1);
  await client.admin(`/api/elections/${definition.id}/open`, {}, 'opening the practice election');

  const codes = join(out, SAMPLE_CODES_FILE);
  writeFileSync(
    codes,
    `${[
      'voter_id,login_code,signing_code,booth',
      ...issued.map((v) => [v.voterId, v.loginCode, v.credentialCode, booth].map(csvField).join(',')),
    ].join('\n')}\n`,
  );
  log(`open until ${closes.toISOString()}: ${booth}`);
  log(`sample codes (publish them: they open only this practice election) in ${codes}:`);
  for (const v of issued) log(`  ${v.voterId}  login code ${v.loginCode}  signing code ${v.credentialCode}`);
  return { codes, booth };
}
