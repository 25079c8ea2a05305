// Issuing credentials (brief §1.3, docs/api.md): per voter a login code and a credential code made here with the
// CSPRNG, the credential's public key derived with the definition's scrypt parameters; only the public keys and
// the login codes' SHA-256 go to the server. The letters are written before the upload and kept only if it succeeds.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  credentialEntries,
  type IssuedVoter,
  type Letter,
  type LetterOptions,
  lettersHtml,
  lettersMailMerge,
  makeCredentials as makeCredentialsWith,
  publicList,
  type VoterEntry,
} from '@saylau/documents';
import type { ElectionDefinition, Language } from '@saylau/protocol';
import type { ApiClient } from '../cli/client.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { deriveCredentialKeys } from './derive.ts';
import { writeLettersPdf } from './letters-pdf.ts';

export type { IssuedVoter, VoterEntry } from '@saylau/documents';

export const LETTERS_FILE = 'letters.html';
/** The same letters as print-ready PDF (one A4 page per voter, in the voter's language) and as a mail merge. */
export const LETTERS_PDF_FILE = 'letters.pdf';
export const MAIL_MERGE_FILE = 'letters-mail-merge.csv';
export const PUBLIC_LIST_FILE = 'public-credentials.json';

/** Codes and keys for every voter, the keys derived by Node's native scrypt; `onEach` ticks once per derived key. */
export function makeCredentials(
  voters: readonly VoterEntry[],
  definition: ElectionDefinition,
  onEach?: () => void,
): Promise<IssuedVoter[]> {
  return makeCredentialsWith(voters, definition, (codes) =>
    deriveCredentialKeys(codes, definition.id, definition.credentialKdf, onEach),
  );
}

/** POST /credentials: public keys and login-code hashes only. */
export function uploadCredentials(client: ApiClient, electionId: string, issued: readonly IssuedVoter[]) {
  return client.admin<{ issued: number }>(
    `/api/elections/${electionId}/credentials`,
    credentialEntries(issued),
    'issuing the credentials',
  );
}

/** Writes the mail-merge CSV to `file`, readable by its owner only (it holds the codes), never over an existing file. */
export function writeLettersMailMerge(
  file: string,
  definition: ElectionDefinition,
  letters: readonly Letter[],
  options: LetterOptions,
): void {
  writeFileSync(file, lettersMailMerge(definition, letters, options), { mode: 0o600, flag: 'wx' });
}

export interface IssueFiles {
  readonly letters: string;
  readonly pdf: string;
  readonly mailMerge: string;
  readonly publicList: string;
}

/** What the letters print besides each voter's own codes. */
export interface LetterSettings {
  readonly votingUrl: string;
  /** The commission's contact (`--contact`). */
  readonly contact?: string;
  /** The language of a voter's letter when the register names none (`--language`). */
  readonly language?: Language;
  /** Whether to write the PDF (default yes; the demo's simulated voters need no printing). */
  readonly pdf?: boolean;
  /** A re-issued letter (it tells the voter to vote again). */
  readonly reissued?: boolean;
}

/**
 * Writes the three forms of the letters as `.partial` files and answers a function that keeps them (renames them
 * into place) and one that throws them away: letters exist only for keys the server accepted.
 */
async function writePendingLetters(
  definition: ElectionDefinition,
  fingerprint: string,
  issued: readonly IssuedVoter[],
  files: { readonly html: string; readonly pdf: string; readonly mailMerge: string },
  settings: LetterSettings,
): Promise<{ keep(): void; discard(): void }> {
  const pending = Object.values(files).map((file) => `${file}.partial`);
  const discard = () => {
    for (const file of pending) rmSync(file, { force: true });
  };
  const options = { ...settings, fingerprint };
  try {
    discard();
    writeFileSync(`${files.html}.partial`, lettersHtml(definition, issued, settings.votingUrl, fingerprint, settings), {
      mode: 0o600,
    });
    if (settings.pdf !== false) await writeLettersPdf(`${files.pdf}.partial`, definition, issued, options);
    writeLettersMailMerge(`${files.mailMerge}.partial`, definition, issued, options);
  } catch (error) {
    discard();
    throw error;
  }
  return {
    keep: () => {
      for (const file of Object.values(files)) if (existsSync(`${file}.partial`)) renameSync(`${file}.partial`, file);
    },
    discard,
  };
}

