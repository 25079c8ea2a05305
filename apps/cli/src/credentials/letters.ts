// The voters' letters: one printable HTML file, a page per voter, in Kazakh, Russian and English, with the login
// code, the credential code, the voting address and the election fingerprint the voter can compare on screen.
import { formatCredentialCode } from '@saylau/crypto';
import { type ElectionDefinition, type Language, shortCredential } from '@saylau/protocol';

export interface Letter {
  readonly voterId: string;
  readonly name: string;
  readonly district: string;
  readonly loginCode: string;
  readonly credentialCode: string;
  /** The credential's public key (hex): its short form lets the voter recognise their own ballots (spec §3.6.6). */
  readonly credentialHex: string;
}

const TEXT: Record<Language, Record<string, string>> = {
  kk: {
    heading: 'Электрондық дауыс беруге арналған хат',
    voter: 'Сайлаушы',
    voterId: 'Сайлаушы нөмірі',
    district: 'Аудан',
    login: 'Кіру коды',
    credential: 'Дауыс беру коды',
    where: 'Дауыс беру мекенжайы',
    fingerprint: 'Сайлаудың саусақ ізі',
    credentialCheck: 'Қолтаңба белгісі',
    credentialCheckHelp:
      'Екінші құрылғы бюллетеніңізді ашқанда дәл осы белгіні көрсетуі керек. Басқа белгі көрсетсе, бұл сіздің бюллетеніңіз емес: комиссияға хабарлаңыз.',
    how: 'Мекенжайды ашып, сайлаушы нөмірі мен кіру кодын енгізіңіз. Бюллетеньді толтырған соң дауыс беру кодын енгізіңіз: ол сіздің дауысыңызға қол қояды және серверге жіберілмейді. Қайта дауыс беруге болады: соңғы электрондық дауыс есептеледі. Қағаз бюллетеньмен дауыс берсеңіз, электрондық дауысыңыз жойылады.',
    secret: 'Бұл хатты ешкімге көрсетпеңіз. Экрандағы саусақ ізі осы хаттағымен бірдей екенін тексеріңіз.',
  },
  ru: {
    heading: 'Письмо для электронного голосования',
    voter: 'Избиратель',
    voterId: 'Номер избирателя',
    district: 'Район',
    login: 'Код входа',
    credential: 'Код голосования',
    where: 'Адрес для голосования',
    fingerprint: 'Отпечаток выборов',
    credentialCheck: 'Знак подписи',
    credentialCheckHelp:
      'Когда второе устройство открывает ваш бюллетень, оно должно показать именно этот знак. Если знак другой, это не ваш бюллетень: сообщите в комиссию.',
    how: 'Откройте адрес и введите номер избирателя и код входа. Заполнив бюллетень, введите код голосования: он подписывает ваш голос и никогда не отправляется на сервер. Голосовать можно повторно: учитывается последний электронный голос. Если вы проголосуете бумажным бюллетенем, ваш электронный голос будет отменён.',
    secret: 'Никому не показывайте это письмо. Проверьте, что отпечаток на экране совпадает с отпечатком в письме.',
  },
  en: {
    heading: 'Your letter for voting online',
    voter: 'Voter',
    voterId: 'Voter id',
    district: 'District',
    login: 'Login code',
    credential: 'Credential code',
    where: 'Where to vote',
    fingerprint: 'Election fingerprint',
    credentialCheck: 'Signature mark',
    credentialCheckHelp:
      'When your second device opens your ballot it must show exactly this mark. If it shows another, the ballot is not yours: tell the commission.',
    how: 'Open the address and enter your voter id and login code. After filling in the ballot, type your credential code: it signs your vote and is never sent to the server. You may vote again: your last e-vote counts. If you vote on paper, your e-vote is cancelled.',
    secret: 'Show this letter to no one. Check that the fingerprint on the screen is the one in this letter.',
  },
};

const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The fingerprint in groups of 8 hex digits, easier to compare by eye. */
export function groupedFingerprint(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}

/** A login code in groups of four: XXXX-XXXX-XXXX. */
export function formatLoginCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

function letterHtml(definition: ElectionDefinition, letter: Letter, votingUrl: string, fingerprint: string): string {
  const district = definition.districts.find((d) => d.id === letter.district);
  const sections = LANGUAGES.map((lang) => {
    const t = TEXT[lang];
    return `<section lang="${lang}">
  <h2>${escapeHtml(t.heading as string)} — ${escapeHtml(definition.title[lang])}</h2>
  <p>${escapeHtml(t.how as string)}</p>
  <p class="secret">${escapeHtml(t.secret as string)}</p>
</section>`;
  }).join('\n');
  const label = (key: string) => LANGUAGES.map((l) => escapeHtml(TEXT[l][key] as string)).join(' / ');
  return `<article class="letter">
<table class="codes">
  <tr><th>${label('voter')}</th><td>${escapeHtml(letter.name || letter.voterId)}</td></tr>
  <tr><th>${label('voterId')}</th><td class="code">${escapeHtml(letter.voterId)}</td></tr>
  <tr><th>${label('district')}</th><td>${escapeHtml(district ? `${district.name.kk} / ${district.name.ru} / ${district.name.en}` : letter.district)}</td></tr>
  <tr><th>${label('login')}</th><td class="code big">${escapeHtml(formatLoginCode(letter.loginCode))}</td></tr>
  <tr><th>${label('credential')}</th><td class="code big">${escapeHtml(formatCredentialCode(letter.credentialCode))}</td></tr>
  <tr><th>${label('credentialCheck')}</th><td class="code">${escapeHtml(shortCredential(letter.credentialHex))}<br><span class="small">${LANGUAGES.map((l) => escapeHtml(TEXT[l].credentialCheckHelp as string)).join('<br>')}</span></td></tr>
  <tr><th>${label('where')}</th><td class="code">${escapeHtml(votingUrl)}</td></tr>
  <tr><th>${label('fingerprint')}</th><td class="code small">${escapeHtml(groupedFingerprint(fingerprint))}</td></tr>
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
  section { font-size: 10pt; margin-bottom: 4mm; }
  h2 { font-size: 11pt; margin: 0 0 1mm; }
  .secret { font-weight: bold; }
</style>
</head>
<body>
${letters.map((l) => letterHtml(definition, l, votingUrl, fingerprint)).join('\n')}
</body>
</html>
`;
}
