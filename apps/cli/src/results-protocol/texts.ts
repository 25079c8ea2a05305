// The results protocol's printed words in kk, ru and en. Terms come from the glossary (packages/protocol glossary);
// the validity sentences use the public page's wording of each rule (apps/voter-web i18n: ruleTurnoutQuorum, …) with
// the verdict's figures; in English they are the tools' own sentence (verdictText).
import {
  type ElectionDefinition,
  type Language,
  label,
  type ResultsProtocol,
  shareText,
  term,
  type ValidityRule,
  verdictText,
} from '@saylau/protocol';

export interface ProtocolTexts {
  readonly heading: string;
  readonly electionId: string;
  readonly votingPeriod: string;
  readonly register: string;
  readonly total: string;
  readonly eVoting: string;
  readonly eVoters: string;
  readonly ballots: string;
  readonly counted: string;
  readonly superseded: string;
  readonly cancelled: string;
  readonly revoked: string;
  readonly resultsOverall: string;
  readonly resultsDistrict: (name: string) => string;
  readonly ballotsOfQuestion: (ballots: number, registered: number) => string;
  readonly option: string;
  readonly votes: string;
  readonly share: string;
  readonly validity: string;
  readonly valid: string;
  readonly invalid: string;
  readonly met: string;
  readonly notMet: string;
  readonly record: string;
  readonly fingerprint: string;
  readonly finalHead: (treeSize: number) => string;
  readonly recordUrl: string;
  readonly signatures: string;
  readonly signatureLine: string;
  readonly electronicSignatures: (n: number) => string;
  /** The paper results' heading, and the words saying they are attested, not verified. */
  readonly paperVoting: string;
  readonly attestedBy: (members: string) => string;
  readonly ballotsIssued: string;
  readonly ballotsCast: string;
  readonly invalidBallots: string;
  readonly eVotes: string;
  readonly paperVotes: string;
  readonly combined: string;
  /** On which votes the verdicts were judged. */
  readonly basis: Readonly<Record<'e-votes' | 'paper' | 'both', string>>;
  readonly practice: string;
}

