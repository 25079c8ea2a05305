// zod's own messages ("Invalid input: expected string, received undefined", "Too small: expected array to have
// >=2 items") say what the schema wanted in a programmer's words. A clerk reading the validation report of an
// election definition needs the same fact in plain words: "missing: write a text here", "needs at least 2 items".
// Messages the schemas set themselves (a date-time format, an id pattern) are already written for people and stay.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** zod's default messages all start with one of these; a schema's own message does not. */
const ZOD_DEFAULT = /^(Invalid input|Invalid option|Too small|Too big|Unrecognized key|Invalid string|Invalid)/;

const KIND: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of named fields',
  record: 'a group of named fields',
  literal: 'a fixed value',
};

function kindOf(expected: string): string {
  return KIND[expected] ?? expected;
}

function plural(n: number | bigint, one: string, many: string): string {
  return `${n} ${Number(n) === 1 ? one : many}`;
}

function receivedOf(message: string): string | undefined {
  return /received (\w+)$/.exec(message)?.[1];
}

/** One issue's message in plain words (English, as every error message of the protocol). */
export function plainIssueMessage(issue: Issue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const received = receivedOf(issue.message);
      if (received === 'undefined') return `missing: ${kindOf(issue.expected)} is required here`;
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be ${kindOf(issue.expected)}${received ? `, not ${kindOf(received)}` : ''}`;
    }
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${plural(issue.minimum, 'item', 'items')}`;
      if (issue.origin === 'string')
        return Number(issue.minimum) === 1
          ? 'must not be empty'
          : `needs at least ${plural(issue.minimum, 'character', 'characters')}`;
      return `must be at least ${issue.minimum}${issue.inclusive ? '' : ' (exclusive)'}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return `allows at most ${plural(issue.maximum, 'item', 'items')}`;
      if (issue.origin === 'string') return `allows at most ${plural(issue.maximum, 'character', 'characters')}`;
      return `must be at most ${issue.maximum}${issue.inclusive ? '' : ' (exclusive)'}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'is not one of the allowed forms (see the spec for this field)';
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}
