// The after-close step's texts (steps/after-close.ts and steps/after-close/) in kk, ru and en; glossary terms from
// the protocol.
import { label, type TermId, term } from '@saylau/protocol';

const list = (xs: readonly number[]): string => xs.join(', ');

const en = (() => {
  const T = (id: TermId) => label(id, 'en');
  const w = (id: TermId) => term(id, 'en');
  return {
    title: 'After close',
    unavailable: 'This step comes after voting is closed.',
    process: 'Process the votes',
    processIntro: `Processing keeps each voter's last ${w('eVote')}, leaves out those cancelled by a vote on paper, and adds up the encrypted ballots per question and ${w('district')}. Nothing is decrypted.`,
    processWrongState: 'The votes are processed once, after close.',
    processPaperPending: `A paper voters' list still waits for the members' signatures (Voting step).`,
    processed: (counted: number, superseded: number, cancelled: number) =>
      `Processed: ${counted} ballots counted, ${superseded} replaced by a later one, ${cancelled} cancelled.`,
    decryptionTitle: `The ${w('trustee')}s' decryption`,
    decryptionIntro: (t: number) =>
      `Each ${w('trustee')} decrypts its share of the totals on its own page or with "saylau trustee decrypt". Any ${t} are enough.`,
    colTrustee: T('trustee'),
    colName: 'Name',
    colPosted: 'Decryption shares posted',
    tally: 'Decrypt the totals',
    tallyWrongState: 'The totals are decrypted once, after processing.',
    tallyNeeds: (have: number, t: number) => `${have} of the ${t} ${w('trustee')}s needed have posted their decryption shares.`,
    tallied: (trustees: readonly number[]) => `The totals are decrypted with the shares of ${w('trustee')}s ${list(trustees)}.`,
    resultsLink: 'See the results on the public page',
    publish: 'Publish the results',
    publishWrongState: 'The results are published once, after they are decrypted.',
    publishConfirmTitle: 'Publish the results?',
    publishConfirmLines: [
      `The results and the ${w('electionRecord')} become public.`,
      'Nothing in this election can change after this.',
    ],
    publishConfirm: 'Publish now',
    published: 'The results are published.',
    downloadsTitle: 'Downloads',
    downloadsNotYet: `The ${w('electionRecord')} and the ${w('resultsProtocol')} can be downloaded once the results are published.`,
    downloadRecord: `Download the ${w('electionRecord')} (JSON)`,
    downloadProtocol: `Download the ${w('resultsProtocol')} (JSON, to be signed)`,
    protocolFailed: (why: string) => `No ${w('resultsProtocol')} can be made from this record: ${why}`,
    recordUnreadable: (why: string) => `The server's ${w('electionRecord')} does not read: ${why}`,
    recordMismatch: `The ${w('electionRecord')} is of another definition than this election: do not trust this server.`,
    verifierTitle: `The verifier's report`,
    verifierText: `The verifier re-checks the whole ${w('electionRecord')} from the record alone: every check of the saylau-verify command, by the same code, here in this browser on the record this server gives.`,
    verifyInBrowser: 'Verify the record in this browser',
    verifyReading: `Reading the ${w('electionRecord')}…`,
    verifyProgress: (done: number, total: number) => `Ballots checked: ${done} of ${total}`,
    verifyPassed: (checks: number, seconds: string) => `All ${checks} checks passed (${seconds} s).`,
    verifyFailed: (failed: readonly string[], checks: number) =>
      `${failed.length} of ${checks} checks failed: ${failed.join(', ')}.`,
    verifyUnreadable: (why: string) => `The verifier could not read the ${w('electionRecord')}: ${why}`,
    resultMatches: 'The result the verifier recomputed from the ballots equals the published result.',
    resultDiffers: 'The result the verifier recomputed from the ballots DIFFERS from the published result.',
    resultUnpublished: 'The record holds no published result to compare with the verifier’s.',
    checksCaption: 'Every check of the verifier, in the order it runs',
    colCheck: 'Check',
    colWhat: 'What it checks',
    colChecked: 'Checked',
    colFailed: 'Failed',
    nothingToCheck: 'nothing to check',
    moreFailures: (n: number) => `… and ${n} more`,
    titlesNote: `What each check covers is explained in the auditor's guide (docs/auditor-guide.md).`,
    independentText:
      'A verifier served by the same server as the record is not independent of it: for an independent verification, run the saylau-verify command on another computer with the downloaded record:',
    verifierCommand: (file: string) => `saylau-verify ${file}`,
    decryptionReadFailed: 'The decryption shares could not be read:',
  };
})();