export const PROTOCOL_TEXTS: Readonly<Record<Language, ProtocolTexts>> = {
  kk: {
    heading: label('resultsProtocol', 'kk'),
    electionId: 'Сайлау идентификаторы',
    votingPeriod: label('votingPeriod', 'kk'),
    register: label('register', 'kk'),
    total: 'Барлығы',
    eVoting: 'Электрондық дауыс беру',
    eVoters: 'Электрондық дауыс берген сайлаушылар',
    ballots: 'Тақтадағы бюллетеньдер',
    counted: 'Есептелген бюллетеньдер',
    superseded: 'Қайта дауыс беру арқылы ауыстырылғандар',
    cancelled: 'Қағаз бюллетеньмен жойылғандар',
    revoked: 'Хаты қайта берілгендіктен жойылғандар',
    resultsOverall: 'Нәтижелер: барлық аудандар',
    resultsDistrict: (name) => `Нәтижелер: ${name}`,
    ballotsOfQuestion: (n, r) => `Есептелген бюллетеньдер: ${n}; тіркелген сайлаушылар: ${r}.`,
    option: 'Жауап',
    votes: 'Дауыстар',
    share: 'Үлесі',
    validity: 'Жарамдылық',
    valid: 'Нәтиже жарамды.',
    invalid: 'Нәтиже жарамсыз.',
    met: 'орындалды',
    notMet: 'орындалмады',
    record: label('electionRecord', 'kk'),
    fingerprint: label('electionFingerprint', 'kk'),
    finalHead: (n) => `${label('treeHead', 'kk')} (${n} оқиға)`,
    recordUrl: 'Мұрағаттың мекенжайы',
    signatures: `${label('commission', 'kk')} мүшелерінің қолдары`,
    signatureLine: 'қолы',
    electronicSignatures: (n) => `Бұл хаттаманың JSON нұсқасына мүшелердің ${n} электрондық қолы қойылған.`,
    paperVoting: `${label('paperResults', 'kk')} (${term('attested', 'kk')})`,
    attestedBy: (m) => `Комиссия мүшелері қол қойған: ${m}.`,
    ballotsIssued: 'Берілген қағаз бюллетеньдер',
    ballotsCast: 'Жәшіктен табылған қағаз бюллетеньдер',
    invalidBallots: 'Жарамсыз қағаз бюллетеньдер',
    eVotes: 'Электрондық',
    paperVotes: 'Қағаз',
    combined: 'Барлығы',
    basis: {
      'e-votes': 'Жарамдылық электрондық дауыстар бойынша бағаланды.',
      paper: `Жарамдылық қағазбен берілген дауыстар бойынша бағаланды (${term('attested', 'kk')}).`,
      both: `Жарамдылық электрондық және қағазбен берілген дауыстардың жиынтығы бойынша бағаланды (қағаз: ${term('attested', 'kk')}).`,
    },
    practice: label('practice', 'kk').toLocaleUpperCase('kk'),
  },
  ru: {
    heading: label('resultsProtocol', 'ru'),
    electionId: 'Идентификатор выборов',
    votingPeriod: label('votingPeriod', 'ru'),
    register: label('register', 'ru'),
    total: 'Всего',
    eVoting: 'Электронное голосование',
    eVoters: 'Избиратели, проголосовавшие электронно',
    ballots: 'Бюллетеней на доске',
    counted: 'Учтено бюллетеней',
    superseded: 'Заменены повторным голосованием',
    cancelled: 'Отменены голосованием на бумаге',
    revoked: 'Отменены из-за перевыпуска письма',
    resultsOverall: 'Результаты: все районы',
    resultsDistrict: (name) => `Результаты: ${name}`,
    ballotsOfQuestion: (n, r) => `Учтено бюллетеней: ${n}; зарегистрировано избирателей: ${r}.`,
    option: 'Ответ',
    votes: 'Голоса',
    share: 'Доля',
    validity: 'Действительность',
    valid: 'Результат действителен.',
    invalid: 'Результат недействителен.',
    met: 'выполнено',
    notMet: 'не выполнено',
    record: label('electionRecord', 'ru'),
    fingerprint: label('electionFingerprint', 'ru'),
    finalHead: (n) => `${label('treeHead', 'ru')} (${n} событий)`,
    recordUrl: 'Адрес архива',
    signatures: `Подписи членов комиссии (${term('commission', 'ru')})`,
    signatureLine: 'подпись',
    electronicSignatures: (n) => `JSON-версия этого протокола подписана электронными подписями членов: ${n}.`,
    paperVoting: `${label('paperResults', 'ru')} (${term('attested', 'ru')})`,
    attestedBy: (m) => `Подписали члены комиссии: ${m}.`,
    ballotsIssued: 'Выдано бумажных бюллетеней',
    ballotsCast: 'Обнаружено бумажных бюллетеней в ящиках',
    invalidBallots: 'Недействительных бумажных бюллетеней',
    eVotes: 'Электронно',
    paperVotes: 'На бумаге',
    combined: 'Всего',
    basis: {
      'e-votes': 'Действительность определена по электронным голосам.',
      paper: `Действительность определена по голосам на бумаге (${term('attested', 'ru')}).`,
      both: `Действительность определена по сумме электронных голосов и голосов на бумаге (голоса на бумаге: ${term('attested', 'ru')}).`,
    },
    practice: label('practice', 'ru').toLocaleUpperCase('ru'),
  },
  en: {
    heading: label('resultsProtocol', 'en'),
    electionId: 'Election id',
    votingPeriod: label('votingPeriod', 'en'),
    register: label('register', 'en'),
    total: 'Total',
    eVoting: 'Electronic voting',
    eVoters: 'Voters who voted electronically',
    ballots: 'Ballots on the board',
    counted: 'Ballots counted',
    superseded: 'Replaced by voting again',
    cancelled: 'Cancelled by a vote on paper',
    revoked: 'Dropped: the letter was re-issued',
    resultsOverall: 'Results: all districts',
    resultsDistrict: (name) => `Results: ${name}`,
    ballotsOfQuestion: (n, r) => `Ballots counted: ${n}; registered voters: ${r}.`,
    option: 'Answer',
    votes: 'Votes',
    share: 'Share',
    validity: 'Validity',
    valid: 'The result is valid.',
    invalid: 'The result is not valid.',
    met: 'met',
    notMet: 'not met',
    record: label('electionRecord', 'en'),
    fingerprint: label('electionFingerprint', 'en'),
    finalHead: (n) => `${label('treeHead', 'en')} (${n} events)`,
    recordUrl: 'Where the record is published',
    signatures: `Signatures of the ${term('commission', 'en')}'s members`,
    signatureLine: 'signature',
    electronicSignatures: (n) => `The JSON form of this protocol carries ${n} member signature(s).`,
    paperVoting: `${label('paperResults', 'en')} (${term('attested', 'en')})`,
    attestedBy: (m) => `Signed by the commission members ${m}.`,
    ballotsIssued: 'Paper ballots issued',
    ballotsCast: 'Paper ballots found in the boxes',
    invalidBallots: 'Invalid paper ballots',
    eVotes: 'Electronic',
    paperVotes: 'Paper',
    combined: 'Combined',
    basis: {
      'e-votes': 'Validity judged on the electronic votes.',
      paper: `Validity judged on the paper votes (${term('attested', 'en')}).`,
      both: `Validity judged on the electronic and paper votes together (paper votes ${term('attested', 'en')}).`,
    },
    practice: label('practice', 'en').toUpperCase(),
  },
};

