// The letters as a mail-merge CSV for a printing house that prints from its own template: one row per voter with
// every field of the letter in the voter's language (content.ts). It holds the codes: whoever saves it keeps it as
// secret as the letters. UTF-8 with a byte-order mark and CRLF line ends, quoted as RFC 4180 says, so spreadsheet programs read
// the Kazakh and Russian text as written.
import type { ElectionDefinition } from '@saylau/protocol';
import { type Letter, type LetterOptions, letterContent } from './content.ts';

export const MAIL_MERGE_COLUMNS = [
  'voter_id',
  'language',
  'name',
  'address',
  'district',
  'district_name',
  'election_title',
  'heading',
  'voting_period',
  'voting_url',
  'login_code',
  'signing_code',
  'signature_mark',
  'election_fingerprint',
  'label_voter_id',
  'label_district',
  'label_login_code',
  'label_signing_code',
  'label_signature_mark',
  'label_voting_url',
  'label_election_fingerprint',
  'signature_mark_help',
  'steps',
  'paper',
  'secret',
  'commission_contact',
] as const;

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV text: a header of MAIL_MERGE_COLUMNS, then one row per letter. */
export function lettersMailMerge(definition: ElectionDefinition, letters: readonly Letter[], options: LetterOptions): string {
  const rows = letters.map((letter) => {
    const c = letterContent(definition, letter, options);
    const f = c.fields;
    const row: Record<(typeof MAIL_MERGE_COLUMNS)[number], string> = {
      voter_id: letter.voterId,
      language: c.language,
      name: c.recipient.name,
      address: c.recipient.address,
      district: letter.district,
      district_name: f.district.value,
      election_title: c.title,
      heading: c.heading,
      voting_period: c.period,
      voting_url: f.votingAddress.value,
      login_code: f.loginCode.value,
      signing_code: f.signingCode.value,
      signature_mark: f.signatureMark.value,
      election_fingerprint: f.fingerprint.value,
      label_voter_id: f.voterId.label,
      label_district: f.district.label,
      label_login_code: f.loginCode.label,
      label_signing_code: f.signingCode.label,
      label_signature_mark: f.signatureMark.label,
      label_voting_url: f.votingAddress.label,
      label_election_fingerprint: f.fingerprint.label,
      signature_mark_help: c.signatureMarkHelp,
      steps: c.steps.map((s, i) => `${i + 1}. ${s}`).join('\n'),
      paper: c.paper,
      secret: c.secret,
      commission_contact: c.contact,
    };
    return MAIL_MERGE_COLUMNS.map((k) => cell(row[k])).join(',');
  });
  return `\uFEFF${[MAIL_MERGE_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
