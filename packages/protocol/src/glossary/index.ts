// The glossary's helpers: a term's wording in a language, as a label, and the check that a text uses no banned
// synonym of a term (the vocabulary tests of the catalogues and the letters run it).
import type { Language } from '../definition/schema.ts';
import { GLOSSARY, TERM_IDS, type TermId } from './terms.ts';

export { GLOSSARY, TERM_IDS, type TermEntry, type TermId, type TermText } from './terms.ts';

/** A term's wording in running text: "signing code", "код подписи", "қолтаңба коды". */
export function term(id: TermId, language: Language): string {
  return GLOSSARY[id][language].name;
}

/** A term's wording as a label or heading, first letter capitalised: "Signing code". */
export function label(id: TermId, language: Language): string {
  const name = term(id, language);
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

export interface VocabularyProblem {
  readonly term: TermId;
  /** The banned synonym found. */
  readonly variant: string;
  /** Some text around it. */
  readonly context: string;
}

/** Every wording (name and forms) of every term in a language, lower-case. */
function wordings(language: Language): string[] {
  return TERM_IDS.flatMap((id) => {
    const t = GLOSSARY[id][language];
    return [t.name, ...(t.forms ?? [])].map((w) => w.toLocaleLowerCase(language));
  });
}

function occurrences(haystack: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) at.push(i);
  return at;
}

/**
 * The banned synonyms a text uses in a language. A banned variant inside a glossary wording is not one
 * ("отпечаток выборов" inside "цифровой отпечаток выборов"): only an occurrence that no wording covers counts.
 */
export function vocabularyProblems(text: string, language: Language): VocabularyProblem[] {
  const lower = text.toLocaleLowerCase(language);
  const covered = wordings(language).flatMap((w) => occurrences(lower, w).map((start) => [start, start + w.length] as const));
  const problems: VocabularyProblem[] = [];
  for (const id of TERM_IDS) {
    for (const variant of GLOSSARY[id][language].banned ?? []) {
      for (const start of occurrences(lower, variant)) {
        const end = start + variant.length;
        if (covered.some(([s, e]) => s <= start && end <= e)) continue;
        problems.push({ term: id, variant, context: text.slice(Math.max(0, start - 30), end + 30) });
      }
    }
  }
  return problems;
}
