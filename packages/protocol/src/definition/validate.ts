// Cross-field rules of an election definition (spec §3.3): every problem is reported with its path and code.
import { decodePoint, hexToBytes } from '@saylau/crypto';
import type { z } from 'zod';
import { decodeErrorCode } from '../codec.ts';
import { fail, ok, type Problem, problem, type Result } from '../errors.ts';
import { plainIssueMessage } from './plain-messages.ts';
import { type ElectionDefinition, ElectionDefinitionSchema, type Question } from './schema.ts';

/** zod issues → our problems: shape errors are MALFORMED, except where a specific code fits. */
export function problemsFromZod(error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // Name each unknown member in the path, so the report points at it rather than at its parent.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => problem('MALFORMED', [...path, key], `unknown field "${key}" (a typing mistake?)`));
    const isTranslation = issue.code === 'invalid_type' && ['kk', 'ru', 'en'].includes(String(path[path.length - 1]));
    const custom = issue.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
    if (custom === 'POINT_NOT_CANONICAL' || custom === 'POINT_IS_IDENTITY' || custom === 'SCALAR_NOT_CANONICAL') {
      return [problem(custom, path)];
    }
    return [problem(isTranslation ? 'MISSING_TRANSLATION' : 'MALFORMED', path, plainIssueMessage(issue))];
  });
}

function duplicates(ids: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return dup;
}

function questionProblems(q: Question, at: (string | number)[]): Problem[] {
  const out: Problem[] = [];
  const optionIds = q.options.map((o) => o.id);
  for (const id of duplicates(optionIds))
    out.push(problem('DUPLICATE_ID', [...at, 'options'], `option id "${id}" is used twice`));
  if (q.maxSelections > q.options.length || q.minSelections > q.maxSelections) {
    out.push(problem('BAD_LIMITS', [...at, 'maxSelections'], `selections must satisfy min ≤ max ≤ ${q.options.length} options`));
  }
  if (q.kind === 'referendum') {
    const expected = optionIds.length === 3 ? ['yes', 'no', 'blank'] : ['yes', 'no'];
    if (optionIds.join() !== expected.join()) {
      out.push(
        problem(
          'DEFINITION_INVALID',
          [...at, 'options'],
          'a referendum has the options yes, no and optionally blank, in that order',
        ),
      );
    }
  }
  if ((q.kind === 'referendum' || q.kind === 'single') && q.maxSelections !== 1) {
    out.push(problem('BAD_LIMITS', [...at, 'maxSelections'], `a ${q.kind} question allows exactly one selection`));
  }
  q.rules.forEach((rule, i) => {
    if ((rule.kind === 'approval-quorum' || rule.kind === 'majority') && !optionIds.includes(rule.option)) {
      out.push(problem('UNKNOWN_REFERENCE', [...at, 'rules', i, 'option'], `rule names unknown option "${rule.option}"`));
    }
    if (rule.kind === 'majority' && rule.option === 'blank') {
      out.push(problem('BAD_RULE', [...at, 'rules', i, 'option'], 'a majority rule cannot be about blank answers'));
    }
  });
  if (q.rules.filter((r) => r.kind === 'district-quorum').length > 1) {
    out.push(problem('BAD_RULE', [...at, 'rules'], 'at most one district-quorum rule per question'));
  }
  if (q.rules.length > 0 && q.rules.every((r) => r.kind === 'district-quorum')) {
    out.push(problem('BAD_RULE', [...at, 'rules'], 'a district-quorum rule needs another rule to apply per district'));
  }
  return out;
}

