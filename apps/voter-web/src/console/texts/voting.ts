// The voting step's texts (steps/voting.ts and steps/voting/) in kk, ru and en; glossary terms from the protocol.
import { label, type TermId, term } from '@saylau/protocol';

const list = (xs: readonly (string | number)[]): string => xs.join(', ');

const en = (() => {
  const T = (id: TermId) => label(id, 'en');
  const w = (id: TermId) => term(id, 'en');
  return {
    title: 'Voting',
    unavailable: 'Voting is prepared once the key ceremony is finished.',
    period: (opens: string, closes: string) => `${T('votingPeriod')}: from ${opens} to ${closes}.`,

    decisionTitle: `The ${w('commission')}'s decision`,
    decisionIntro: (t: number) =>
      `Before voting opens, ${t} member(s) of the ${w('commission')} sign with their own keys what voting will run on. Read it before signing:`,
    decisionNone: `The definition names no ${w('commission')} members: no decision is signed.`,
    decisionPublished: `The ${w('commission')}'s decision is on the ${w('board')}.`,
    decisionNotYet: (why: string) => `There is no decision to sign yet: ${why}`,
    decisionFingerprint: T('electionFingerprint'),
    decisionPeriod: T('votingPeriod'),
    decisionRegister: (total: number, parts: string) => `${T('register')}: ${total} voters (${parts})`,
    decisionCredentials: (count: number, digest: string) => `Credential list: ${count} credentials, digest ${digest}`,
    decisionTrusteeKey: (x: number, key: string) => `${T('trustee')} ${x}'s key ${key}`,
    decisionElectionKey: (key: string) => `Election key ${key}`,
    signers: (n: number, t: number, who: readonly string[]) =>
      `Signed by ${n} of the ${t} needed${who.length > 0 ? `: ${list(who)}` : ''}.`,
    sign: 'Sign with my key',
    signNotMember: `Your key is not one of the definition's ${w('commission')} members' keys.`,
    signAlready: 'You have signed already.',
    signed: (n: number, t: number, published: boolean) =>
      published
        ? `Signed: with ${n} of ${t} signatures the statement is now on the ${w('board')}.`
        : `Signed: ${n} of ${t} so far.`,
    mismatch: `The server asks you to sign a decision that is not what its own signed ${w('board')} says. Do not sign; tell the ${w('commission')} and the observers.`,

    open: 'Open voting',
    openWrongState: 'Voting can be opened once, after the key ceremony.',
    openNeedsDecision: (t: number) => `The ${w('commission')}'s decision needs ${t} member signature(s) first.`,
    openNotFrozen: 'Issue the letters first: that freezes the register.',
    openTooEarly: (from: string) => `Voting can be opened from ${from}.`,
    openTooLate: (closes: string) => `The ${w('votingPeriod')} ended at ${closes}.`,
    openConfirmTitle: 'Open voting?',
    openConfirmLines: (from: string, closes: string) => [
      `Voters can vote from ${from} until ${closes}.`,
      `The definition, the ${w('register')} and the keys can no longer change.`,
    ],
    openConfirm: 'Open voting now',
    opened: 'Voting is open.',

    turnoutTitle: `${T('turnout')} by ${w('district')}`,
    colDistrict: T('district'),
    colRegistered: 'Registered',
    colVoted: 'Voted',
    colTurnout: T('turnout'),
    total: 'Total',

    headTitle: `The current ${w('treeHead')}`,
    headIntro: `Publish it (on the notice board, to the observers): anyone holding it can later show that the ${w('board')} was never rewritten.`,
    headSize: 'Events',
    headRoot: 'Root hash',
    headTime: 'Signed at',
    headDownload: `Download the ${w('treeHead')} (JSON)`,

    close: 'Close voting',
    closeEarly: 'Close voting early',
    closeWrongState: 'Only open voting can be closed.',
    closeReasonLabel: 'Why voting closes early (signed with your key, published on the board)',
    closeNeedsReason: 'Write why voting closes early.',
    closeNoCommission: (closes: string) =>
      `Voting closes at ${closes}. The definition names no ${w('commission')} members, so nobody can close it earlier.`,
    closeNotMember: (closes: string) =>
      `Voting closes at ${closes}. Closing earlier needs ${w('commission')} members' signatures; your key is not one of them.`,
    closeConfirmTitle: 'Close voting?',
    closeConfirmLines: (early: boolean) => [
      'No ballot is accepted after this, and voting cannot be opened again.',
      early
        ? `Voting closes before the end of the ${w('votingPeriod')}: your signed reason goes on the ${w('board')}.`
        : `The ${w('votingPeriod')} has ended.`,
    ],
    closeConfirm: 'Close voting now',
    closed: (early: boolean): string => (early ? 'Voting is closed (early, signed by the commission).' : 'Voting is closed.'),

    earlyTitle: 'Closing voting early',
    earlyIntro: (closes: string, t: number) =>
      `Voting closes at ${closes}. To close it earlier, ${t} members of the ${w('commission')} sign the same statement, each with their own key: one member proposes it with its reason, the others read it here and sign it.`,
    earlyReasonLabel: `Why voting closes early (the members sign it; it is published on the ${w('board')})`,
    earlyPropose: 'Propose the early close',
    earlyProposed: 'Proposed: the members can now read and sign it.',
    earlyNone: 'No early close is proposed.',
    earlyReplace: 'A new proposal replaces this one while nobody has signed it, or once it is 24 hours old.',
    earlyPending: 'The proposed early close, as the members sign it:',
    earlyReason: (reason: string) => `Reason: ${reason}`,
    earlyAt: (at: string) => `Proposed at ${at}`,
    earlyRefused: (why: string) =>
      `Do not sign this statement: ${why}. Tell the ${w('commission')} and the observers, and propose the early close again.`,
    earlyWhy: {
      malformed: 'it is not the early-close statement (election fingerprint, reason, time)',
      'other-election': `it names another election's ${w('electionFingerprint')}`,
      'no-reason': 'it gives no reason',
      'in-future': 'its time lies in the future',
      'too-old': 'it was proposed more than 24 hours ago',
    },
    earlyStale: 'This statement is more than 24 hours old: it can no longer close voting. Propose it again.',
    earlyNeedsSignatures: (n: number, t: number) => `The early close needs ${t} signatures; ${n} so far.`,

    paperTitle: 'Voters who voted on paper',
    paperIntro: `After close, the ${w('commission')} imports the list of voters who voted at a polling station (a CSV file with a voter_id column). Their electronic votes are cancelled, whenever they were cast.`,
    paperOnlyClosed: 'The paper voters are imported after close and before the votes are processed.',
    paperFileLabel: 'The paper voters’ file (CSV)',
    paperRead: (n: number) => `${n} voter IDs read.`,
    paperProblems: (n: number) => `${n} line(s) with a problem:`,
    paperLine: (line: number, message: string) => `line ${line}: ${message}`,
    paperUnreadable: (message: string) => `The file cannot be read: ${message}`,
    paperImport: 'Import the paper voters',
    paperNeedsFile: 'Choose the file first.',
    paperNeedsIds: `The file lists no ${w('voterId')}.`,
    paperMalformed: 'Correct the malformed lines first.',
    paperStaged: (n: number) =>
      `${n} new paper voter(s) wait for the members' signatures; their electronic votes are cancelled once enough have signed.`,
    paperCancelled: (n: number) => `${n} voter(s) newly cancelled: their electronic votes will not count.`,
    paperPending: (n: number) => `A list of ${n} paper voter(s) waits for signatures:`,
    paperSignIntro: 'Sign that the electronic votes of these voters are cancelled (the statement names their credentials).',
    paperPublished: (n: number) => `The list is on the ${w('board')}: the electronic votes of ${n} voter(s) are cancelled.`,
  };
})();

