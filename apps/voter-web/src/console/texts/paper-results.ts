// The paper results panel's texts (steps/voting/paper-results.ts) in kk, ru and en; glossary terms from the protocol:
// "paper results", "attested by the commission, not verifiable by the system".
import { type Language, label, type TermId, term } from '@saylau/protocol';

const list = (xs: readonly string[]): string => xs.join(', ');

const en = (() => {
  const T = (id: TermId) => label(id, 'en');
  const w = (id: TermId) => term(id, 'en');
  return {
    title: T('paperResults'),
    intro: `After close, the ${w('commission')} enters the figures of the polling station protocols: per district the paper ballots issued, cast and invalid and the marks for each option, from a CSV file (district,ballots_issued,ballots_cast,invalid and one column per question and option, e.g. parks.yes) — the file "saylau results paper" reads.`,
    attested: `The ${w('paperResults')} are ${w('attested')}: its members' signatures vouch for the figures; the system only checks that they are consistent.`,
    basis: (basis: string) =>
      `This election judges validity on "${basis}": the totals cannot be decrypted until the ${w('paperResults')} are on the ${w('board')}.`,
    fileLabel: 'Paper results file (CSV or JSON)',
    unreadable: (message: string) => `The file cannot be read: ${message}`,
    read: (n: number) => `Read the figures of ${n} district(s).`,
    malformed: (n: number) => `${n} problem(s) in the file: correct them and pick the file again. Nothing was sent.`,
    problems: (n: number) => `${n} problem(s) in the figures, as the server would refuse them. Nothing was sent.`,
    atLine: (line: number, message: string) => `line ${line}: ${message}`,
    atPath: (path: string, message: string) => `${path}: ${message}`,
    colFigure: 'Figure',
    colCount: 'Count',
    issued: 'Paper ballots issued',
    cast: 'Paper ballots cast',
    invalid: 'Invalid',
    valid: 'Valid paper ballots',
    send: 'Send the paper results',
    sendNeedsFile: 'Pick the paper results file first.',
    sendMalformed: 'The file has problems: correct them first.',
    sendProblems: 'The figures break the rules listed above: correct them first.',
    sendPublished: `The ${w('paperResults')} are on the ${w('board')} already: they cannot be replaced.`,
    sent: (districts: number, ballots: number, t: number) =>
      `Sent: the ${w('paperResults')} of ${districts} district(s), ${ballots} paper ballots cast, wait for ${t} member signature(s).`,
    noneYet: `No ${w('paperResults')} are waiting for signatures yet.`,
    pending: `The ${w('paperResults')} waiting for the members' signatures:`,
    signIntro:
      'Compare every figure with the polling station protocols on paper before signing: your signature attests them. A new file sent before the last signature replaces them and its signatures.',
    signers: (n: number, t: number, who: readonly string[]) =>
      `Signed by ${n} of the ${t} needed${who.length > 0 ? `: ${list(who)}` : ''}.`,
    sign: 'Sign with my key',
    signNotMember: `Your key is not one of the definition's ${w('commission')} members' keys.`,
    signAlready: 'You have signed already.',
    signed: (n: number, t: number, published: boolean) =>
      published
        ? `Signed: with ${n} of ${t} signatures the ${w('paperResults')} are now on the ${w('board')}.`
        : `Signed: ${n} of ${t} so far.`,
    notSent: `The server asks you to sign ${w('paperResults')} other than those sent from this console. Do not sign; tell the ${w('commission')} and the observers.`,
    inconsistent: (why: string) =>
      `The server asks you to sign ${w('paperResults')} that cannot be true (${why}). Do not sign; tell the ${w('commission')} and the observers.`,
    published: (who: readonly string[]) =>
      `The ${w('paperResults')} are on the ${w('board')}, ${w('attested')} (signed by ${list(who)}).`,
    badSignatures: `The ${w('paperResults')} on the ${w('board')} do not carry valid signatures of the ${w('commission')}'s threshold: tell the observers.`,
  };
})();

export type PaperResultsTexts = typeof en;

