// Starting points for a new definition: a yes/no referendum and a council election with one district per ward.
// The voting period starts a month ahead in the member's own time zone; the credential KDF is the schema's
// recommended cost for real elections (logN 15).
import type { DefinitionDraft } from '@saylau/protocol';

const CREDENTIAL_KDF = { logN: 15, r: 8, p: 1 } as const;

/** ±HH:MM of this device's time zone now. */
export function deviceOffset(): string {
  const minutes = -new Date().getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The day `days` from now as YYYY-MM-DD in this device's time zone. */
function dayFromNow(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function period(): DefinitionDraft['votingPeriod'] {
  const day = dayFromNow(30);
  return { opens: `${day}T08:00:00${deviceOffset()}`, closes: `${day}T20:00:00${deviceOffset()}` };
}

export function referendumTemplate(): DefinitionDraft {
  return {
    version: 1,
    id: `referendum-${dayFromNow(30).slice(0, 4)}`,
    title: { kk: 'Жергілікті референдум', ru: 'Местный референдум', en: 'Local referendum' },
    votingPeriod: period(),
    districts: [{ id: 'all', name: { kk: 'Бүкіл қала', ru: 'Весь город', en: 'Whole city' } }],
    questions: [
      {
        id: 'question',
        kind: 'referendum',
        text: { kk: 'Ұсынысты қолдайсыз ба?', ru: 'Вы поддерживаете предложение?', en: 'Do you support the proposal?' },
        options: [
          { id: 'yes', label: { kk: 'Иә', ru: 'Да', en: 'Yes' } },
          { id: 'no', label: { kk: 'Жоқ', ru: 'Нет', en: 'No' } },
        ],
        minSelections: 1,
        maxSelections: 1,
        rules: [{ kind: 'majority', option: 'yes', threshold: 'simple' }],
      },
    ],
    ballotStyles: [{ id: 'all', districts: ['all'], questions: ['question'] }],
    trustees: { count: 3, threshold: 2 },
    credentialKdf: { ...CREDENTIAL_KDF },
  };
}

/** One district, one question and one ballot style per ward; two candidates each to rename. */
export function councilTemplate(wards: number): DefinitionDraft {
  const numbers = Array.from({ length: Math.max(1, Math.min(wards, 100)) }, (_, i) => i + 1);
  return {
    version: 1,
    id: `council-${dayFromNow(30).slice(0, 4)}`,
    title: { kk: 'Мәслихат сайлауы', ru: 'Выборы в маслихат', en: 'Council election' },
    votingPeriod: period(),
    districts: numbers.map((n) => ({ id: `ward-${n}`, name: { kk: `${n}-аудан`, ru: `Район ${n}`, en: `Ward ${n}` } })),
    questions: numbers.map((n) => ({
      id: `ward-${n}`,
      kind: 'single' as const,
      text: {
        kk: `${n}-аудан бойынша депутат`,
        ru: `Депутат по району ${n}`,
        en: `Councillor for ward ${n}`,
      },
      options: ['a', 'b'].map((c) => ({
        id: `candidate-${c}`,
        label: { kk: `Үміткер ${c.toUpperCase()}`, ru: `Кандидат ${c.toUpperCase()}`, en: `Candidate ${c.toUpperCase()}` },
      })),
      minSelections: 0,
      maxSelections: 1,
      rules: [],
    })),
    ballotStyles: numbers.map((n) => ({ id: `ward-${n}`, districts: [`ward-${n}`], questions: [`ward-${n}`] })),
    trustees: { count: 3, threshold: 2 },
    credentialKdf: { ...CREDENTIAL_KDF },
  };
}