export type VotingTexts = typeof en;

const ru: VotingTexts = (() => {
  const T = (id: TermId) => label(id, 'ru');
  const w = (id: TermId) => term(id, 'ru');
  return {
    title: 'Голосование',
    unavailable: 'Голосование готовится после завершения церемонии ключа.',
    period: (opens, closes) => `${T('votingPeriod')}: с ${opens} до ${closes}.`,

    decisionTitle: 'Решение избирательной комиссии',
    decisionIntro: (t) =>
      `До открытия голосования ${t} член(а) комиссии подписывают своими ключами, на чём пройдёт голосование. Прочитайте перед подписью:`,
    decisionNone: 'В определении нет членов избирательной комиссии: решение не подписывается.',
    decisionPublished: `Решение избирательной комиссии опубликовано: ${w('board')}.`,
    decisionNotYet: (why) => `Решения для подписи пока нет: ${why}`,
    decisionFingerprint: T('electionFingerprint'),
    decisionPeriod: T('votingPeriod'),
    decisionRegister: (total, parts) => `${T('register')}: ${total} (${parts})`,
    decisionCredentials: (count, digest) => `Список ключей избирателей: ${count}, дайджест ${digest}`,
    decisionTrusteeKey: (x, key) => `${T('trustee')} ${x}: ключ ${key}`,
    decisionElectionKey: (key) => `Ключ выборов ${key}`,
    signers: (n, t, who) => `Подписали ${n} из ${t} нужных${who.length > 0 ? `: ${list(who)}` : ''}.`,
    sign: 'Подписать своим ключом',
    signNotMember: 'Ваш ключ не входит в ключи членов избирательной комиссии из определения.',
    signAlready: 'Вы уже подписали.',
    signed: (n, t, published) =>
      published ? `Подписано: с ${n} из ${t} подписей заявление опубликовано.` : `Подписано: пока ${n} из ${t}.`,
    mismatch:
      'Сервер просит подписать решение, которое не совпадает с его собственной подписанной доской. Не подписывайте; сообщите избирательной комиссии и наблюдателям.',

    open: 'Открыть голосование',
    openWrongState: 'Голосование открывается один раз, после церемонии ключа.',
    openNeedsDecision: (t) => `Сначала решение избирательной комиссии должны подписать ${t} член(а).`,
    openNotFrozen: 'Сначала выпустите письма: это закрепляет список избирателей.',
    openTooEarly: (from) => `Голосование можно открыть с ${from}.`,
    openTooLate: (closes) => `${T('votingPeriod')} закончилось ${closes}.`,
    openConfirmTitle: 'Открыть голосование?',
    openConfirmLines: (from, closes) => [
      `Избиратели смогут голосовать с ${from} до ${closes}.`,
      'Определение выборов, список избирателей и ключи больше нельзя будет изменить.',
    ],
    openConfirm: 'Открыть голосование сейчас',
    opened: 'Голосование открыто.',

    turnoutTitle: `${T('turnout')} по районам`,
    colDistrict: T('district'),
    colRegistered: 'Зарегистрировано избирателей',
    colVoted: 'Проголосовали',
    colTurnout: T('turnout'),
    total: 'Всего',

    headTitle: `Текущее ${term('treeHead', 'ru')}`,
    headIntro: 'Опубликуйте его (на стенде, наблюдателям): по нему любой сможет позже показать, что доску не переписывали.',
    headSize: 'События',
    headRoot: 'Корневой хеш',
    headTime: 'Подписано',
    headDownload: 'Скачать подписанное состояние (JSON)',

    close: 'Закрыть голосование',
    closeEarly: 'Закрыть голосование досрочно',
    closeWrongState: 'Закрыть можно только открытое голосование.',
    closeReasonLabel: 'Почему голосование закрывается досрочно (подписывается вашим ключом и публикуется)',
    closeNeedsReason: 'Напишите, почему голосование закрывается досрочно.',
    closeNoCommission: (closes) =>
      `Голосование закрывается ${closes}. В определении нет членов избирательной комиссии, поэтому раньше его закрыть нельзя.`,
    closeNotMember: (closes) =>
      `Голосование закрывается ${closes}. Досрочное закрытие подписывают члены избирательной комиссии; ваш ключ не из их числа.`,
    closeConfirmTitle: 'Закрыть голосование?',
    closeConfirmLines: (early) => [
      'После этого бюллетени не принимаются, и открыть голосование снова нельзя.',
      early
        ? `Голосование закрывается до конца времени голосования: ваша подписанная причина публикуется.`
        : `${T('votingPeriod')} закончилось.`,
    ],
    closeConfirm: 'Закрыть голосование сейчас',
    closed: (early) => (early ? 'Голосование закрыто (досрочно, с подписью комиссии).' : 'Голосование закрыто.'),

    earlyTitle: 'Досрочное закрытие голосования',
    earlyIntro: (closes, t) =>
      `Голосование закрывается ${closes}. Чтобы закрыть его раньше, ${t} членов избирательной комиссии подписывают одно и то же заявление, каждый своим ключом: один член предлагает его с причиной, остальные читают его здесь и подписывают.`,
    earlyReasonLabel: 'Почему голосование закрывается досрочно (члены комиссии подписывают это; причина публикуется)',
    earlyPropose: 'Предложить досрочное закрытие',
    earlyProposed: 'Предложено: члены комиссии могут прочитать и подписать его.',
    earlyNone: 'Досрочное закрытие не предложено.',
    earlyReplace: 'Новое предложение заменяет это, пока его никто не подписал или когда ему больше 24 часов.',
    earlyPending: 'Предложенное досрочное закрытие, как его подписывают члены комиссии:',
    earlyReason: (reason) => `Причина: ${reason}`,
    earlyAt: (at) => `Предложено ${at}`,
    earlyRefused: (why) =>
      `Не подписывайте это заявление: ${why}. Сообщите избирательной комиссии и наблюдателям и предложите досрочное закрытие заново.`,
    earlyWhy: {
      malformed: 'это не заявление о досрочном закрытии (цифровой отпечаток, причина, время)',
      'other-election': 'в нём цифровой отпечаток других выборов',
      'no-reason': 'в нём нет причины',
      'in-future': 'его время ещё не наступило',
      'too-old': 'оно предложено больше 24 часов назад',
    },
    earlyStale: 'Этому заявлению больше 24 часов: им уже нельзя закрыть голосование. Предложите его заново.',
    earlyNeedsSignatures: (n, t) => `Для досрочного закрытия нужно ${t} подписей; пока ${n}.`,

    paperTitle: 'Проголосовавшие на бумаге',
    paperIntro:
      'После закрытия избирательная комиссия загружает список избирателей, проголосовавших на участке (CSV-файл со столбцом voter_id). Их электронные голоса отменяются, когда бы они ни были поданы.',
    paperOnlyClosed: 'Проголосовавших на бумаге загружают после закрытия и до обработки голосов.',
    paperFileLabel: 'Файл проголосовавших на бумаге (CSV)',
    paperRead: (n) => `Прочитано номеров избирателей: ${n}.`,
    paperProblems: (n) => `Строк с ошибками: ${n}:`,
    paperLine: (line, message) => `строка ${line}: ${message}`,
    paperUnreadable: (message) => `Файл не читается: ${message}`,
    paperImport: 'Загрузить проголосовавших на бумаге',
    paperNeedsFile: 'Сначала выберите файл.',
    paperNeedsIds: 'В файле нет ни одного номера избирателя.',
    paperMalformed: 'Сначала исправьте ошибочные строки.',
    paperStaged: (n) =>
      `Новых проголосовавших на бумаге: ${n}; они ждут подписей членов комиссии. Их электронные голоса отменяются, когда подписей будет достаточно.`,
    paperCancelled: (n) => `Отменено впервые: ${n}; их электронные голоса не будут учтены.`,
    paperPending: (n) => `Список (${n}) ждёт подписей:`,
    paperSignIntro: 'Подпишите, что электронные голоса этих избирателей отменяются (в заявлении названы их ключи).',
    paperPublished: (n) => `Список опубликован: электронные голоса ${n} избирателей отменены.`,
  };
})();