const percentOf = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/**
 * One rule's verdict in words with its figures. kk and ru: the public page's rule sentence, met or not, then the
 * figures as "part / whole = share"; en: the tools' English sentence (verdictText).
 */
export function verdictSentence(
  definition: ElectionDefinition,
  question: string,
  rule: ValidityRule | undefined,
  verdict: ResultsProtocol['validity'][number]['rules'][number],
  language: Language,
): string {
  const t = PROTOCOL_TEXTS[language];
  const outcome = verdict.passed ? t.met : t.notMet;
  if (language === 'en') return `${verdictText(definition, question, language, rule, verdict.kind, verdict.figures)}: ${outcome}`;
  const f = (k: string) => verdict.figures[k] ?? 0;
  const option = (id: string) =>
    definition.questions.find((q) => q.id === question)?.options.find((o) => o.id === id)?.label[language] ?? id;
  const kk = language === 'kk';
  switch (rule?.kind) {
    case 'turnout-quorum': {
      const p = percentOf(f('basisPoints'));
      const text = kk
        ? `Қатысу тіркелген сайлаушылардың кемінде ${p} құрайды`
        : `Явка не меньше ${p} зарегистрированных избирателей`;
      return `${text}: ${outcome} (${f('ballots')} / ${f('registered')} = ${shareText(f('ballots'), f('registered'))})`;
    }
    case 'approval-quorum': {
      const p = percentOf(f('basisPoints'));
      const text = kk
        ? `«${option(rule.option)}» нұсқасын тіркелген сайлаушылардың кемінде ${p} таңдады`
        : `«${option(rule.option)}» выбрали не меньше ${p} зарегистрированных избирателей`;
      return `${text}: ${outcome} (${f('count')} / ${f('registered')} = ${shareText(f('count'), f('registered'))})`;
    }
    case 'majority': {
      const two = rule.threshold === 'two-thirds';
      const text = kk
        ? `«${option(rule.option)}» бос емес жауаптардың ${two ? 'кемінде үштен екісін' : 'жартысынан көбін'} алды`
        : `За «${option(rule.option)}» ${two ? 'не меньше двух третей' : 'больше половины'} непустых ответов`;
      return `${text}: ${outcome} (${f('count')} / ${f('base')} = ${shareText(f('count'), f('base'))})`;
    }
    case 'district-quorum': {
      const each = Object.entries(verdict.figures)
        .filter(([k]) => k.startsWith('district:'))
        .map(([k, v]) => {
          const id = k.slice('district:'.length);
          const name = definition.districts.find((d) => d.id === id)?.name[language] ?? id;
          return `${name} — ${v ? t.met : t.notMet}`;
        });
      const text = kk
        ? `Қалған шарттар кемінде ${f('minDistricts')} ауданда орындалды`
        : `Остальные условия выполнены не меньше чем в ${f('minDistricts')} районах`;
      return `${text}: ${outcome} (${f('passing')} / ${f('districts')}: ${each.join(', ')})`;
    }
    default:
      return `${verdict.kind}: ${outcome} (${Object.entries(verdict.figures)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`;
  }
}
