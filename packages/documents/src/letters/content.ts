// What a voter's letter says, in the voter's language, as data: the HTML, the PDF and the printing house's
// mail-merge CSV all lay out this one content. Every term is the glossary's (packages/protocol/src/glossary), the
// word the booth shows for the same thing, and every time is shown in the election's time zone.
import { formatCredentialCode } from '@saylau/crypto';
import {
  type ElectionDefinition,
  formatVotingPeriod,
  LANGUAGES,
  type Language,
  label,
  shortCredential,
  type TermId,
} from '@saylau/protocol';

export interface Letter {
  readonly voterId: string;
  readonly name: string;
  readonly district: string;
  readonly loginCode: string;
  readonly credentialCode: string;
  /** The credential's public key (hex): its short form lets the voter recognise their own ballots (spec §3.6.6). */
  readonly credentialHex: string;
  /** The voter's language (the register's `language` column); else the letters' default. */
  readonly language?: Language;
  /** The postal address for the window envelope (the register's `address` column). */
  readonly address?: string;
}

/** What every letter of one issue shares. */
export interface LetterOptions {
  /** The booth's address, printed and as a QR code. */
  readonly votingUrl: string;
  /** The election fingerprint (hex). */
  readonly fingerprint: string;
  /** How to reach the commission (`--contact`), printed as the return address and under "questions". */
  readonly contact?: string;
  /** The language of letters whose voter has none (`--language`); else the definition's first, Kazakh. */
  readonly language?: Language;
  /** A lost letter's replacement (`credentials reissue`): it says the old letter's votes do not count. */
  readonly reissued?: boolean;
}

export interface LetterField {
  readonly label: string;
  readonly value: string;
  /** A code the voter types: printed large, in a fixed-width font. */
  readonly code?: boolean;
}

/** One letter's words in one language. */
export interface LetterContent {
  readonly language: Language;
  readonly heading: string;
  readonly title: string;
  readonly period: string;
  readonly recipient: { readonly name: string; readonly address: string };
  readonly fields: {
    readonly voter: LetterField;
    readonly voterId: LetterField;
    readonly district: LetterField;
    readonly loginCode: LetterField;
    readonly signingCode: LetterField;
    readonly signatureMark: LetterField;
    readonly votingAddress: LetterField;
    readonly fingerprint: LetterField;
  };
  readonly signatureMarkHelp: string;
  readonly stepsHeading: string;
  readonly steps: readonly string[];
  readonly paperHeading: string;
  readonly paper: string;
  readonly secret: string;
  readonly contactLabel: string;
  readonly contact: string;
}

/** The sentences of a letter that are not a single term (those come from the glossary). */
interface Phrases {
  heading: string;
  voter: string;
  steps: string;
  step: readonly string[];
  paperHeading: string;
  paper: string;
  secret: string;
  markHelp: string;
  reissued: string;
}

