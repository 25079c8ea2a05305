// The letters step's texts in kk, ru and en: making the codes in the browser, the downloads, the upload of the
// public keys that freezes the register.
import { type Language, label, type TermId, term } from '@saylau/protocol';

const en = (() => {
  const T = (id: TermId): string => label(id, 'en');
  const w = (id: TermId): string => term(id, 'en');
  return {
    title: `The ${w('letter')}s`,
    intro: `Each voter's ${w('loginCode')} and ${w('signingCode')} are made here, in this browser, and printed only on the ${w('letter')}s. The server receives only the public keys and the ${w('loginCode')}s' digests: no code is ever sent.`,
    unavailableState: `The ${w('letter')}s are made before voting opens.`,
    unavailableRegister: `Import the ${w('register')} first.`,
    issued: `The credentials are issued and the ${w('register')} is frozen. A lost ${w('letter')} is re-issued with the command line.`,
    fileIntro: `The ${w('letter')}s need the voter file again (names, languages, addresses never go to the server). Pick the file that was imported.`,
    fileLabel: 'Voter file',
    fileFromRegister: (name: string) => `Using the voter file imported on this page: ${name}.`,
    unreadable: (line: number | undefined, message: string) =>
      line ? `The file cannot be read (line ${line}): ${message}` : `The file cannot be read: ${message}`,
    mismatch: (district: string, inFile: number, registered: number) =>
      `${T('district')} ${district}: ${inFile} voters in the file, ${registered} in the ${w('register')}. Pick the file the ${w('register')} was imported from, with the same corrections.`,
    fileProblems: (n: number) => `The file has ${n} rows with problems; fix them first (the register step lists them).`,
    votingUrlLabel: `The ${w('votingAddress')} printed on the ${w('letter')}s`,
    contactLabel: `How voters reach the ${w('commission')} (printed on the ${w('letter')}s; optional)`,
    languageLabel: `Language of a ${w('letter')} whose voter has none in the file`,
    generate: (n: number) => `Make ${n} ${w('letter')}s`,
    generating: (done: number, total: number) => `Deriving the keys: ${done} of ${total}…`,
    generated: (n: number) => `${n} ${w('letter')}s are ready, only in this browser’s memory. Save them now.`,
    downloadsTitle: 'Save the files',
    downloadHtml: `The ${w('letter')}s for printing (HTML, one page per voter)`,
    downloadMailMerge: 'The mail-merge file for a printing house (CSV)',
    downloadPublic: 'The public credential list (JSON)',
    saved: 'saved',
    secretWarning: `The ${w('letter')}s and the mail-merge file hold every voter's codes: keep them as secret as the printed ${w('letter')}s.`,
    savedConfirm: `I have saved the ${w('letter')}s and the mail-merge file.`,
    downloadFirst: `Save the ${w('letter')}s first.`,
    confirmFirst: 'Tick the box once the files are saved.',
    upload: 'Upload the public keys and freeze the register',
    uploading: 'Uploading the public keys…',
    uploaded: (n: number) => `${n} credentials issued; the ${w('register')} is frozen.`,
    leaveWarning: `The ${w('letter')}s exist only in this page's memory: leaving loses them.`,
    codes: {
      MISSING_CREDENTIAL: `a registered voter has no ${w('letter')}: the file differs from the ${w('register')}`,
      UNKNOWN_VOTER: `a voter of the file is not in the ${w('register')}`,
      ALREADY_EXISTS: 'the credentials were issued already',
      WRONG_STATE: 'not possible in the election’s current state',
    } as Record<string, string>,
  };
})();

export type LettersTexts = typeof en;

const ru: LettersTexts = (() => {
  const T = (id: TermId): string => label(id, 'ru');
  const w = (id: TermId): string => term(id, 'ru');
  return {
    title: 'Письма',
    intro: `${T('loginCode')} и ${w('signingCode')} каждого избирателя создаются здесь, в этом браузере, и печатаются только в письмах. Сервер получает лишь открытые ключи и хеши кодов входа: ни один код не отправляется.`,
    unavailableState: 'Письма готовятся до открытия голосования.',
    unavailableRegister: `Сначала импортируйте ${w('register')}.`,
    issued: `Учётные данные выданы, ${w('register')} закреплён. Потерянное письмо перевыпускается командой в консоли.`,
    fileIntro:
      'Для писем снова нужен файл избирателей (имена, языки и адреса на сервер не уходят). Выберите импортированный файл.',
    fileLabel: 'Файл избирателей',
    fileFromRegister: (name: string) => `Используется файл, импортированный на этой странице: ${name}.`,
    unreadable: (line: number | undefined, message: string) =>
      line ? `Файл не читается (строка ${line}): ${message}` : `Файл не читается: ${message}`,
    mismatch: (district: string, inFile: number, registered: number) =>
      `${T('district')} ${district}: в файле ${inFile}, в списке ${registered}. Выберите файл, из которого импортирован список, с теми же исправлениями.`,
    fileProblems: (n: number) => `В файле строк с проблемами: ${n}; сначала исправьте их (шаг списка их показывает).`,
    votingUrlLabel: `${T('votingAddress')}, печатаемый в письмах`,
    contactLabel: `Как избирателям связаться с комиссией (печатается в письмах; необязательно)`,
    languageLabel: 'Язык письма, если в файле он не указан',
    generate: (n: number) => `Подготовить письма: ${n}`,
    generating: (done: number, total: number) => `Вычисляем ключи: ${done} из ${total}…`,
    generated: (n: number) => `Писем готово: ${n}; они есть только в памяти этого браузера. Сохраните их сейчас.`,
    downloadsTitle: 'Сохраните файлы',
    downloadHtml: 'Письма для печати (HTML, по странице на избирателя)',
    downloadMailMerge: 'Файл слияния для типографии (CSV)',
    downloadPublic: 'Открытый список учётных данных (JSON)',
    saved: 'сохранено',
    secretWarning: 'Письма и файл слияния содержат коды всех избирателей: храните их так же тайно, как напечатанные письма.',
    savedConfirm: 'Я сохранил(а) письма и файл слияния.',
    downloadFirst: 'Сначала сохраните письма.',
    confirmFirst: 'Отметьте, когда файлы сохранены.',
    upload: 'Отправить открытые ключи и закрепить список',
    uploading: 'Отправляем открытые ключи…',
    uploaded: (n: number) => `Выдано учётных данных: ${n}; ${w('register')} закреплён.`,
    leaveWarning: 'Письма есть только в памяти этой страницы: уход со страницы их уничтожит.',
    codes: {
      MISSING_CREDENTIAL: 'у зарегистрированного избирателя нет письма: файл отличается от списка',
      UNKNOWN_VOTER: 'избирателя из файла нет в списке',
      ALREADY_EXISTS: 'учётные данные уже выданы',
      WRONG_STATE: 'в нынешнем состоянии выборов это невозможно',
    },
  };
})();