const kk: VotingTexts = (() => {
  const T = (id: TermId) => label(id, 'kk');
  return {
    title: 'Дауыс беру',
    unavailable: 'Дауыс беру кілт рәсімі аяқталғаннан кейін дайындалады.',
    period: (opens, closes) => `${T('votingPeriod')}: ${opens} бастап ${closes} дейін.`,

    decisionTitle: 'Сайлау комиссиясының шешімі',
    decisionIntro: (t) =>
      `Дауыс беру ашылмас бұрын комиссияның ${t} мүшесі дауыс беру неге сүйенетінін өз кілттерімен қол қояды. Қол қоймас бұрын оқыңыз:`,
    decisionNone: 'Анықтамада сайлау комиссиясының мүшелері жоқ: шешімге қол қойылмайды.',
    decisionPublished: 'Сайлау комиссиясының шешімі жарияланды.',
    decisionNotYet: (why) => `Қол қоятын шешім әлі жоқ: ${why}`,
    decisionFingerprint: T('electionFingerprint'),
    decisionPeriod: T('votingPeriod'),
    decisionRegister: (total, parts) => `${T('register')}: ${total} (${parts})`,
    decisionCredentials: (count, digest) => `Сайлаушылар кілттерінің тізімі: ${count}, дайджест ${digest}`,
    decisionTrusteeKey: (x, key) => `${T('trustee')} ${x}: кілт ${key}`,
    decisionElectionKey: (key) => `Сайлау кілті ${key}`,
    signers: (n, t, who) => `Қажетті ${t} қолтаңбаның ${n} қойылды${who.length > 0 ? `: ${list(who)}` : ''}.`,
    sign: 'Өз кілтіммен қол қою',
    signNotMember: 'Сіздің кілтіңіз анықтамадағы сайлау комиссиясы мүшелерінің кілттерінің бірі емес.',
    signAlready: 'Сіз қол қойып қойдыңыз.',
    signed: (n, t, published) =>
      published ? `Қол қойылды: ${t} ішінен ${n} қолтаңбамен мәлімдеме жарияланды.` : `Қол қойылды: әзірге ${t} ішінен ${n}.`,
    mismatch:
      'Сервер өзінің қол қойылған тақтасына сәйкес келмейтін шешімге қол қоюды сұрап отыр. Қол қоймаңыз; сайлау комиссиясына және бақылаушыларға хабарлаңыз.',

    open: 'Дауыс беруді ашу',
    openWrongState: 'Дауыс беру кілт рәсімінен кейін бір рет ашылады.',
    openNeedsDecision: (t) => `Алдымен сайлау комиссиясының шешіміне ${t} мүше қол қоюы керек.`,
    openNotFrozen: 'Алдымен хаттарды шығарыңыз: бұл сайлаушылар тізімін бекітеді.',
    openTooEarly: (from) => `Дауыс беруді ${from} бастап ашуға болады.`,
    openTooLate: (closes) => `${T('votingPeriod')} ${closes} аяқталды.`,
    openConfirmTitle: 'Дауыс беруді ашу керек пе?',
    openConfirmLines: (from, closes) => [
      `Сайлаушылар ${from} бастап ${closes} дейін дауыс бере алады.`,
      'Сайлау анықтамасын, сайлаушылар тізімін және кілттерді енді өзгертуге болмайды.',
    ],
    openConfirm: 'Дауыс беруді қазір ашу',
    opened: 'Дауыс беру ашық.',

    turnoutTitle: `Аудандар бойынша ${term('turnout', 'kk')}`,
    colDistrict: T('district'),
    colRegistered: 'Тіркелген',
    colVoted: 'Дауыс бергендер',
    colTurnout: T('turnout'),
    total: 'Барлығы',

    headTitle: 'Тақтаның қазіргі қол қойылған күйі',
    headIntro:
      'Оны жариялаңыз (хабарландыру тақтасында, бақылаушыларға): кейін кез келген адам тақтаның қайта жазылмағанын көрсете алады.',
    headSize: 'Оқиғалар',
    headRoot: 'Түбір хеші',
    headTime: 'Қол қойылған уақыт',
    headDownload: 'Қол қойылған күйді жүктеп алу (JSON)',

    close: 'Дауыс беруді жабу',
    closeEarly: 'Дауыс беруді мерзімінен бұрын жабу',
    closeWrongState: 'Тек ашық дауыс беруді жабуға болады.',
    closeReasonLabel: 'Дауыс беру неге мерзімінен бұрын жабылады (кілтіңізбен қол қойылып, жарияланады)',
    closeNeedsReason: 'Дауыс беру неге мерзімінен бұрын жабылатынын жазыңыз.',
    closeNoCommission: (closes) =>
      `Дауыс беру ${closes} жабылады. Анықтамада сайлау комиссиясының мүшелері жоқ, сондықтан оны ертерек жабуға болмайды.`,
    closeNotMember: (closes) =>
      `Дауыс беру ${closes} жабылады. Ертерек жабуға сайлау комиссиясы мүшелерінің қолтаңбасы керек; сіздің кілтіңіз олардың бірі емес.`,
    closeConfirmTitle: 'Дауыс беруді жабу керек пе?',
    closeConfirmLines: (early) => [
      'Осыдан кейін бюллетеньдер қабылданбайды және дауыс беруді қайта ашуға болмайды.',
      early ? 'Дауыс беру уақыты аяқталмай жабылады: сіз қол қойған себеп жарияланады.' : `${T('votingPeriod')} аяқталды.`,
    ],
    closeConfirm: 'Дауыс беруді қазір жабу',
    closed: (early) => (early ? 'Дауыс беру жабылды (мерзімінен бұрын, комиссияның қолтаңбасымен).' : 'Дауыс беру жабылды.'),

    earlyTitle: 'Дауыс беруді мерзімінен бұрын жабу',
    earlyIntro: (closes, t) =>
      `Дауыс беру ${closes} жабылады. Оны ертерек жабу үшін сайлау комиссиясының ${t} мүшесі бір мәлімдемеге әрқайсысы өз кілтімен қол қояды: бір мүше оны себебімен ұсынады, қалғандары мұнда оқып, қол қояды.`,
    earlyReasonLabel: 'Дауыс беру неге мерзімінен бұрын жабылады (мүшелер қол қояды; себебі жарияланады)',
    earlyPropose: 'Мерзімінен бұрын жабуды ұсыну',
    earlyProposed: 'Ұсынылды: мүшелер енді оны оқып, қол қоя алады.',
    earlyNone: 'Мерзімінен бұрын жабу ұсынылмаған.',
    earlyReplace: 'Жаңа ұсыныс мұны ешкім қол қоймағанша немесе оған 24 сағат толғанда ауыстырады.',
    earlyPending: 'Ұсынылған мерзімінен бұрын жабу, мүшелер қол қоятын түрінде:',
    earlyReason: (reason) => `Себебі: ${reason}`,
    earlyAt: (at) => `Ұсынылған уақыты: ${at}`,
    earlyRefused: (why) =>
      `Бұл мәлімдемеге қол қоймаңыз: ${why}. Сайлау комиссиясына және бақылаушыларға хабарлап, мерзімінен бұрын жабуды қайта ұсыныңыз.`,
    earlyWhy: {
      malformed: 'бұл мерзімінен бұрын жабу туралы мәлімдеме емес',
      'other-election': 'онда басқа сайлаудың цифрлық ізі аталған',
      'no-reason': 'онда себеп жоқ',
      'in-future': 'оның уақыты әлі келмеген',
      'too-old': 'ол 24 сағаттан бұрын ұсынылған',
    },
    earlyStale: 'Бұл мәлімдемеге 24 сағаттан асты: онымен дауыс беруді жабуға болмайды. Оны қайта ұсыныңыз.',
    earlyNeedsSignatures: (n, t) => `Мерзімінен бұрын жабуға ${t} қолтаңба керек; әзірге ${n}.`,

    paperTitle: 'Қағаз бюллетеньмен дауыс бергендер',
    paperIntro:
      'Жабылғаннан кейін сайлау комиссиясы учаскеде дауыс берген сайлаушылардың тізімін жүктейді (voter_id бағанасы бар CSV файлы). Олардың электрондық дауыстары қашан берілсе де жойылады.',
    paperOnlyClosed: 'Қағазбен дауыс бергендер жабылғаннан кейін және дауыстар өңделмей тұрып жүктеледі.',
    paperFileLabel: 'Қағазбен дауыс бергендердің файлы (CSV)',
    paperRead: (n) => `Оқылған сайлаушы нөмірлері: ${n}.`,
    paperProblems: (n) => `Қатесі бар жолдар: ${n}:`,
    paperLine: (line, message) => `${line}-жол: ${message}`,
    paperUnreadable: (message) => `Файл оқылмайды: ${message}`,
    paperImport: 'Қағазбен дауыс бергендерді жүктеу',
    paperNeedsFile: 'Алдымен файлды таңдаңыз.',
    paperNeedsIds: 'Файлда бірде-бір сайлаушы нөмірі жоқ.',
    paperMalformed: 'Алдымен қате жолдарды түзетіңіз.',
    paperStaged: (n) =>
      `Қағазбен дауыс берген жаңа сайлаушылар: ${n}; олар мүшелердің қолтаңбасын күтеді. Қолтаңба жеткілікті болғанда олардың электрондық дауыстары жойылады.`,
    paperCancelled: (n) => `Жаңадан жойылғандар: ${n}; олардың электрондық дауыстары есептелмейді.`,
    paperPending: (n) => `Тізім (${n}) қолтаңбаларды күтуде:`,
    paperSignIntro: 'Осы сайлаушылардың электрондық дауыстары жойылатынына қол қойыңыз (мәлімдемеде олардың кілттері аталған).',
    paperPublished: (n) => `Тізім жарияланды: ${n} сайлаушының электрондық дауыстары жойылды.`,
  };
})();

export const VOTING_TEXTS = { kk, ru, en } as const;