/** The rules zod's shape cannot express: uniqueness, references, limits, period, threshold, styles. */
export function definitionProblems(d: ElectionDefinition): Problem[] {
  const out: Problem[] = [];
  const districtIds = d.districts.map((x) => x.id);
  const questionIds = d.questions.map((x) => x.id);
  const styleIds = d.ballotStyles.map((x) => x.id);
  for (const [name, ids] of [
    ['districts', districtIds],
    ['questions', questionIds],
    ['ballotStyles', styleIds],
  ] as const) {
    for (const id of duplicates(ids)) out.push(problem('DUPLICATE_ID', [name], `id "${id}" is used twice in ${name}`));
  }
  if (Date.parse(d.votingPeriod.closes) <= Date.parse(d.votingPeriod.opens)) {
    out.push(problem('BAD_PERIOD', ['votingPeriod', 'closes']));
  }
  if (d.trustees.threshold > d.trustees.count) out.push(problem('BAD_THRESHOLD', ['trustees', 'threshold']));
  d.questions.forEach((q, i) => {
    out.push(...questionProblems(q, ['questions', i]));
  });
  const styleOf = new Map<string, string[]>();
  d.ballotStyles.forEach((style, i) => {
    style.districts.forEach((id, j) => {
      if (!districtIds.includes(id))
        out.push(problem('UNKNOWN_REFERENCE', ['ballotStyles', i, 'districts', j], `unknown district "${id}"`));
      styleOf.set(id, [...(styleOf.get(id) ?? []), style.id]);
    });
    style.questions.forEach((id, j) => {
      if (!questionIds.includes(id))
        out.push(problem('UNKNOWN_REFERENCE', ['ballotStyles', i, 'questions', j], `unknown question "${id}"`));
    });
    for (const id of duplicates(style.questions))
      out.push(problem('DUPLICATE_ID', ['ballotStyles', i, 'questions'], `question "${id}" twice`));
  });
  d.districts.forEach((district, i) => {
    const styles = styleOf.get(district.id) ?? [];
    if (styles.length !== 1) {
      out.push(
        problem(
          'STYLE_CONFLICT',
          ['districts', i],
          `district "${district.id}" is in ${styles.length} ballot styles; it must be in exactly one`,
        ),
      );
    }
  });
  d.questions.forEach((q, i) => {
    const seenBy = d.ballotStyles.filter((s) => s.questions.includes(q.id)).flatMap((s) => s.districts);
    if (seenBy.length === 0) out.push(problem('UNKNOWN_REFERENCE', ['questions', i], `question "${q.id}" is on no ballot style`));
    q.rules.forEach((rule, j) => {
      if (rule.kind === 'district-quorum' && rule.minDistricts > new Set(seenBy).size) {
        out.push(
          problem('BAD_RULE', ['questions', i, 'rules', j, 'minDistricts'], 'more districts required than see the question'),
        );
      }
    });
  });
  try {
    decodePoint(hexToBytes(d.boardKey));
  } catch (error) {
    out.push(problem(decodeErrorCode(error), ['boardKey']));
  }
  for (const [part, signers, needed, neededName] of [
    ['commission', d.commission?.members, d.commission?.threshold, 'threshold'],
    ['witnesses', d.witnesses?.members, d.witnesses?.quorum, 'quorum'],
  ] as const) {
    if (!signers || needed === undefined) continue;
    for (const id of duplicates(signers.map((m) => m.id)))
      out.push(problem('DUPLICATE_ID', [part, 'members'], `id "${id}" is used twice`));
    for (const key of duplicates(signers.map((m) => m.publicKey)))
      out.push(problem('DUPLICATE_ID', [part, 'members'], `public key ${key.slice(0, 8)}… is used twice`));
    if (needed > signers.length)
      out.push(
        problem(
          'BAD_THRESHOLD',
          [part, neededName],
          `${needed} of ${signers.length} ${part === 'commission' ? 'members' : 'witnesses'}`,
        ),
      );
    signers.forEach((m, i) => {
      try {
        decodePoint(hexToBytes(m.publicKey));
      } catch (error) {
        out.push(problem(decodeErrorCode(error), [part, 'members', i, 'publicKey']));
      }
    });
  }
  if ((d.validityBasis === 'paper' || d.validityBasis === 'both') && !d.commission) {
    // paper results are the commission's signed statement (spec §4.4.3): without members nobody can attest them
    out.push(
      problem(
        'DEFINITION_INVALID',
        ['validityBasis'],
        `validity judged on "${d.validityBasis}" needs paper results signed by a commission: name its members`,
      ),
    );
  }
  return out;
}

/** Parses and validates untrusted input; on failure lists every problem found. */
export function parseDefinition(input: unknown): Result<ElectionDefinition> {
  const parsed = ElectionDefinitionSchema.safeParse(input);
  if (!parsed.success) return fail(problemsFromZod(parsed.error));
  const problems = definitionProblems(parsed.data);
  return problems.length > 0 ? fail(problems) : ok(parsed.data);
}

/** Validates a commission's draft by completing it with a board key (the server's, or a placeholder for a dry run). */
export function parseDefinitionDraft(input: unknown, boardKeyHex: string): Result<ElectionDefinition> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return fail([problem('MALFORMED', [], 'a definition is a JSON object')]);
  if ('boardKey' in input) return fail([problem('MALFORMED', ['boardKey'], 'the board key is set by the server')]);
  return parseDefinition({ ...input, boardKey: boardKeyHex });
}
