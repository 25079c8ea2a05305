// The definition in progress as YAML text, the one source the form and the editor both edit: field changes go
// through the YAML document (comments and layout kept), every change is checked with the protocol's own
// parseDefinitionDraft (the server's codes and paths), each problem located at its YAML line. The draft is kept in
// localStorage so a reload never loses it.
import { bytesToHex, encodePoint, G } from '@saylau/crypto';
import { type ElectionDefinition, type Problem, parseDefinitionDraft } from '@saylau/protocol';
import { type Document, isNode, LineCounter, parseDocument, stringify } from 'yaml';

/** Drafts have no board key (the server adds its own); a stand-in completes them for checking, as the CLI does. */
const PLACEHOLDER_BOARD_KEY = bytesToHex(encodePoint(G));
const STORAGE_KEY = 'saylau.console.definition-draft';

export type Path = readonly (string | number)[];

export interface CheckedDraft {
  readonly text: string;
  /** The parsed value; undefined when the text is not YAML. */
  readonly value: unknown;
  readonly syntaxError: { readonly line: number | undefined; readonly message: string } | null;
  readonly problems: readonly Problem[];
  /** The definition as it would be (with a stand-in board key), when there is no problem. */
  readonly definition: ElectionDefinition | null;
  lineOf(path: Path): number | undefined;
}

function parse(text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines }), lines };
}

/** Parses and checks the text. */
export function checkDraft(text: string): CheckedDraft {
  const { doc, lines } = parse(text);
  const lineOf = (path: Path): number | undefined => {
    // the deepest node present on the way to path: a missing member is shown at its parent's line
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const error = doc.errors[0];
  if (error) {
    return {
      text,
      value: undefined,
      syntaxError: { line: error.linePos?.[0]?.line, message: error.message.split('\n')[0] ?? error.code },
      problems: [],
      definition: null,
      lineOf,
    };
  }
  const value: unknown = doc.toJS();
  const result = parseDefinitionDraft(value, PLACEHOLDER_BOARD_KEY);
  return {
    text,
    value,
    syntaxError: null,
    problems: result.ok ? [] : result.problems,
    definition: result.ok ? result.value : null,
    lineOf,
  };
}

/** The text with the value at path set (created if missing). */
export function setIn(text: string, path: Path, value: unknown): string {
  const { doc } = parse(text);
  doc.setIn(path, value);
  return doc.toString();
}

/** The text with the value added to the list at path. */
export function addIn(text: string, path: Path, value: unknown): string {
  const { doc } = parse(text);
  doc.addIn(path, value);
  return doc.toString();
}

/** The text without the value at path. */
export function deleteIn(text: string, path: Path): string {
  const { doc } = parse(text);
  doc.deleteIn(path);
  return doc.toString();
}

/** A definition object as YAML text. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

/** An uploaded file as YAML text: JSON is converted, YAML kept as written (comments and all). */
export function uploadedText(name: string, text: string): string {
  if (/\.json$/i.test(name) || /^\s*[{[]/.test(text)) {
    try {
      return toYaml(JSON.parse(text));
    } catch {
      // not JSON after all: shown as it is, the editor points at the line that does not parse
    }
  }
  return text;
}

export function pathText(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

export function loadDraft(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage can be disabled by policy: the draft then lasts as long as the page
    return null;
  }
}

export function saveDraft(text: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // see loadDraft
  }
}

export function clearDraft(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // see loadDraft
  }
}
