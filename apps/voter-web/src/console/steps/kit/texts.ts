// The words the console's action helpers (action.ts, dialog.ts, poll.ts) show in every step: confirm, cancel, busy,
// errors with their code, copying a link.
import type { Language } from '@saylau/protocol';

const en = {
  confirm: 'Confirm',
  cancel: 'Cancel',
  working: 'Working…',
  whyNot: 'Not possible now:',
  failed: (message: string, code: string) => `${code}: ${message}`,
  unexpected: (message: string) => `Something went wrong in this page: ${message}`,
  copy: 'Copy',
  copied: 'Copied.',
  copyFailed: 'The browser did not allow copying: select the link and copy it by hand.',
  download: 'Download',
  updated: (time: string) => `Updated at ${time}.`,
  yes: 'yes',
  no: 'no',
};

export type KitTexts = typeof en;

const ru: KitTexts = {
  confirm: 'Подтвердить',
  cancel: 'Отмена',
  working: 'Выполняется…',
  whyNot: 'Сейчас невозможно:',
  failed: (message, code) => `${code}: ${message}`,
  unexpected: (message) => `Ошибка на этой странице: ${message}`,
  copy: 'Копировать',
  copied: 'Скопировано.',
  copyFailed: 'Браузер не разрешил копирование: выделите ссылку и скопируйте её вручную.',
  download: 'Скачать',
  updated: (time) => `Обновлено в ${time}.`,
  yes: 'да',
  no: 'нет',
};

const kk: KitTexts = {
  confirm: 'Растау',
  cancel: 'Бас тарту',
  working: 'Орындалуда…',
  whyNot: 'Қазір мүмкін емес:',
  failed: (message, code) => `${code}: ${message}`,
  unexpected: (message) => `Осы бетте қате болды: ${message}`,
  copy: 'Көшіру',
  copied: 'Көшірілді.',
  copyFailed: 'Браузер көшіруге рұқсат бермеді: сілтемені белгілеп, қолмен көшіріңіз.',
  download: 'Жүктеп алу',
  updated: (time) => `${time} жаңартылды.`,
  yes: 'иә',
  no: 'жоқ',
};

export const KIT_TEXTS: Readonly<Record<Language, KitTexts>> = { kk, ru, en };