export type AfterCloseTexts = typeof en;

const ru: AfterCloseTexts = (() => {
  const T = (id: TermId) => label(id, 'ru');
  const w = (id: TermId) => term(id, 'ru');
  return {
    title: 'После закрытия',
    unavailable: 'Этот шаг наступает после закрытия голосования.',
    process: 'Обработать голоса',
    processIntro:
      'Обработка оставляет последний электронный голос каждого избирателя, исключает отменённые голосом на бумаге и суммирует зашифрованные бюллетени по вопросам и районам. Ничего не расшифровывается.',
    processWrongState: 'Голоса обрабатываются один раз, после закрытия.',
    processPaperPending: 'Список проголосовавших на бумаге ещё ждёт подписей членов комиссии (шаг «Голосование»).',
    processed: (counted, superseded, cancelled) =>
      `Обработано: учтено бюллетеней ${counted}, заменено более поздними ${superseded}, отменено ${cancelled}.`,
    decryptionTitle: 'Расшифровка хранителями ключа',
    decryptionIntro: (t) =>
      `Каждый хранитель ключа расшифровывает свою долю итогов на своей странице или командой «saylau trustee decrypt». Достаточно любых ${t}.`,
    colTrustee: T('trustee'),
    colName: 'Имя',
    colPosted: 'Доли расшифровки отправлены',
    tally: 'Расшифровать итоги',
    tallyWrongState: 'Итоги расшифровываются один раз, после обработки.',
    tallyNeeds: (have, t) => `Доли расшифровки отправили ${have} из ${t} нужных хранителей ключа.`,
    tallied: (trustees) => `Итоги расшифрованы долями хранителей ключа ${list(trustees)}.`,
    resultsLink: 'Итоги на публичной странице',
    publish: 'Опубликовать итоги',
    publishWrongState: 'Итоги публикуются один раз, после расшифровки.',
    publishConfirmTitle: 'Опубликовать итоги?',
    publishConfirmLines: [
      `Итоги и ${w('electionRecord')} станут публичными.`,
      'После этого в этих выборах ничего нельзя изменить.',
    ],
    publishConfirm: 'Опубликовать сейчас',
    published: 'Итоги опубликованы.',
    downloadsTitle: 'Файлы',
    downloadsNotYet: `${T('electionRecord')} и ${w('resultsProtocol')} можно скачать после публикации итогов.`,
    downloadRecord: `Скачать: ${w('electionRecord')} (JSON)`,
    downloadProtocol: `Скачать: ${w('resultsProtocol')} (JSON, для подписи)`,
    protocolFailed: (why) => `Из этого архива нельзя составить протокол: ${why}`,
    recordUnreadable: (why) => `${T('electionRecord')} с сервера не читается: ${why}`,
    recordMismatch: `${T('electionRecord')} относится к другому определению выборов: не доверяйте этому серверу.`,
    verifierTitle: 'Отчёт проверяющей программы',
    verifierText: `Проверяющая программа заново проверяет весь ${w('electionRecord')} только по самому архиву: все проверки команды saylau-verify, тем же кодом, здесь, в этом браузере, на архиве, который выдаёт этот сервер.`,
    verifyInBrowser: 'Проверить архив в этом браузере',
    verifyReading: `Чтение: ${w('electionRecord')}…`,
    verifyProgress: (done, total) => `Проверено бюллетеней: ${done} из ${total}`,
    verifyPassed: (checks, seconds) => `Все проверки (${checks}) пройдены (${seconds} с).`,
    verifyFailed: (failed, checks) => `Не пройдено проверок: ${failed.length} из ${checks}: ${failed.join(', ')}.`,
    verifyUnreadable: (why) => `Проверяющая программа не смогла прочитать ${w('electionRecord')}: ${why}`,
    resultMatches: 'Итог, заново вычисленный проверяющей программой по бюллетеням, совпадает с опубликованным.',
    resultDiffers: 'Итог, заново вычисленный проверяющей программой по бюллетеням, ОТЛИЧАЕТСЯ от опубликованного.',
    resultUnpublished: 'В архиве нет опубликованного итога, с которым можно сравнить итог проверяющей программы.',
    checksCaption: 'Все проверки проверяющей программы, в порядке выполнения',
    colCheck: 'Проверка',
    colWhat: 'Что проверяется',
    colChecked: 'Проверено',
    colFailed: 'Не пройдено',
    nothingToCheck: 'нечего проверять',
    moreFailures: (n) => `… и ещё ${n}`,
    titlesNote:
      'Описания проверок — на английском, как в руководстве аудитора (docs/auditor-guide.md), которое объясняет каждую.',
    independentText:
      'Проверяющая программа, которую выдаёт тот же сервер, что и архив, не независима от него: для независимой проверки выполните команду saylau-verify на другом компьютере со скачанным архивом:',
    verifierCommand: (file) => `saylau-verify ${file}`,
    decryptionReadFailed: 'Не удалось прочитать доли расшифровки:',
  };
})();

