// Reading a commission's election definition from a JSON or YAML file and checking it before it goes to the
// server: the validation report lists every problem with its path, the same problems the server would find.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { bytesToHex, encodePoint, G } from '@saylau/crypto';
import { type DefinitionDraft, type ElectionDefinition, parseDefinitionDraft } from '@saylau/protocol';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { CliError, EXIT, problemLines } from '../cli/errors.ts';

/** Drafts have no board key (the server adds its own); a stand-in completes them for checking. */
const PLACEHOLDER_BOARD_KEY = bytesToHex(encodePoint(G));

/** Parses a .json, .yaml or .yml file (by extension; anything else is tried as JSON, then YAML). */
export function readStructuredFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.usage);
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return parseYamlText(file, text);
  try {
    return JSON.parse(text);
  } catch (error) {
    if (ext === '.json') throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, EXIT.usage);
    return parseYamlText(file, text);
  }
}

function parseYamlText(file: string, text: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      throw new CliError(
        `${file} is not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${error.code}`,
        EXIT.usage,
        [`  ${error.message.split('\n')[0]}`],
      );
    }
    throw error;
  }
}

export interface CheckedDraft {
  readonly draft: DefinitionDraft;
  /** The draft completed with a stand-in board key: for summaries only, never published. */
  readonly preview: ElectionDefinition;
}

/** Reads and validates a definition draft; throws a CliError carrying the whole validation report. */
export function loadDefinitionDraft(file: string): CheckedDraft {
  const input = readStructuredFile(file);
  const checked = parseDefinitionDraft(input, PLACEHOLDER_BOARD_KEY);
  if (!checked.ok) {
    const n = checked.problems.length;
    throw new CliError(`${file}: the definition has ${n} problem${n === 1 ? '' : 's'}; nothing was sent`, EXIT.usage, [
      ...problemLines(checked.problems),
    ]);
  }
  const { boardKey: _placeholder, ...draft } = checked.value;
  return { draft, preview: checked.value };
}

/** A few lines describing a definition: districts, questions with kinds and rules, ballot styles, trustees. */
export function describeDefinition(d: ElectionDefinition): string[] {
  const lines = [
    `election ${d.id}: ${d.title.en}`,
    `  voting ${d.votingPeriod.opens} → ${d.votingPeriod.closes}`,
    `  districts: ${d.districts.map((x) => x.id).join(', ')}`,
  ];
  for (const q of d.questions) {
    const rules = q.rules.map((r) => {
      if (r.kind === 'turnout-quorum') return `turnout ≥ ${r.percent}%`;
      if (r.kind === 'approval-quorum') return `"${r.option}" ≥ ${r.percent}% of registered`;
      if (r.kind === 'majority') return `${r.threshold} majority for "${r.option}"`;
      return `in ≥ ${r.minDistricts} districts`;
    });
    lines.push(
      `  question ${q.id} (${q.kind}, ${q.minSelections}–${q.maxSelections} of ${q.options.map((o) => o.id).join('/')})${rules.length ? `: ${rules.join('; ')}` : ''}`,
    );
  }
  for (const s of d.ballotStyles)
    lines.push(`  ballot style ${s.id}: districts ${s.districts.join(', ')} see ${s.questions.join(', ')}`);
  lines.push(
    `  trustees: any ${d.trustees.threshold} of ${d.trustees.count}; credential scrypt 2^${d.credentialKdf.logN}, r=${d.credentialKdf.r}, p=${d.credentialKdf.p}`,
  );
  return lines;
}
