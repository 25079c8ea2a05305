// Shape-only schemas for the record reader (spec §7.5): the board's wire schemas with every hex codec replaced by
// its input check (lower-case hex of the right length), so reading a record costs no point decoding at all.
import { z } from 'zod';
import { type SignedTreeHeadJson, SignedTreeHeadWire } from '../board/tree-head.ts';
import { type BoardEventJson, EventWire } from '../events/schema.ts';

type Schema = z.ZodType;
type Def = Record<string, unknown> & { type: string };

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

const hasCodecCache = new WeakMap<Schema, boolean>();

function children(schema: Schema): Schema[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.values(def.shape as Record<string, Schema>);
    case 'array':
      return [def.element as Schema];
    case 'union':
      return def.options as Schema[];
    case 'nullable':
    case 'optional':
    case 'readonly':
      return [def.innerType as Schema];
    case 'record':
      return [def.keyType as Schema, def.valueType as Schema];
    case 'pipe':
      return [def.in as Schema, def.out as Schema];
    default:
      return [];
  }
}

function hasCodec(schema: Schema): boolean {
  const cached = hasCodecCache.get(schema);
  if (cached !== undefined) return cached;
  const found = schema instanceof z.ZodCodec || children(schema).some(hasCodec);
  hasCodecCache.set(schema, found);
  return found;
}

/**
 * The same schema with each codec replaced by its input side: it accepts exactly the JSON the original accepts
 * up to canonical decoding (a 64-hex string that is not a canonical point passes here and fails the full
 * decode), and it outputs that JSON unchanged. Checks, strictness and discriminators are kept.
 */
export function shapeOnly(schema: Schema): Schema {
  if (!hasCodec(schema)) return schema;
  if (schema instanceof z.ZodCodec) return shapeOnly(schema._zod.def.in as Schema);
  const def = defOf(schema);
  const clone = (changes: Record<string, unknown>): Schema => schema.clone({ ...def, ...changes } as never);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, Schema>).map(([k, v]) => [k, shapeOnly(v)]));
      return clone({ shape });
    }
    case 'array':
      return clone({ element: shapeOnly(def.element as Schema) });
    case 'union':
      return clone({ options: (def.options as Schema[]).map(shapeOnly) });
    case 'nullable':
    case 'optional':
    case 'readonly':
      return clone({ innerType: shapeOnly(def.innerType as Schema) });
    case 'record':
      return clone({ keyType: shapeOnly(def.keyType as Schema), valueType: shapeOnly(def.valueType as Schema) });
    default:
      throw new TypeError(`shapeOnly: cannot rewrite a ${def.type} schema that holds a codec`);
  }
}

/** A board event's JSON shape (EventWire without point or scalar decoding). */
export const EventShape = shapeOnly(EventWire) as z.ZodType<BoardEventJson, BoardEventJson>;

/** A signed tree head's JSON shape, co-signatures included (SignedTreeHeadWire without decoding any signature). */
export const TreeHeadShape = shapeOnly(SignedTreeHeadWire) as z.ZodType<SignedTreeHeadJson, SignedTreeHeadJson>;