const kk: AfterCloseTexts = (() => {
  const T = (id: TermId) => label(id, 'kk');
  const w = (id: TermId) => term(id, 'kk');
  return {
    title: 'Жабылғаннан кейін',
    unavailable: 'Бұл қадам дауыс беру жабылғаннан кейін келеді.',
    process: 'Дауыстарды өңдеу',
    processIntro:
      'Өңдеу әр сайлаушының соңғы электрондық дауысын қалдырады, қағазбен берілген дауыс жойған дауыстарды шығарады және шифрланған бюллетеньдерді сұрақтар мен аудандар бойынша қосады. Ештеңе шифрдан шығарылмайды.',
    processWrongState: 'Дауыстар жабылғаннан кейін бір рет өңделеді.',
    processPaperPending: 'Қағазбен дауыс бергендердің тізімі әлі мүшелердің қолтаңбасын күтуде («Дауыс беру» қадамы).',
    processed: (counted, superseded, cancelled) =>
      `Өңделді: ${counted} бюллетень есептелді, ${superseded} кейінгісімен ауыстырылды, ${cancelled} жойылды.`,
    decryptionTitle: 'Кілт сақтаушылардың шифрды шешуі',
    decryptionIntro: (t) =>
      `Әр кілт сақтаушы қорытындының өз үлесін өз бетінде немесе «saylau trustee decrypt» командасымен шифрдан шығарады. Кез келген ${t} жеткілікті.`,
    colTrustee: T('trustee'),
    colName: 'Аты',
    colPosted: 'Шифрды шешу үлестері жіберілді',
    tally: 'Қорытындыны шифрдан шығару',
    tallyWrongState: 'Қорытынды өңдеуден кейін бір рет шифрдан шығарылады.',
    tallyNeeds: (have, t) => `Қажетті ${t} кілт сақтаушының ${have} шифрды шешу үлестерін жіберді.`,
    tallied: (trustees) => `Қорытынды ${list(trustees)} кілт сақтаушылардың үлестерімен шифрдан шығарылды.`,
    resultsLink: 'Нәтижелер ашық бетте',
    publish: 'Нәтижелерді жариялау',
    publishWrongState: 'Нәтижелер шифрдан шығарылғаннан кейін бір рет жарияланады.',
    publishConfirmTitle: 'Нәтижелерді жариялау керек пе?',
    publishConfirmLines: [`Нәтижелер және ${w('electionRecord')} жария болады.`, 'Осыдан кейін бұл сайлауда ештеңе өзгермейді.'],
    publishConfirm: 'Қазір жариялау',
    published: 'Нәтижелер жарияланды.',
    downloadsTitle: 'Файлдар',
    downloadsNotYet: `${T('electionRecord')} мен ${w('resultsProtocol')} нәтижелер жарияланғаннан кейін жүктеледі.`,
    downloadRecord: `Жүктеп алу: ${w('electionRecord')} (JSON)`,
    downloadProtocol: `Жүктеп алу: ${w('resultsProtocol')} (JSON, қол қоюға)`,
    protocolFailed: (why) => `Бұл мұрағаттан хаттама жасау мүмкін емес: ${why}`,
    recordUnreadable: (why) => `Сервердің мұрағаты оқылмайды: ${why}`,
    recordMismatch: `${T('electionRecord')} басқа сайлау анықтамасына жатады: бұл серверге сенбеңіз.`,
    verifierTitle: 'Тексеру бағдарламасының есебі',
    verifierText: `Тексеру бағдарламасы бүкіл ${w('electionRecord')} тек мұрағаттың өзі бойынша қайта тексереді: saylau-verify командасының барлық тексерулерін сол кодпен, осы браузерде, осы сервер беретін мұрағатта.`,
    verifyInBrowser: 'Мұрағатты осы браузерде тексеру',
    verifyReading: `Оқылуда: ${w('electionRecord')}…`,
    verifyProgress: (done, total) => `Бюллетеньдер: ${total} ішінен ${done} тексерілді`,
    verifyPassed: (checks, seconds) => `Барлық ${checks} тексеруден өтті (${seconds} с).`,
    verifyFailed: (failed, checks) => `${checks} тексерудің ${failed.length} өтпеді: ${failed.join(', ')}.`,
    verifyUnreadable: (why) => `Тексеру бағдарламасы мұрағатты оқи алмады: ${why}`,
    resultMatches: 'Тексеру бағдарламасы бюллетеньдер бойынша қайта есептеген қорытынды жарияланғанмен бірдей.',
    resultDiffers: 'Тексеру бағдарламасы бюллетеньдер бойынша қайта есептеген қорытынды жарияланғаннан ӨЗГЕШЕ.',
    resultUnpublished: 'Мұрағатта тексеру бағдарламасының қорытындысымен салыстыратын жарияланған қорытынды жоқ.',
    checksCaption: 'Тексеру бағдарламасының барлық тексерулері, орындалу ретімен',
    colCheck: 'Тексеру',
    colWhat: 'Не тексеріледі',
    colChecked: 'Тексерілді',
    colFailed: 'Өтпеді',
    nothingToCheck: 'тексеретін ештеңе жоқ',
    moreFailures: (n) => `… және тағы ${n}`,
    titlesNote:
      'Тексерулердің сипаттамасы аудитор нұсқаулығындағыдай ағылшынша (docs/auditor-guide.md), онда әрқайсысы түсіндірілген.',
    independentText:
      'Мұрағатпен бір сервер беретін тексеру бағдарламасы одан тәуелсіз емес: тәуелсіз тексеру үшін жүктелген мұрағатпен басқа компьютерде saylau-verify командасын орындаңыз:',
    verifierCommand: (file) => `saylau-verify ${file}`,
    decryptionReadFailed: 'Шифрды шешу үлестерін оқу мүмкін болмады:',
  };
})();

export const AFTER_CLOSE_TEXTS = { kk, ru, en } as const;