const ru: PaperResultsTexts = (() => {
  const T = (id: TermId) => label(id, 'ru');
  const w = (id: TermId) => term(id, 'ru');
  return {
    title: T('paperResults'),
    intro: `После закрытия ${w('commission')} вносит цифры протоколов участков: по каждому району выданные, опущенные и недействительные бумажные бюллетени и отметки за каждый вариант — из CSV-файла (district,ballots_issued,ballots_cast,invalid и по столбцу на вопрос и вариант, например parks.yes), того же, что читает «saylau results paper».`,
    attested: `${T('paperResults')}: ${w('attested')}. За цифры ручаются подписи её членов; система проверяет только их согласованность.`,
    basis: (basis) =>
      `В этом голосовании действительность определяется по «${basis}»: итоги нельзя расшифровать, пока ${w('paperResults')} не на ${w('board')}.`,
    fileLabel: 'Файл результатов на бумаге (CSV или JSON)',
    unreadable: (message) => `Файл не читается: ${message}`,
    read: (n) => `Прочитаны цифры районов: ${n}.`,
    malformed: (n) => `Ошибок в файле: ${n}. Исправьте их и выберите файл снова. Ничего не отправлено.`,
    problems: (n) => `Ошибок в цифрах: ${n} — сервер их отклонит. Ничего не отправлено.`,
    atLine: (line, message) => `строка ${line}: ${message}`,
    atPath: (path, message) => `${path}: ${message}`,
    colFigure: 'Показатель',
    colCount: 'Число',
    issued: 'Выдано бумажных бюллетеней',
    cast: 'Опущено бумажных бюллетеней',
    invalid: 'Недействительных',
    valid: 'Действительных бумажных бюллетеней',
    send: 'Отправить результаты на бумаге',
    sendNeedsFile: 'Сначала выберите файл результатов на бумаге.',
    sendMalformed: 'В файле ошибки: сначала исправьте их.',
    sendProblems: 'Цифры нарушают правила, перечисленные выше: сначала исправьте их.',
    sendPublished: `${T('paperResults')} уже на ${w('board')}: заменить их нельзя.`,
    sent: (districts, ballots, t) =>
      `Отправлено: ${w('paperResults')} по районам (${districts}), опущено бумажных бюллетеней: ${ballots}; нужно подписей членов: ${t}.`,
    noneYet: `Пока нет результатов на бумаге, ожидающих подписей.`,
    pending: `${T('paperResults')}, ожидающие подписей членов:`,
    signIntro:
      'Перед подписью сверьте каждую цифру с бумажными протоколами участков: ваша подпись их заверяет. Новый файл, отправленный до последней подписи, заменяет их вместе с подписями.',
    signers: (n, t, who) => `Подписали ${n} из ${t} нужных${who.length > 0 ? `: ${list(who)}` : ''}.`,
    sign: 'Подписать своим ключом',
    signNotMember: `Ваш ключ не входит в ключи членов: ${w('commission')} в определении.`,
    signAlready: 'Вы уже подписали.',
    signed: (n, t, published) =>
      published
        ? `Подписано: с ${n} из ${t} подписей ${w('paperResults')} теперь на ${w('board')}.`
        : `Подписано: пока ${n} из ${t}.`,
    notSent: `Сервер просит подписать не те результаты на бумаге, что были отправлены из этой консоли. Не подписывайте; сообщите комиссии и наблюдателям.`,
    inconsistent: (why) =>
      `Сервер просит подписать результаты на бумаге, которые не могут быть верными (${why}). Не подписывайте; сообщите комиссии и наблюдателям.`,
    published: (who) => `${T('paperResults')} на ${w('board')}: ${w('attested')} (подписали ${list(who)}).`,
    badSignatures: `${T('paperResults')} на ${w('board')} не несут действительных подписей нужного числа членов комиссии: сообщите наблюдателям.`,
  };
})();