/**
 * Writes the letters, uploads, and keeps the letters only if the upload succeeded: the server never holds keys
 * whose codes were lost, and no letters exist for keys the server refused.
 */
export async function issueWithLetters(
  client: ApiClient,
  definition: ElectionDefinition,
  fingerprint: string,
  issued: readonly IssuedVoter[],
  outDir: string,
  settings: LetterSettings,
): Promise<IssueFiles> {
  const files = {
    html: join(outDir, LETTERS_FILE),
    pdf: join(outDir, LETTERS_PDF_FILE),
    mailMerge: join(outDir, MAIL_MERGE_FILE),
  };
  const list = join(outDir, PUBLIC_LIST_FILE);
  for (const file of Object.values(files)) {
    if (existsSync(file)) {
      throw new CliError(`${file} exists already; letters are never overwritten (choose another --out)`, EXIT.usage);
    }
  }
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const letters = await writePendingLetters(definition, fingerprint, issued, files, settings);
  try {
    await uploadCredentials(client, definition.id, issued);
  } catch (error) {
    letters.discard();
    throw error;
  }
  letters.keep();
  writeFileSync(list, `${JSON.stringify(publicList(definition, fingerprint, issued), null, 2)}\n`);
  return { letters: files.html, pdf: files.pdf, mailMerge: files.mailMerge, publicList: list };
}

/** The new letter of one voter (spec §3.5.1), as HTML, PDF and mail merge: never overwritten, like the others. */
export function reissuedLetterFiles(outDir: string, voterId: string) {
  const base = join(outDir, `letter-${voterId.replace(/[^A-Za-z0-9._@-]/g, '_')}`);
  return { html: `${base}.html`, pdf: `${base}.pdf`, mailMerge: `${base}-mail-merge.csv` };
}

export interface ReissueAnswer {
  readonly voterId: string;
  readonly old: string;
  readonly new: string;
  readonly district: string;
  readonly published: boolean;
  readonly staged: boolean;
}

/**
 * Re-issues one voter's lost letter: new codes made and derived here exactly as `credentials issue` makes them, the
 * letter written first and kept only if the server accepted the replacement (POST /register/replacements), then
 * rewritten with the district the server has for the voter.
 */
export async function reissueWithLetter(
  client: ApiClient,
  definition: ElectionDefinition,
  fingerprint: string,
  voter: VoterEntry,
  outDir: string,
  settings: LetterSettings,
): Promise<{ readonly file: string; readonly pdf: string; readonly answer: ReissueAnswer; readonly issued: IssuedVoter }> {
  const files = reissuedLetterFiles(outDir, voter.voterId);
  for (const file of Object.values(files)) {
    if (existsSync(file)) {
      throw new CliError(`${file} exists already; letters are never overwritten (choose another --out)`, EXIT.usage);
    }
  }
  const [issued] = (await makeCredentials([voter], definition)) as [IssuedVoter];
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  // written before the server revokes anything, so that a full disk fails here and not after the old letter is dead
  settings = { ...settings, reissued: true };
  const draft = await writePendingLetters(definition, fingerprint, [issued], files, settings);
  let answer: ReissueAnswer;
  try {
    answer = await client.admin<ReissueAnswer>(
      `/api/elections/${definition.id}/register/replacements`,
      credentialEntries([issued]).entries[0],
      're-issuing the letter',
    );
  } catch (error) {
    draft.discard();
    throw error;
  }
  // again with the district the server has for the voter (the command may not have been given the register)
  const final = { ...issued, district: answer.district };
  (await writePendingLetters(definition, fingerprint, [final], files, settings)).keep();
  return { file: files.html, pdf: files.pdf, answer, issued: final };
}
