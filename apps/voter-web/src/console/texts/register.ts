// The register step's texts in kk, ru and en: the voter file's report, the import, the corrections.
import { type Language, label, type TermId, term } from '@saylau/protocol';

const en = (() => {
  const T = (id: TermId): string => label(id, 'en');
  const w = (id: TermId): string => term(id, 'en');
  return {
    title: `The ${w('register')}`,
    intro: `Pick the voter file (CSV as Excel saves it: UTF-8, Windows-1251 or UTF-16; separator “,”, “;” or tab; columns voter_id, district and optionally name, contact, language, address). Nothing is sent before you press “Import”. Only the ${w('voterId')} and the ${w('district')} of each voter go to the server.`,
    frozen: `The ${w('register')} is frozen: the credentials were issued. A lost ${w('letter')} is re-issued with the command line.`,
    notYet: `No ${w('register')} has been imported yet.`,
    imported: (n: number) =>
      `${n} voters are registered. Until the credentials are issued you can correct the ${w('register')} or import a fixed file in its place.`,
    sizesCaption: `Registered voters per ${w('district')}`,
    colDistrict: T('district'),
    colCount: 'Voters',
    total: 'Total',
    fileLabel: 'Voter file',
    unreadable: (line: number | undefined, message: string) =>
      line ? `The file cannot be read (line ${line}): ${message}` : `The file cannot be read: ${message}`,
    note: (note: string) => `How the file was read: ${note}.`,
    firstRows: (n: number) => `The first ${n} rows`,
    colLine: 'Line',
    colVoterId: T('voterId'),
    colName: 'Name',
    colLanguage: 'Language',
    fileCounts: `Rows per ${w('district')} in the file`,
    problemsTitle: (n: number) => (n === 1 ? 'One row has a problem' : `${n} rows have problems`),
    problemLine: (line: number, message: string) => `Line ${line}: ${message}`,
    noProblems: 'Every row can be imported.',
    import: (n: number) => `Import ${n} voters`,
    replace: (n: number) => `Replace the register with these ${n} voters`,
    importWhy: 'Fix the rows listed above in the file and pick it again.',
    importing: 'Importing…',
    importedNow: (n: number) => `${n} voters imported.`,
    correctionsTitle: 'Corrections',
    addTitle: 'Add a voter',
    removeTitle: 'Remove a voter',
    moveTitle: `Move a voter to another ${w('district')}`,
    voterIdLabel: T('voterId'),
    districtLabel: T('district'),
    add: 'Add',
    remove: 'Remove',
    move: 'Move',
    corrected: 'The register is corrected.',
    codes: {
      DUPLICATE_VOTER: 'this voter is listed twice, or is registered already',
      UNKNOWN_DISTRICT: `this ${w('district')} is not in the definition`,
      UNKNOWN_VOTER: 'this voter is not in the register',
      ALREADY_EXISTS: 'a register was imported already, or it is frozen',
      WRONG_STATE: 'not possible in the election’s current state',
      MALFORMED: 'a field is missing or wrong',
    } as Record<string, string>,
  };
})();

export type RegisterTexts = typeof en;

const ru: RegisterTexts = (() => {
  const T = (id: TermId): string => label(id, 'ru');
  const w = (id: TermId): string => term(id, 'ru');
  return {
    title: T('register'),
    intro: `Выберите файл избирателей (CSV, как его сохраняет Excel: UTF-8, Windows-1251 или UTF-16; разделитель «,», «;» или табуляция; столбцы voter_id, district и по желанию name, contact, language, address). Ничего не отправляется, пока вы не нажмёте «Импортировать». На сервер уходят только ${w('voterId')} и ${w('district')} каждого избирателя.`,
    frozen: `${T('register')} закреплён: учётные данные выданы. Потерянное ${w('letter')} перевыпускается командой в консоли.`,
    notYet: `${T('register')} ещё не импортирован.`,
    imported: (n: number) =>
      `Зарегистрировано избирателей: ${n}. Пока учётные данные не выданы, список можно исправить или заменить исправленным файлом.`,
    sizesCaption: `Избиратели по районам`,
    colDistrict: T('district'),
    colCount: 'Избирателей',
    total: 'Всего',
    fileLabel: 'Файл избирателей',
    unreadable: (line: number | undefined, message: string) =>
      line ? `Файл не читается (строка ${line}): ${message}` : `Файл не читается: ${message}`,
    note: (note: string) => `Как прочитан файл: ${note}.`,
    firstRows: (n: number) => `Первые строки: ${n}`,
    colLine: 'Строка',
    colVoterId: T('voterId'),
    colName: 'Имя',
    colLanguage: 'Язык',
    fileCounts: 'Строки файла по районам',
    problemsTitle: (n: number) => `Строк с проблемами: ${n}`,
    problemLine: (line: number, message: string) => `Строка ${line}: ${message}`,
    noProblems: 'Все строки можно импортировать.',
    import: (n: number) => `Импортировать избирателей: ${n}`,
    replace: (n: number) => `Заменить список этими избирателями: ${n}`,
    importWhy: 'Исправьте в файле строки, указанные выше, и выберите его снова.',
    importing: 'Импортируем…',
    importedNow: (n: number) => `Импортировано избирателей: ${n}.`,
    correctionsTitle: 'Исправления',
    addTitle: 'Добавить избирателя',
    removeTitle: 'Удалить избирателя',
    moveTitle: 'Перевести избирателя в другой район',
    voterIdLabel: T('voterId'),
    districtLabel: T('district'),
    add: 'Добавить',
    remove: 'Удалить',
    move: 'Перевести',
    corrected: 'Список исправлен.',
    codes: {
      DUPLICATE_VOTER: 'избиратель указан дважды или уже зарегистрирован',
      UNKNOWN_DISTRICT: 'такого района нет в определении',
      UNKNOWN_VOTER: 'такого избирателя нет в списке',
      ALREADY_EXISTS: 'список уже импортирован или закреплён',
      WRONG_STATE: 'в нынешнем состоянии выборов это невозможно',
      MALFORMED: 'поле отсутствует или неверно',
    },
  };
})();

