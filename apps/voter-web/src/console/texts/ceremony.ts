// The key ceremony step's texts (steps/ceremony.ts) in kk, ru and en; glossary terms from the protocol.
import { label, type TermId, term } from '@saylau/protocol';

const list = (xs: readonly number[]): string => xs.join(', ');

const en = (() => {
  const T = (id: TermId) => label(id, 'en');
  const w = (id: TermId) => term(id, 'en');
  return {
    title: 'Key ceremony',
    intro: (t: number, n: number) =>
      `${n} ${w('trustee')}s each make a key of their own and deal shares of the election key to the others. Any ${t} of them will be able to decrypt the totals; fewer learn nothing. The number and the threshold are the definition's.`,
    nameLabel: (x: number) => `Name of ${w('trustee')} ${x}`,
    start: 'Start the key ceremony',
    startNeedsNames: `Enter every ${w('trustee')}'s name.`,
    startNotDraft: 'The key ceremony has started already.',
    started: (n: number) =>
      `The key ceremony has started: ${n} invitation links are below. Give each ${w('trustee')} its own link, privately.`,
    invitationsTitle: 'Invitation links',
    invitationsIntro: `Each link opens the ${w('trustee')}'s page and enrolls that ${w('trustee')} once. The server does not keep the links: this browser tab keeps them until it is closed.`,
    invitationsLost: `The invitation links were shown once, in the browser tab that started the ceremony. ${T('trustee')}s who have not enrolled yet need that tab.`,
    invitationLabel: (x: number, name: string) => `Link for ${w('trustee')} ${x} (${name})`,
    statusTitle: (t: number, n: number) => `${T('trustee')}s (any ${t} of ${n} decrypt)`,
    colTrustee: T('trustee'),
    colName: 'Name',
    colEnrolled: 'Key enrolled',
    colDealt: 'Shares dealt',
    colVerified: 'Shares verified',
    colComplaints: 'Complaints',
    colDisqualified: 'Left out',
    complainedAbout: (dealers: readonly number[]) => `against ${list(dealers)}`,
    finish: 'Finish the key ceremony',
    finishNotStarted: 'Start the ceremony first.',
    finishOver: 'The key ceremony is finished.',
    finishAbsent: (xs: readonly number[]) => `${T('trustee')}s ${list(xs)} have not yet sent their key, commitment and shares.`,
    finishUnacknowledged: (xs: readonly number[]) =>
      `${T('trustee')}s ${list(xs)} must still verify their shares as the ceremony now stands.`,
    finishTooFew: (q: number, needed: number) => `Only ${q} dealers qualify; at least ${needed} must.`,
    finished: (qualified: readonly number[]) =>
      `The election key is made from the shares of ${w('trustee')}s ${list(qualified)}.`,
    disqualified: (x: number, why: string) => `${T('trustee')} ${x} is left out: ${why}`,
    electionKey: 'Election key',
    readFailed: 'The ceremony could not be read:',
  };
})();

export type CeremonyTexts = typeof en;

const ru: CeremonyTexts = (() => {
  const T = (id: TermId) => label(id, 'ru');
  return {
    title: 'Церемония ключа',
    intro: (t, n) =>
      `Каждый из ${n} хранителей ключа создаёт собственный ключ и раздаёт остальным доли ключа выборов. Любые ${t} из них смогут расшифровать итоги; меньшее число не узнает ничего. Число и порог взяты из определения выборов.`,
    nameLabel: (x) => `Имя: ${term('trustee', 'ru')} ${x}`,
    start: 'Начать церемонию ключа',
    startNeedsNames: 'Введите имена всех хранителей ключа.',
    startNotDraft: 'Церемония ключа уже начата.',
    started: (n) => `Церемония ключа начата: ниже ${n} ссылки-приглашения. Передайте каждому хранителю ключа его ссылку лично.`,
    invitationsTitle: 'Ссылки-приглашения',
    invitationsIntro:
      'Каждая ссылка открывает страницу хранителя ключа и один раз регистрирует его. Сервер не хранит ссылки: их хранит эта вкладка браузера, пока она открыта.',
    invitationsLost:
      'Ссылки-приглашения были показаны один раз, во вкладке, где начата церемония. Хранителям ключа, ещё не зарегистрированным, нужна та вкладка.',
    invitationLabel: (x, name) => `Ссылка: ${term('trustee', 'ru')} ${x} (${name})`,
    statusTitle: (t, n) => `Хранители ключа (расшифровывают любые ${t} из ${n})`,
    colTrustee: T('trustee'),
    colName: 'Имя',
    colEnrolled: 'Ключ зарегистрирован',
    colDealt: 'Доли розданы',
    colVerified: 'Доли проверены',
    colComplaints: 'Жалобы',
    colDisqualified: 'Исключён',
    complainedAbout: (dealers) => `на ${list(dealers)}`,
    finish: 'Завершить церемонию ключа',
    finishNotStarted: 'Сначала начните церемонию.',
    finishOver: 'Церемония ключа завершена.',
    finishAbsent: (xs) => `Хранители ключа ${list(xs)} ещё не прислали ключ, обязательства и доли.`,
    finishUnacknowledged: (xs) => `Хранители ключа ${list(xs)} ещё должны проверить свои доли в нынешнем состоянии церемонии.`,
    finishTooFew: (q, needed) => `Подходят только ${q} раздающих; нужно не меньше ${needed}.`,
    finished: (qualified) => `Ключ выборов составлен из долей хранителей ключа ${list(qualified)}.`,
    disqualified: (x, why) => `${T('trustee')} ${x} исключён: ${why}`,
    electionKey: 'Ключ выборов',
    readFailed: 'Не удалось прочитать церемонию:',
  };
})();

