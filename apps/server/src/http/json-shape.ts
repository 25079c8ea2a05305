// The shape of a JSON text, checked before JSON.parse or any schema sees it: how deeply it nests and how many
// members one list or object holds. A hostile body (a ballot nested 10,000 lists deep) is refused for the price
// of one pass over its brackets, before anything recurses over it.

export interface JsonShape {
  /** Most lists and objects open at once. */
  readonly maxDepth: number;
  /** Most members of any one list or object. */
  readonly maxMembers: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Why `text` exceeds `shape`, or null when it does not. Brackets and commas are counted outside strings only;
 * the text is not otherwise validated (JSON.parse does that next), so a malformed text may pass here.
 */
export function shapeViolation(text: string, shape: JsonShape): string | null {
  // commas[d]: commas seen in the container open at depth d; n members have n − 1 commas
  const commas = new Uint32Array(shape.maxDepth + 1);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      i = endOfString(text, i);
    } else if (ch === OPEN_LIST || ch === OPEN_OBJECT) {
      if (depth === shape.maxDepth) return `it nests more than ${shape.maxDepth} lists or objects deep`;
      depth++;
      commas[depth] = 0;
    } else if (ch === CLOSE_LIST || ch === CLOSE_OBJECT) {
      if (depth > 0) depth--;
    } else if (ch === COMMA && depth > 0) {
      const n = (commas[depth] as number) + 1;
      commas[depth] = n;
      if (n >= shape.maxMembers) return `a list or object has more than ${shape.maxMembers} members`;
    }
  }
  return null;
}

/** The index of the quote closing the string opened at `open` (or the end of the text if it never closes). */
function endOfString(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at === -1) return text.length;
    // escaped when preceded by an odd number of backslashes
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
  }
}