const kk: PaperResultsTexts = (() => {
  const T = (id: TermId) => label(id, 'kk');
  const w = (id: TermId) => term(id, 'kk');
  return {
    title: T('paperResults'),
    intro: `Дауыс беру жабылғаннан кейін ${w('commission')} учаскелік хаттамалардың сандарын енгізеді: әр аудан бойынша берілген, салынған және жарамсыз қағаз бюллетеньдер мен әр нұсқаға қойылған белгілер — CSV файлынан (district,ballots_issued,ballots_cast,invalid және әр сұрақ пен нұсқаға бір баған, мысалы parks.yes), «saylau results paper» оқитын файл.`,
    attested: `${T('paperResults')}: ${w('attested')}. Сандарға мүшелердің қолтаңбалары кепіл; жүйе тек олардың үйлесімділігін тексереді.`,
    basis: (basis) =>
      `Бұл сайлауда жарамдылық «${basis}» бойынша анықталады: ${w('paperResults')} ${w('board')} бетіне шықпайынша, қорытындыларды шифрдан шығару мүмкін емес.`,
    fileLabel: 'Қағазбен дауыс беру нәтижелерінің файлы (CSV немесе JSON)',
    unreadable: (message) => `Файл оқылмайды: ${message}`,
    read: (n) => `Оқылған аудандар саны: ${n}.`,
    malformed: (n) => `Файлда ${n} қате бар: оларды түзетіп, файлды қайта таңдаңыз. Ештеңе жіберілген жоқ.`,
    problems: (n) => `Сандарда ${n} қате бар — сервер оларды қабылдамайды. Ештеңе жіберілген жоқ.`,
    atLine: (line, message) => `${line}-жол: ${message}`,
    atPath: (path, message) => `${path}: ${message}`,
    colFigure: 'Көрсеткіш',
    colCount: 'Саны',
    issued: 'Берілген қағаз бюллетеньдер',
    cast: 'Салынған қағаз бюллетеньдер',
    invalid: 'Жарамсыз',
    valid: 'Жарамды қағаз бюллетеньдер',
    send: 'Қағазбен дауыс беру нәтижелерін жіберу',
    sendNeedsFile: 'Алдымен нәтижелер файлын таңдаңыз.',
    sendMalformed: 'Файлда қателер бар: алдымен оларды түзетіңіз.',
    sendProblems: 'Сандар жоғарыда көрсетілген ережелерді бұзады: алдымен оларды түзетіңіз.',
    sendPublished: `${T('paperResults')} ${w('board')} бетінде бар: оларды ауыстыру мүмкін емес.`,
    sent: (districts, ballots, t) =>
      `Жіберілді: ${districts} ауданның ${w('paperResults')}, ${ballots} қағаз бюллетень салынған; ${t} мүшенің қолтаңбасы керек.`,
    noneYet: 'Қолтаңба күтіп тұрған қағазбен дауыс беру нәтижелері әзірге жоқ.',
    pending: `Мүшелердің қолтаңбасын күтіп тұрған ${w('paperResults')}:`,
    signIntro:
      'Қол қоймас бұрын әр санды учаскелердің қағаз хаттамаларымен салыстырыңыз: сіздің қолтаңбаңыз оларды куәландырады. Соңғы қолтаңбаға дейін жіберілген жаңа файл оларды қолтаңбаларымен бірге ауыстырады.',
    signers: (n, t, who) => `Қажетті ${t} мүшенің ${n}-і қол қойды${who.length > 0 ? `: ${list(who)}` : ''}.`,
    sign: 'Өз кілтіммен қол қою',
    signNotMember: `Сіздің кілтіңіз анықтамадағы ${w('commission')} мүшелерінің кілттерінің арасында жоқ.`,
    signAlready: 'Сіз қол қойып қойдыңыз.',
    signed: (n, t, published) =>
      published
        ? `Қол қойылды: ${t} қолтаңбаның ${n}-імен ${w('paperResults')} енді ${w('board')} бетінде.`
        : `Қол қойылды: әзірге ${t}-ден ${n}.`,
    notSent:
      'Сервер осы консольден жіберілген нәтижелерден басқа қағазбен дауыс беру нәтижелеріне қол қоюды сұрайды. Қол қоймаңыз; комиссия мен бақылаушыларға хабарлаңыз.',
    inconsistent: (why) =>
      `Сервер шын болуы мүмкін емес қағазбен дауыс беру нәтижелеріне қол қоюды сұрайды (${why}). Қол қоймаңыз; комиссия мен бақылаушыларға хабарлаңыз.`,
    published: (who) => `${T('paperResults')} ${w('board')} бетінде: ${w('attested')} (қол қойғандар: ${list(who)}).`,
    badSignatures: `${w('board')} бетіндегі ${w('paperResults')} комиссия мүшелерінің жеткілікті жарамды қолтаңбаларынсыз: бақылаушыларға хабарлаңыз.`,
  };
})();

export const PAPER_RESULTS_TEXTS: Readonly<Record<Language, PaperResultsTexts>> = { kk, ru, en };
