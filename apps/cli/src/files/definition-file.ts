// Reading a commission's election definition from a JSON or YAML file and checking it before it goes to the
// server: the validation report lists every problem with its path, the same problems the server would find.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { bytesToHex, encodePoint, G } from '@saylau/crypto';
import { type DefinitionDraft, type ElectionDefinition, parseDefinitionDraft } from '@saylau/protocol';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { CliError, EXIT } from '../cli/errors.ts';

/** Drafts have no board key (the server adds its own); a stand-in completes them for checking. */
const PLACEHOLDER_BOARD_KEY = bytesToHex(encodePoint(G));

/** A file's parsed content and, for YAML, the line each path of it starts on. */
export interface StructuredFile {
  readonly value: unknown;
  /** The line (1-based) of the value at path, or of its nearest parent present in the file; undefined for JSON. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** Parses a .json, .yaml or .yml file (by extension; anything else is tried as JSON, then YAML). */
export function readStructuredFile(file: string): unknown {
  return readLocatedFile(file).value;
}

/** Like readStructuredFile, keeping where each value stands in a YAML file (for reports a clerk can follow). */
export function readLocatedFile(file: string): StructuredFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.usage);
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return parseYamlText(file, text);
  try {
    return { value: JSON.parse(text), lineOf: () => undefined };
  } catch (error) {
    if (ext === '.json') throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, EXIT.usage);
    return parseYamlText(file, text);
  }
}

function parseYamlText(file: string, text: string): StructuredFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: true, lineCounter: lines });
  const error = document.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    throw new CliError(
      `${file} is not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${error.code}`,
      EXIT.usage,
      [`  ${error.message.split('\n')[0]}`],
    );
  }
  return {
    value: document.toJS(),
    lineOf(path) {
      // the deepest node the file has on the way to path: a missing member is reported at its parent's line
      // (a member missing at the top has no line to show)
      for (let n = path.length; n > 0; n--) {
        const node = document.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

export interface CheckedDraft {
  readonly draft: DefinitionDraft;
  /** The draft completed with a stand-in board key: for summaries only, never published. */
  readonly preview: ElectionDefinition;
}

/** Reads and validates a definition draft; throws a CliError carrying the whole validation report. */
export function loadDefinitionDraft(file: string): CheckedDraft {
  const input = readLocatedFile(file);
  const checked = parseDefinitionDraft(input.value, PLACEHOLDER_BOARD_KEY);
  if (!checked.ok) {
    const n = checked.problems.length;
    throw new CliError(`${file}: the definition has ${n} problem${n === 1 ? '' : 's'}; nothing was sent`, EXIT.usage, [
      ...checked.problems.map((p) => {
        const line = input.lineOf(p.path);
        return `  ${p.code} at ${p.path.join('.') || 'the top'}${line === undefined ? '' : ` (line ${line})`}: ${p.message}`;
      }),
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
