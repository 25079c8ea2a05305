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
