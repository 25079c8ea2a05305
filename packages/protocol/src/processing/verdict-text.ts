// A validity verdict's figures in words (spec §6.6), the same sentence in `saylau tally`/`results` and the verifier's
// report: "turnout 7 of 15 registered = 46.7% (required ≥ 30.00%)". English, like every message of the tools; the
// public page says the same in kk/ru/en from its own catalogue.
import type { ElectionDefinition, Language, ValidityRule } from '../definition/schema.ts';
import { shareText } from '../display.ts';

/** An option as printed: its label in the reader's language and, in brackets, its id ("Иә (yes)"). */
export function optionName(definition: ElectionDefinition, questionId: string, optionId: string, language: Language): string {
  const option = definition.questions.find((q) => q.id === questionId)?.options.find((o) => o.id === optionId);
  return option ? `${option.label[language]} (${optionId})` : optionId;
}

const percentOfBasisPoints = (bp: number) => `${(bp / 100).toFixed(2)}%`;

/**
 * One rule's verdict figures in words. `rule` is the definition's rule at the same index (for its option and
 * threshold); figures the sentence does not know are listed as "name value".
 */
export function verdictText(
  definition: ElectionDefinition,
  questionId: string,
  language: Language,
  rule: ValidityRule | undefined,
  kind: string,
  figures: Readonly<Record<string, number>>,
): string {
  const n = (key: string) => figures[key] ?? 0;
  if (kind === 'turnout-quorum' && figures.basisPoints !== undefined) {
    return `turnout ${n('ballots')} of ${n('registered')} registered = ${shareText(n('ballots'), n('registered'))} (required ≥ ${percentOfBasisPoints(n('basisPoints'))})`;
  }
  if (kind === 'approval-quorum' && figures.basisPoints !== undefined && rule?.kind === 'approval-quorum') {
    return `"${optionName(definition, questionId, rule.option, language)}" chosen by ${n('count')} of ${n('registered')} registered = ${shareText(n('count'), n('registered'))} (required ≥ ${percentOfBasisPoints(n('basisPoints'))})`;
  }
  if (kind === 'majority' && figures.base !== undefined && rule?.kind === 'majority') {
    const required = rule.threshold === 'simple' ? 'more than half' : 'at least two thirds';
    return `"${optionName(definition, questionId, rule.option, language)}" ${n('count')} of ${n('base')} non-blank answers = ${shareText(n('count'), n('base'))} (required ${required})`;
  }
  if (kind === 'district-quorum' && figures.minDistricts !== undefined) {
    const each = Object.entries(figures)
      .filter(([k]) => k.startsWith('district:'))
      .map(([k, v]) => {
        const id = k.slice('district:'.length);
        const name = definition.districts.find((d) => d.id === id)?.name[language];
        return `${name ? `${name} (${id})` : id} ${v ? 'passes' : 'fails'}`;
      });
    return `${n('passing')} of ${n('districts')} districts pass the other rules (required ≥ ${n('minDistricts')}): ${each.join(', ')}`;
  }
  return Object.entries(figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