const PHRASES: Readonly<Record<Language, Phrases>> = {
  kk: {
    heading: 'Электрондық дауыс беруге арналған хат',
    voter: 'Сайлаушы',
    steps: 'Қалай дауыс беру керек',
    step: [
      'Телефонда немесе компьютерде дауыс беру мекенжайын ашыңыз (немесе QR кодты сканерлеңіз). Экрандағы сайлаудың цифрлық ізі осы хатта басылғанмен бірдей екеніне көз жеткізіңіз.',
      'Сайлаушы нөмірі мен кіру кодын енгізіңіз.',
      'Таңдауыңызды жасаңыз, содан кейін таңдауыңызды қарап шығыңыз.',
      'Қолтаңба кодын енгізіңіз: ол бюллетеньге сіздің құрылғыңызда қол қояды және серверге ешқашан жіберілмейді.',
      'Бюллетеньді жіберіңіз. Түбіртекті сақтаңыз және дауыс беру беті көрсететін QR код арқылы дауысыңызды екінші құрылғыда тексеріңіз.',
      'Қаласаңыз, жіберудің орнына бюллетеньге аудит жасауға болады: аудиттен өткен бюллетень жойылады және жіберілмейді, содан кейін жаңасын жасайсыз.',
      'Дауыс беру уақыты аяқталғанға дейін қайта дауыс бере аласыз: тек соңғы электрондық дауыс есептеледі.',
    ],
    paperHeading: 'Қағаз бюллетеньмен дауыс беру',
    paper:
      'Оның орнына дауыс беру күні өз сайлау учаскесіңізге барып, қағаз бюллетеньмен дауыс бере аласыз. Қағаз бюллетеньмен берілген дауыс электрондық дауысыңызды жояды, қай ретпен берілсе де.',
    secret: 'Бұл хатты ешкімге көрсетпеңіз және нәтижелер жарияланғанша сақтаңыз.',
    reissued:
      'Бұл хат бұрынғы хатыңызды алмастырады, ол енді жарамсыз. Бұрынғы хатпен берілген дауыс есептелмейді: осы хатпен қайта дауыс беріңіз.',
    markHelp:
      'Екінші құрылғы сіздің қолтаңба кодыңызбен қол қойылған әр бюллетень үшін осы қолтаңба белгісін көрсетеді. Басқа белгі көрсетсе, бұл сіздің бюллетеніңіз емес: сайлау комиссиясына хабарлаңыз.',
  },
  ru: {
    heading: 'Письмо для электронного голосования',
    voter: 'Избиратель',
    steps: 'Как проголосовать',
    step: [
      'Откройте адрес для голосования на телефоне или компьютере (или отсканируйте QR-код). Убедитесь, что цифровой отпечаток выборов на экране совпадает с напечатанным в этом письме.',
      'Введите номер избирателя и код входа.',
      'Сделайте выбор, затем просмотрите свой выбор.',
      'Введите код подписи: он подписывает бюллетень на вашем устройстве и никогда не отправляется на сервер.',
      'Отправьте бюллетень. Сохраните квитанцию и проверьте голос на втором устройстве по QR-коду, который покажет страница голосования.',
      'По желанию вместо отправки можно провести аудит бюллетеня: бюллетень, прошедший аудит, уничтожается и не отправляется, затем вы создаёте новый.',
      'До конца времени голосования можно проголосовать ещё раз: учитывается только последний электронный голос.',
    ],
    paperHeading: 'Голосование на бумаге',
    paper:
      'Вместо этого вы можете проголосовать на бумаге на своём избирательном участке в день голосования. Голос на бумаге отменяет ваш электронный голос, в каком бы порядке вы ни голосовали.',
    secret: 'Никому не показывайте это письмо и храните его до публикации результатов.',
    reissued:
      'Это письмо заменяет ваше прежнее письмо, которое больше не действует. Голос, поданный по прежнему письму, не учитывается: проголосуйте снова по этому письму.',
    markHelp:
      'Второе устройство показывает этот знак подписи для каждого бюллетеня, подписанного вашим кодом подписи. Если оно покажет другой знак, это не ваш бюллетень: сообщите в избирательную комиссию.',
  },
  en: {
    heading: 'Your letter for voting online',
    voter: 'Voter',
    steps: 'How to vote',
    step: [
      'Open the voting address on your phone or computer (or scan the QR code). Make sure the election fingerprint on the screen is the one printed on this letter.',
      'Enter your voter ID and your login code.',
      'Make your choices, then review your choices.',
      'Type your signing code: it signs your ballot on your device and is never sent to the server.',
      'Cast the ballot. Keep the receipt, and check your vote on a second device with the QR code the voting page shows.',
      'If you wish, audit the ballot instead of casting it: an audited ballot is thrown away and never cast; you then make a fresh one.',
      'You may vote again until the voting period ends: only your last electronic vote counts.',
    ],
    paperHeading: 'Voting on paper',
    paper:
      'Instead, you may vote on paper at your polling station on election day. A vote on paper cancels your electronic vote, whatever the order.',
    secret: 'Show this letter to no one, and keep it until the results are published.',
    reissued:
      'This letter replaces your earlier letter, which no longer works. A vote cast with the earlier letter does not count: vote again with this one.',
    markHelp:
      'The second device shows this signature mark for every ballot signed with your signing code. If it shows another mark, the ballot is not yours: tell the election commission.',
  },
};

/** The fingerprint in groups of 8 hex digits, easier to compare by eye. */
export function groupedFingerprint(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}

/** A login code in groups of four: XXXX-XXXX-XXXX. */
export function formatLoginCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The language a voter's letter is written in. */
export function letterLanguage(letter: Letter, options: Pick<LetterOptions, 'language'>): Language {
  return letter.language ?? options.language ?? (LANGUAGES[0] as Language);
}

/** A letter's content in `language` (by default the voter's). */
export function letterContent(
  definition: ElectionDefinition,
  letter: Letter,
  options: LetterOptions,
  language: Language = letterLanguage(letter, options),
): LetterContent {
  const p = PHRASES[language];
  const L = (id: TermId) => label(id, language);
  const district = definition.districts.find((d) => d.id === letter.district);
  const period = formatVotingPeriod(definition, language);
  return {
    language,
    heading: p.heading,
    title: definition.title[language],
    period: `${L('votingPeriod')}: ${period.opens} – ${period.closes}`,
    recipient: { name: letter.name || letter.voterId, address: letter.address ?? '' },
    fields: {
      voter: { label: p.voter, value: letter.name || letter.voterId },
      voterId: { label: L('voterId'), value: letter.voterId, code: true },
      district: { label: L('district'), value: district ? district.name[language] : letter.district },
      loginCode: { label: L('loginCode'), value: formatLoginCode(letter.loginCode), code: true },
      signingCode: { label: L('signingCode'), value: formatCredentialCode(letter.credentialCode), code: true },
      signatureMark: { label: L('signatureMark'), value: shortCredential(letter.credentialHex) },
      votingAddress: { label: L('votingAddress'), value: options.votingUrl },
      fingerprint: { label: L('electionFingerprint'), value: groupedFingerprint(options.fingerprint) },
    },
    signatureMarkHelp: p.markHelp,
    stepsHeading: p.steps,
    // a replacement letter says first that the old letter's votes are void (spec §3.5.1)
    steps: options.reissued ? [p.reissued, ...p.step] : p.step,
    paperHeading: p.paperHeading,
    paper: p.paper,
    secret: p.secret,
    contactLabel: L('commission'),
    contact: options.contact ?? '',
  };
}

/** Every text of a letter's content, for the vocabulary tests. */
export function contentTexts(content: LetterContent): string[] {
  const { fields, recipient: _recipient, steps, language: _language, ...rest } = content;
  return [
    ...Object.values(rest).filter((v): v is string => typeof v === 'string'),
    ...Object.values(fields).map((f) => f.label),
    ...steps,
  ];
}