const kk: LettersTexts = (() => {
  const T = (id: TermId): string => label(id, 'kk');
  const w = (id: TermId): string => term(id, 'kk');
  return {
    title: 'Хаттар',
    intro: `Әр сайлаушының ${w('loginCode')} мен ${w('signingCode')} осы жерде, осы браузерде жасалады және тек хаттарда басылады. Серверге тек ашық кілттер мен кіру кодтарының хештері жіберіледі: ешбір код жіберілмейді.`,
    unavailableState: 'Хаттар дауыс беру ашылғанға дейін дайындалады.',
    unavailableRegister: `Алдымен ${w('register')} импорттаңыз.`,
    issued: `Тіркелгі деректері берілді, ${w('register')} бекітілді. Жоғалған хат командалық жолмен қайта беріледі.`,
    fileIntro:
      'Хаттар үшін сайлаушылар файлы қайта керек (аттар, тілдер мен мекенжайлар серверге жіберілмейді). Импортталған файлды таңдаңыз.',
    fileLabel: 'Сайлаушылар файлы',
    fileFromRegister: (name: string) => `Осы бетте импортталған файл қолданылады: ${name}.`,
    unreadable: (line: number | undefined, message: string) =>
      line ? `Файл оқылмайды (${line}-жол): ${message}` : `Файл оқылмайды: ${message}`,
    mismatch: (district: string, inFile: number, registered: number) =>
      `${T('district')} ${district}: файлда ${inFile}, тізімде ${registered}. Тізім импортталған файлды сол түзетулерімен таңдаңыз.`,
    fileProblems: (n: number) => `Файлда мәселесі бар жолдар: ${n}; алдымен оларды түзетіңіз.`,
    votingUrlLabel: `Хаттарда басылатын ${w('votingAddress')}`,
    contactLabel: 'Сайлаушылар комиссияға қалай хабарласады (хаттарда басылады; міндетті емес)',
    languageLabel: 'Файлда тілі көрсетілмеген хаттың тілі',
    generate: (n: number) => `Хаттарды дайындау: ${n}`,
    generating: (done: number, total: number) => `Кілттер есептелуде: ${done} / ${total}…`,
    generated: (n: number) => `Дайын хаттар: ${n}; олар тек осы браузердің жадында. Оларды қазір сақтаңыз.`,
    downloadsTitle: 'Файлдарды сақтаңыз',
    downloadHtml: 'Басып шығаруға арналған хаттар (HTML, әр сайлаушыға бір бет)',
    downloadMailMerge: 'Баспаханаға арналған біріктіру файлы (CSV)',
    downloadPublic: 'Тіркелгі деректерінің ашық тізімі (JSON)',
    saved: 'сақталды',
    secretWarning:
      'Хаттар мен біріктіру файлында барлық сайлаушылардың кодтары бар: оларды басылған хаттар сияқты құпия сақтаңыз.',
    savedConfirm: 'Хаттар мен біріктіру файлын сақтадым.',
    downloadFirst: 'Алдымен хаттарды сақтаңыз.',
    confirmFirst: 'Файлдар сақталған соң белгі қойыңыз.',
    upload: 'Ашық кілттерді жіберіп, тізімді бекіту',
    uploading: 'Ашық кілттер жіберілуде…',
    uploaded: (n: number) => `Берілген тіркелгі деректері: ${n}; ${w('register')} бекітілді.`,
    leaveWarning: 'Хаттар тек осы беттің жадында: беттен шықсаңыз, олар жоғалады.',
    codes: {
      MISSING_CREDENTIAL: 'тіркелген сайлаушының хаты жоқ: файл тізімнен өзгеше',
      UNKNOWN_VOTER: 'файлдағы сайлаушы тізімде жоқ',
      ALREADY_EXISTS: 'тіркелгі деректері бұрын берілген',
      WRONG_STATE: 'сайлаудың қазіргі күйінде бұл мүмкін емес',
    },
  };
})();

export const LETTERS_TEXTS: Readonly<Record<Language, LettersTexts>> = { kk, ru, en };