const kk: CeremonyTexts = (() => {
  const T = (id: TermId) => label(id, 'kk');
  return {
    title: 'Кілт рәсімі',
    intro: (t, n) =>
      `${n} кілт сақтаушының әрқайсысы өз кілтін жасап, сайлау кілтінің үлестерін басқаларға таратады. Кез келген ${t} кілт сақтаушы қорытындыны шифрдан шығара алады; одан азы ештеңе білмейді. Саны мен шегі сайлау анықтамасынан алынған.`,
    nameLabel: (x) => `Аты: ${term('trustee', 'kk')} ${x}`,
    start: 'Кілт рәсімін бастау',
    startNeedsNames: 'Барлық кілт сақтаушылардың атын енгізіңіз.',
    startNotDraft: 'Кілт рәсімі басталып қойған.',
    started: (n) => `Кілт рәсімі басталды: төменде ${n} шақыру сілтемесі. Әр кілт сақтаушыға өз сілтемесін жеке беріңіз.`,
    invitationsTitle: 'Шақыру сілтемелері',
    invitationsIntro:
      'Әр сілтеме кілт сақтаушының бетін ашып, оны бір рет тіркейді. Сервер сілтемелерді сақтамайды: оларды браузердің осы қойындысы жабылғанша сақтайды.',
    invitationsLost:
      'Шақыру сілтемелері рәсім басталған қойындыда бір рет көрсетілді. Әлі тіркелмеген кілт сақтаушыларға сол қойынды керек.',
    invitationLabel: (x, name) => `Сілтеме: ${term('trustee', 'kk')} ${x} (${name})`,
    statusTitle: (t, n) => `Кілт сақтаушылар (${n} ішінен кез келген ${t} шифрдан шығарады)`,
    colTrustee: T('trustee'),
    colName: 'Аты',
    colEnrolled: 'Кілт тіркелді',
    colDealt: 'Үлестер таратылды',
    colVerified: 'Үлестер тексерілді',
    colComplaints: 'Шағымдар',
    colDisqualified: 'Шығарылды',
    complainedAbout: (dealers) => `${list(dealers)} туралы`,
    finish: 'Кілт рәсімін аяқтау',
    finishNotStarted: 'Алдымен рәсімді бастаңыз.',
    finishOver: 'Кілт рәсімі аяқталды.',
    finishAbsent: (xs) => `${list(xs)} кілт сақтаушылар кілтін, міндеттемелерін және үлестерін әлі жіберген жоқ.`,
    finishUnacknowledged: (xs) => `${list(xs)} кілт сақтаушылар рәсімнің қазіргі күйінде өз үлестерін әлі тексеруі керек.`,
    finishTooFew: (q, needed) => `Тек ${q} таратушы сәйкес келеді; кемінде ${needed} керек.`,
    finished: (qualified) => `Сайлау кілті ${list(qualified)} кілт сақтаушылардың үлестерінен жасалды.`,
    disqualified: (x, why) => `${T('trustee')} ${x} шығарылды: ${why}`,
    electionKey: 'Сайлау кілті',
    readFailed: 'Рәсімді оқу мүмкін болмады:',
  };
})();

export const CEREMONY_TEXTS = { kk, ru, en } as const;
