// The words voters, clerks and auditors read, one wording per concept and language: the letters, the booth, the
// second-device page, the public page and the verifier's report take their terms from here, so that the code on the
// letter is called on screen exactly what the letter calls it (issue 15, "One vocabulary"; docs/glossary.md).
import type { Language } from '../definition/schema.ts';

/** One term in one language. */
export interface TermText {
  /** The wording, lower-case unless it is a proper noun or an abbreviation (label() capitalises it). */
  readonly name: string;
  /** Inflected or longer forms of the same wording that sentences use (Russian and Kazakh cases, possessives). */
  readonly forms?: readonly string[];
  /**
   * Synonyms that must not be used for this concept (lower-case substrings). A catalogue or a letter that contains
   * one, once every glossary wording is taken out of it, fails the vocabulary tests.
   */
  readonly banned?: readonly string[];
}

export interface TermEntry extends Readonly<Record<Language, TermText>> {
  /** What the term means, for docs/glossary.md. */
  readonly meaning: string;
}

function entries<K extends string>(table: Record<K, TermEntry>): Readonly<Record<K, TermEntry>> {
  return table;
}

export const GLOSSARY = entries({
  election: {
    meaning: 'the vote or referendum a definition describes',
    en: { name: 'election' },
    ru: { name: 'выборы', forms: ['выборов'] },
    kk: { name: 'сайлау', forms: ['сайлаудың', 'сайлауды'] },
  },
  electionFingerprint: {
    meaning: "the SHA-256 of the election's definition (spec §3.4), printed on the letter and shown on every page",
    en: { name: 'election fingerprint', banned: ['fingerprint of the election', 'election hash', 'election digest'] },
    ru: {
      name: 'цифровой отпечаток выборов',
      forms: ['цифровым отпечатком выборов', 'цифрового отпечатка выборов', 'цифровым отпечатком', 'цифровой отпечаток'],
      banned: ['отпечаток выборов', 'хеш выборов', 'отпечатка выборов', 'отпечатком выборов'],
    },
    kk: {
      name: 'сайлаудың цифрлық ізі',
      forms: ['цифрлық ізі', 'цифрлық ізіне', 'цифрлық ізін'],
      banned: ['саусақ ізі', 'сайлау хеші', 'сайлау ізі'],
    },
  },
  voterId: {
    meaning: "the voter's number in the register, printed on the letter; typed with the login code",
    en: { name: 'voter ID', banned: ['voter number', 'voter identifier'] },
    ru: { name: 'номер избирателя', banned: ['идентификатор избирателя', 'id избирателя'] },
    kk: { name: 'сайлаушы нөмірі', forms: ['сайлаушы нөмірін'], banned: ['сайлаушы идентификаторы'] },
  },
  loginCode: {
    meaning: 'the code on the letter that logs the voter in (authentication; spec §3.5)',
    en: { name: 'login code', banned: ['password', 'access code', 'pin code'] },
    ru: { name: 'код входа', forms: ['кода входа', 'кодом входа'], banned: ['пароль', 'код доступа', 'пин-код'] },
    kk: { name: 'кіру коды', forms: ['кіру кодын', 'кіру кодыңыз', 'кіру кодыңызды'], banned: ['құпиясөз', 'қол жеткізу коды'] },
  },
  signingCode: {
    meaning:
      "the 20-character credential code on the letter: typed in the booth, it signs the ballot on the voter's device and never leaves it (spec §2.8); the CLI calls it --credential",
    en: { name: 'signing code', banned: ['credential code', 'voting code', 'signature code'] },
    ru: {
      name: 'код подписи',
      forms: ['кода подписи', 'кодом подписи'],
      banned: ['код голосования', 'кода голосования', 'кодом голосования', 'код учётных данных'],
    },
    kk: {
      name: 'қолтаңба коды',
      forms: ['қолтаңба кодын', 'қолтаңба кодыңыз', 'қолтаңба кодымен'],
      banned: ['дауыс беру коды', 'дауыс беру кодын', 'дауыс беру кодымен'],
    },
  },
  signingKey: {
    meaning: "the secret key the signing code turns into on the voter's device",
    en: { name: 'signing key' },
    ru: { name: 'ключ подписи' },
    kk: { name: 'қолтаңба кілті' },
  },
  signatureMark: {
    meaning:
      "the short form of the credential's public key (first and last 8 hex digits, spec §3.6.6): printed on the letter and shown by the second device for every ballot signed with the voter's code",
    en: { name: 'signature mark', banned: ['credential mark', 'short credential', 'signed with the credential'] },
    ru: {
      name: 'знак подписи',
      forms: ['знаком подписи', 'знака подписи'],
      banned: ['метка подписи', 'подписан ключом', 'с этим ключом', 'с тем же ключом'],
    },
    kk: {
      name: 'қолтаңба белгісі',
      forms: ['қолтаңба белгісімен', 'қолтаңба белгісін'],
      banned: ['қолтаңба таңбасы', 'қол қойылған кілт', 'осы кілтпен', 'сол кілтпен'],
    },
  },
  ballot: {
    meaning: 'the encrypted, signed ballot',
    en: { name: 'ballot' },
    ru: { name: 'бюллетень', forms: ['бюллетеня', 'бюллетене', 'бюллетеней', 'бюллетенем'] },
    kk: { name: 'бюллетень', forms: ['бюллетеньді', 'бюллетеньнің', 'бюллетеніңіз', 'бюллетеньдер'] },
  },
  review: {
    meaning: "looking over one's choices before the ballot is encrypted: nothing is sent or checked by anyone else",
    en: {
      name: 'review your choices',
      forms: ['review my choices', 'review'],
      banned: ['check your choices', 'check my choices'],
    },
    ru: {
      name: 'просмотреть выбор',
      forms: ['просмотрите свой выбор', 'просмотреть'],
      banned: ['проверьте свой выбор', 'проверить выбор', 'сможете его проверить'],
    },
    kk: {
      name: 'таңдауды қарап шығу',
      forms: ['таңдауыңызды қарап шығыңыз', 'таңдауымды қарап шығу', 'қарап шығасыз'],
      banned: ['таңдауыңызды тексеріңіз', 'таңдауымды тексеру', 'оны тексеретін'],
    },
  },
  ballotAudit: {
    meaning:
      'the Benaloh challenge (spec §3.6.6): the device opens a sealed ballot to show it holds the choices made, and the ballot is thrown away, never cast. Its own word, never "check"',
    en: {
      name: 'ballot audit',
      forms: ['audit this ballot', 'audit', 'audited'],
      banned: ['spoil', 'challenge this ballot', 'check this ballot instead', 'or check it first'],
    },
    ru: {
      name: 'аудит бюллетеня',
      forms: ['провести аудит', 'аудит', 'аудита', 'прошедший аудит'],
      banned: ['проверка бюллетеня', 'проверить бюллетень', 'проверенный бюллетень', 'сначала проверьте', 'испортить'],
    },
    kk: {
      name: 'бюллетень аудиті',
      forms: ['аудит жасау', 'аудиті', 'аудит', 'аудиттен'],
      banned: ['бюллетеньді тексеру', 'тексерілген бюллетень', 'алдымен тексеріңіз', 'бүлдіру'],
    },
  },
  secondDeviceCheck: {
    meaning:
      'opening one\'s cast ballot on another phone or computer with the QR code, to see the choices in it and that it is on the board (spec §3.6.6). The one meaning of "check" for voters',
    en: { name: 'check on a second device', forms: ['check your vote', 'check a vote', 'check'] },
    ru: { name: 'проверка на втором устройстве', forms: ['проверить голос', 'проверка голоса', 'проверить', 'проверка'] },
    kk: { name: 'екінші құрылғыда тексеру', forms: ['дауысты тексеру', 'тексеру'] },
  },
  secondDevice: {
    meaning: 'the other phone or computer used for the check',
    en: { name: 'second device' },
    ru: { name: 'второе устройство', forms: ['втором устройстве', 'второго устройства', 'другом устройстве'] },
    kk: { name: 'екінші құрылғы', forms: ['екінші құрылғыда', 'екінші құрылғыға', 'басқа құрылғыда'] },
  },
  receipt: {
    meaning: "what the server returns for a cast ballot: the ballot's hash, its inclusion proof and a signed board state",
    en: { name: 'receipt', banned: ['voting slip', 'confirmation slip'] },
    ru: { name: 'квитанция', forms: ['квитанции', 'квитанцию'], banned: ['расписка', 'чек '] },
    kk: { name: 'түбіртек', forms: ['түбіртекті'], banned: ['квитанция'] },
  },
  trackingCode: {
    meaning: "the ballot's short hash, by which it is found on the public board",
    en: { name: 'tracking code', banned: ['ballot id', 'ballot number'] },
    ru: { name: 'код отслеживания', forms: ['коду отслеживания'], banned: ['идентификатор бюллетеня', 'номер бюллетеня'] },
    kk: { name: 'бақылау коды', forms: ['бақылау коды бойынша'], banned: ['қадағалау коды', 'бюллетень нөмірі'] },
  },
  eVote: {
    meaning: 'a vote cast online',
    en: { name: 'electronic vote', forms: ['electronically'], banned: ['e-vote', 'online vote', 'internet vote'] },
    ru: { name: 'электронный голос', forms: ['электронного голоса', 'электронно'], banned: ['интернет-голос'] },
    kk: { name: 'электрондық дауыс', forms: ['электрондық дауысыңыз', 'электрондық дауысыңызды'], banned: ['интернет-дауыс'] },
  },
  revote: {
    meaning: 'voting again online before the close; only the last electronic vote counts (spec §6.2)',
    en: { name: 'vote again', banned: ['revote', 're-vote', 'change your vote online'] },
    ru: {
      name: 'проголосовать ещё раз',
      forms: ['голосовать ещё раз'],
      banned: ['переголосовать', 'переголосование', 'повторное голосование'],
    },
    kk: { name: 'қайта дауыс беру', forms: ['қайта дауыс бере аласыз', 'қайта дауыс беруге'], banned: ['қайтадан дауыс'] },
  },
  paperCancels: {
    meaning: "a vote on paper at a polling station cancels the voter's electronic vote, whatever the order (spec §6.2)",
    en: {
      name: 'a vote on paper cancels your electronic vote',
      forms: ['vote on paper'],
      banned: ['paper ballot overrides', 'annul'],
    },
    ru: {
      name: 'голос на бумаге отменяет ваш электронный голос',
      forms: ['голос на бумаге', 'на бумаге', 'отменён', 'отменяет'],
      banned: ['аннулир', 'бумажным бюллетенем'],
    },
    kk: {
      name: 'қағаз бюллетеньмен берілген дауыс электрондық дауысыңызды жояды',
      forms: ['қағаз бюллетеньмен', 'қағазбен', 'жойылады', 'жояды'],
      banned: ['күшін жояды'],
    },
  },
  pollingStation: {
    meaning: 'where voters vote on paper',
    en: { name: 'polling station' },
    ru: { name: 'избирательный участок', forms: ['избирательном участке'] },
    kk: { name: 'сайлау учаскесі', forms: ['сайлау учаскесінде'] },
  },
  board: {
    meaning: 'the append-only public log of every event of the election (spec §5)',
    en: { name: 'public board', forms: ['board'], banned: ['bulletin board', 'ledger', 'blockchain'] },
    ru: {
      name: 'публичная доска',
      forms: ['публичной доске', 'публичной доски', 'доски', 'доске', 'доска'],
      banned: ['реестр', 'блокчейн'],
    },
    kk: {
      name: 'ашық тақта',
      forms: ['ашық тақтада', 'ашық тақта бойынша', 'тақтаның', 'тақтадағы', 'тақта'],
      banned: ['жария тақта', 'блокчейн'],
    },
  },
  treeHead: {
    meaning: "the board's state signed with the board key (a signed Merkle tree head, spec §5.5)",
    en: { name: 'signed board state', forms: ['signed state of the board'], banned: ['tree head', 'signed head'] },
    ru: { name: 'подписанное состояние доски', forms: ['состояние доски'], banned: ['голова дерева'] },
    kk: { name: 'тақтаның қол қойылған күйі', forms: ['тақтаның күйі', 'тақтаның күйіне'], banned: ['ағаш басы'] },
  },
  boardKey: {
    meaning: 'the key the server signs board states with; its public half is in the definition',
    en: { name: "election's board key", forms: ['board key'] },
    ru: { name: 'ключ доски выборов', forms: ['ключом доски выборов', 'ключом доски'] },
    kk: { name: 'сайлаудың тақта кілті', forms: ['тақта кілтімен', 'тақта кілті'], banned: ['сайлау тақтасының кілтімен'] },
  },
  electionRecord: {
    meaning: 'the board and its final signed state, exported as files anyone can verify (spec §7)',
    en: { name: 'election record' },
    ru: { name: 'архив выборов', banned: ['протокол выборов'] },
    kk: { name: 'сайлау мұрағаты', forms: ['сайлау мұрағатын'], banned: ['сайлау жазбасы', 'сайлау жазбасын'] },
  },
  resultsProtocol: {
    meaning: "the commission's signed document of the results (протокол)",
    en: { name: 'results protocol' },
    ru: { name: 'протокол об итогах голосования' },
    kk: { name: 'дауыс беру қорытындысының хаттамасы' },
  },
  paperResults: {
    meaning:
      'the paper votes per district as the commission enters them from the precinct protocols and its members sign (spec §4.4.3); shown beside the electronic votes and added to them',
    en: { name: 'paper results', forms: ['paper votes'] },
    ru: { name: 'результаты голосования на бумаге', forms: ['голоса на бумаге', 'голосов на бумаге'] },
    kk: { name: 'қағазбен дауыс беру нәтижелері', forms: ['қағазбен берілген дауыстар', 'қағазбен берілген дауыстары'] },
  },
  attested: {
    meaning:
      'what the commission vouches for by its members’ signatures and the system cannot recount (the paper results); the opposite of what anyone verifies from the record',
    en: { name: 'attested by the commission, not verifiable by the system', forms: ['attested by the commission'] },
    ru: { name: 'заверено комиссией, системой не проверяется', forms: ['заверено комиссией'] },
    kk: { name: 'комиссия куәландырған, жүйе тексере алмайды', forms: ['комиссия куәландырған'] },
  },
  practice: {
    meaning:
      'a practice election (spec §3.3, `practice: true`): the real booth on a test ballot so voters can try it; none of its votes count',
    en: {
      name: 'practice — this vote does not count',
      forms: ['practice election', 'practice'],
      banned: ['mock election', 'dummy election'],
    },
    ru: { name: 'пробное голосование — этот голос не учитывается', forms: ['пробное голосование', 'пробные выборы'] },
    kk: { name: 'сынақ дауыс беру — бұл дауыс есептелмейді', forms: ['сынақ дауыс беру', 'сынақ сайлау'] },
  },
  trustee: {
    meaning: 'a holder of a share of the election key; any threshold of them decrypt the totals, fewer learn nothing',
    en: { name: 'trustee', banned: ['guardian', 'key holder'] },
    ru: { name: 'хранитель ключа', forms: ['хранители ключа', 'хранителей ключа'], banned: ['доверенное лицо', 'попечител'] },
    kk: { name: 'кілт сақтаушы', forms: ['кілт сақтаушылар'], banned: ['қамқоршы', 'сенім білдірілген'] },
  },
  commission: {
    meaning: 'the election commission that runs the election and answers voters',
    en: { name: 'election commission', forms: ['commission'], banned: ['electoral board', 'election office'] },
    ru: {
      name: 'избирательная комиссия',
      forms: ['избирательную комиссию', 'избирательной комиссии', 'комиссию', 'комиссия', 'комиссии'],
      banned: ['избирком', 'цик '],
    },
    kk: { name: 'сайлау комиссиясы', forms: ['сайлау комиссиясына', 'комиссияға', 'комиссиясы'], banned: ['сайлауком'] },
  },
  district: {
    meaning: 'a part of the electorate with its own ballot style and register count',
    en: { name: 'district', banned: ['constituency', 'precinct'] },
    ru: { name: 'район', forms: ['районе', 'районах', 'районам', 'районов', 'районы'], banned: ['округ'] },
    kk: { name: 'аудан', forms: ['аудандар', 'ауданда', 'аудандары'], banned: ['округ'] },
  },
  register: {
    meaning: 'the frozen list of voters; its size per district is the quorum denominator',
    en: { name: 'voter register', forms: ['registered voters', 'registered'] },
    ru: {
      name: 'список избирателей',
      forms: ['зарегистрированных избирателей', 'зарегистрировано избирателей', 'зарегистрированные избиратели'],
    },
    kk: { name: 'сайлаушылар тізімі', forms: ['тіркелген сайлаушылар', 'тіркелген сайлаушылардың'] },
  },
  turnout: {
    meaning: 'the share of registered voters who voted',
    en: { name: 'turnout', banned: ['participation rate'] },
    ru: { name: 'явка', forms: ['явки'], banned: ['процент участия'] },
    kk: { name: 'қатысу', forms: ['қатысуы'], banned: ['келушілік', 'белсенділік'] },
  },
  votingPeriod: {
    meaning: "when ballots are accepted (spec §4.5), shown in the election's own time zone",
    en: { name: 'voting period' },
    ru: { name: 'время голосования', banned: ['срок голосования'] },
    kk: { name: 'дауыс беру уақыты' },
  },
  votingAddress: {
    meaning: 'the web address of the booth, printed on the letter with a QR code',
    en: { name: 'voting address', banned: ['where to vote'] },
    ru: { name: 'адрес для голосования' },
    kk: { name: 'дауыс беру мекенжайы', forms: ['мекенжайды'] },
  },
  letter: {
    meaning: 'the sealed letter each voter receives with the codes',
    en: { name: 'letter' },
    ru: { name: 'письмо', forms: ['письма', 'письме', 'письмом'] },
    kk: { name: 'хат', forms: ['хатыңыздағы', 'хатыңызбен', 'хатыңызда', 'хатты'] },
  },
});

export type TermId = keyof typeof GLOSSARY;
export const TERM_IDS = Object.keys(GLOSSARY) as TermId[];
