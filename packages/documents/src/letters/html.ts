// The voters' letters as one printable HTML file, a page per voter in Kazakh, Russian and English, with the login
// code, the signing code, the voting address and the election fingerprint the voter can compare on screen. The
// words are content.ts's (the glossary's); the CLI's letters-pdf.ts lays the same content out as a print-ready PDF in
// each voter's own language, and mail-merge.ts as a CSV for a printing house.
import { type ElectionDefinition, LANGUAGES, type Language } from '@saylau/protocol';
import { type Letter, type LetterContent, type LetterOptions, letterContent } from './content.ts';

export { formatLoginCode, groupedFingerprint, type Letter } from './content.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function letterHtml(
  definition: ElectionDefinition,
  letter: Letter,
  votingUrl: string,
  fingerprint: string,
  extra: Pick<LetterOptions, 'reissued' | 'contact'>,
): string {
  const content = Object.fromEntries(
    LANGUAGES.map((l) => [l, letterContent(definition, letter, { votingUrl, fingerprint, ...extra }, l)]),
  ) as Record<Language, LetterContent>;
  const label = (key: keyof LetterContent['fields']) =>
    LANGUAGES.map((l) => escapeHtml(content[l].fields[key].label)).join(' / ');
  const value = (key: keyof LetterContent['fields']) => escapeHtml(content.en.fields[key].value);
  const sections = LANGUAGES.map((lang) => {
    const c = content[lang];
    return `<section lang="${lang}">
  <h2>${escapeHtml(c.heading)} — ${escapeHtml(c.title)}</h2>
  <p>${escapeHtml(c.period)}</p>
  <ol>${c.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>
  <p>${escapeHtml(c.paper)}</p>
  <p class="secret">${escapeHtml(c.secret)}</p>
</section>`;
  }).join('\n');
  const district = LANGUAGES.map((l) => escapeHtml(content[l].fields.district.value)).join(' / ');
  // the three code cells come first and in this order: test helpers read them back (apps/cli/test/helpers.ts)
  return `<article class="letter">
<table class="codes">
  <tr><th>${label('voter')}</th><td>${value('voter')}</td></tr>
  <tr><th>${label('voterId')}</th><td class="code">${value('voterId')}</td></tr>
  <tr><th>${label('district')}</th><td>${district}</td></tr>
  <tr><th>${label('loginCode')}</th><td class="code big">${value('loginCode')}</td></tr>
  <tr><th>${label('signingCode')}</th><td class="code big">${value('signingCode')}</td></tr>
  <tr><th>${label('signatureMark')}</th><td class="code">${value('signatureMark')}<br><span class="small">${LANGUAGES.map((l) => escapeHtml(content[l].signatureMarkHelp)).join('<br>')}</span></td></tr>
  <tr><th>${label('votingAddress')}</th><td class="code">${value('votingAddress')}</td></tr>
  <tr><th>${label('fingerprint')}</th><td class="code small">${value('fingerprint')}</td></tr>
</table>
${sections}
</article>`;
}

/** One HTML document holding every letter, a printed page each. */
export function lettersHtml(
  definition: ElectionDefinition,
  letters: readonly Letter[],
  votingUrl: string,
  fingerprint: string,
  extra: Pick<LetterOptions, 'reissued' | 'contact'> = {},
): string {
  return `<!doctype html>
<html lang="kk">
<head>
<meta charset="utf-8">
<title>${escapeHtml(definition.title.en)} — voter letters</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #111; }
  .letter { padding: 18mm; break-after: page; page-break-after: always; }
  .codes { border-collapse: collapse; margin-bottom: 6mm; width: 100%; }
  .codes th { text-align: left; font-weight: normal; font-size: 9pt; color: #444; padding: 2mm 4mm 2mm 0; width: 45%; }
  .codes td { padding: 2mm 0; border-bottom: 1px solid #ccc; }
  .code { font-family: ui-monospace, monospace; }
  .big { font-size: 16pt; letter-spacing: 0.06em; font-weight: bold; }
  .small { font-size: 9pt; }
  section { font-size: 9pt; margin-bottom: 4mm; }
  section ol { margin: 1mm 0; padding-left: 5mm; }
  h2 { font-size: 11pt; margin: 0 0 1mm; }
  .secret { font-weight: bold; }
</style>
</head>
<body>
${letters.map((l) => letterHtml(definition, l, votingUrl, fingerprint, extra)).join('\n')}
</body>
</html>
`;
}