const kk: RegisterTexts = (() => {
  const T = (id: TermId): string => label(id, 'kk');
  const w = (id: TermId): string => term(id, 'kk');
  return {
    title: T('register'),
    intro: `Сайлаушылар файлын таңдаңыз (Excel сақтайтын CSV: UTF-8, Windows-1251 не UTF-16; бөлгіш «,», «;» не табуляция; бағандар voter_id, district және қалауыңызша name, contact, language, address). «Импорттау» басылмайынша ештеңе жіберілмейді. Серверге әр сайлаушының тек ${w('voterId')} мен ${w('district')} жіберіледі.`,
    frozen: `${T('register')} бекітілді: тіркелгі деректері берілді. Жоғалған ${w('letter')} командалық жолмен қайта беріледі.`,
    notYet: `${T('register')} әлі импортталмаған.`,
    imported: (n: number) =>
      `Тіркелген сайлаушылар: ${n}. Тіркелгі деректері берілгенше тізімді түзетуге не түзетілген файлмен ауыстыруға болады.`,
    sizesCaption: 'Аудандар бойынша сайлаушылар',
    colDistrict: T('district'),
    colCount: 'Сайлаушылар',
    total: 'Барлығы',
    fileLabel: 'Сайлаушылар файлы',
    unreadable: (line: number | undefined, message: string) =>
      line ? `Файл оқылмайды (${line}-жол): ${message}` : `Файл оқылмайды: ${message}`,
    note: (note: string) => `Файл қалай оқылды: ${note}.`,
    firstRows: (n: number) => `Алғашқы жолдар: ${n}`,
    colLine: 'Жол',
    colVoterId: T('voterId'),
    colName: 'Аты',
    colLanguage: 'Тіл',
    fileCounts: 'Файлдағы жолдар аудандар бойынша',
    problemsTitle: (n: number) => `Мәселесі бар жолдар: ${n}`,
    problemLine: (line: number, message: string) => `${line}-жол: ${message}`,
    noProblems: 'Барлық жолды импорттауға болады.',
    import: (n: number) => `Сайлаушыларды импорттау: ${n}`,
    replace: (n: number) => `Тізімді осы сайлаушылармен ауыстыру: ${n}`,
    importWhy: 'Жоғарыда көрсетілген жолдарды файлда түзетіп, оны қайта таңдаңыз.',
    importing: 'Импортталуда…',
    importedNow: (n: number) => `Импортталған сайлаушылар: ${n}.`,
    correctionsTitle: 'Түзетулер',
    addTitle: 'Сайлаушы қосу',
    removeTitle: 'Сайлаушыны алып тастау',
    moveTitle: 'Сайлаушыны басқа ауданға ауыстыру',
    voterIdLabel: T('voterId'),
    districtLabel: T('district'),
    add: 'Қосу',
    remove: 'Алып тастау',
    move: 'Ауыстыру',
    corrected: 'Тізім түзетілді.',
    codes: {
      DUPLICATE_VOTER: 'сайлаушы екі рет көрсетілген немесе бұрыннан тіркелген',
      UNKNOWN_DISTRICT: 'мұндай аудан анықтамада жоқ',
      UNKNOWN_VOTER: 'мұндай сайлаушы тізімде жоқ',
      ALREADY_EXISTS: 'тізім бұрын импортталған немесе бекітілген',
      WRONG_STATE: 'сайлаудың қазіргі күйінде бұл мүмкін емес',
      MALFORMED: 'өріс жоқ немесе қате',
    },
  };
})();

export const REGISTER_TEXTS: Readonly<Record<Language, RegisterTexts>> = { kk, ru, en };
