// Reading a JSON request body: the content type must be JSON, the body within the route's size limit (413 from
// hono's bodyLimit), the text within the route's JSON shape (400, before it is parsed), the text must parse (400),
// and the value must match the route's zod schema (400/422 with the problem list). Whatever fails, the handler
// never runs, so nothing is stored. A client that hangs up part-way gets BODY_INCOMPLETE, not a logged INTERNAL.
import type { IncomingMessage } from 'node:http';
import { problemsFromZod } from '@saylau/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { ApiError, errorResponse } from './errors.ts';
import { type JsonShape, shapeViolation } from './json-shape.ts';

function mediaType(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase();
}

/** 415 unless the body is declared JSON. An empty body without a content type is read as `{}` (e.g. `POST …/open`). */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = mediaType(c.req.header('content-type'));
  if (type === 'application/json' || (type === undefined && declaredEmpty(c))) return next();
  return errorResponse(c, new ApiError('UNSUPPORTED_MEDIA_TYPE'));
};

function declaredEmpty(c: Context): boolean {
  const length = c.req.header('content-length');
  if (length !== undefined) return length === '0';
  // no length declared: only the request object knows (touching it makes @hono/node-server build a full Request)
  return c.req.header('transfer-encoding') === undefined && c.req.raw.body === null;
}

/**
 * 413 beyond `maxSize` bytes (a number, or one computed from the request before its body is read: a trustee's
 * bound follows the election's n and t). A body with a declared length (what every client sends) is judged by
 * the header alone, since Node's HTTP parser delivers exactly that many bytes; the body is then read on
 * @hono/node-server's fast path, without a web Request and its stream (in the ballot benchmark that took the main
 * thread from 1.2 to 0.9 ms per ballot). A body of unknown length goes through hono's bodyLimit, which counts it
 * as it streams.
 */
export function limitBody(maxSize: number | ((c: Context) => number)): MiddlewareHandler {
  const tooLarge = (c: Context, max: number) =>
    errorResponse(c, new ApiError('PAYLOAD_TOO_LARGE', `the body is larger than ${max} bytes`));
  const streamingFor = (max: number) => bodyLimit({ maxSize: max, onError: (c) => tooLarge(c, max) });
  const fixed = typeof maxSize === 'number' ? streamingFor(maxSize) : null;
  return async (c, next) => {
    const max = typeof maxSize === 'number' ? maxSize : maxSize(c);
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
      try {
        return await (fixed ?? streamingFor(max))(c, next);
      } catch (error) {
        throw cutShortOr(c, error);
      }
    }
    return Number(length) > max ? tooLarge(c, max) : next();
  };
}

/** The parsed JSON value of the body (`{}` when empty), refused before parsing if it exceeds `shape`. */
export async function readJson(c: Context, shape: JsonShape): Promise<unknown> {
  let text: string;
  try {
    text = await c.req.text();
  } catch (error) {
    throw cutShortOr(c, error);
  }
  if (text.trim() === '') return {};
  const violation = shapeViolation(text, shape);
  if (violation) throw new ApiError('JSON_TOO_COMPLEX', `the body is refused before parsing: ${violation}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('MALFORMED', 'the body is not valid JSON');
  }
}

/**
 * BODY_INCOMPLETE when the client hung up before its body was in (its own doing, and nobody is left to answer),
 * else the error itself: a failure to read a body that did arrive is ours.
 */
function cutShortOr(c: Context, error: unknown): unknown {
  const incoming = (c.env as { incoming?: Partial<IncomingMessage> } | undefined)?.incoming;
  const cutShort = incoming?.complete === false && (incoming.destroyed === true || incoming.readableAborted === true);
  return cutShort ? new ApiError('BODY_INCOMPLETE') : error;
}

/** Validates a value against a schema; on failure throws with every problem found. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw ApiError.fromProblems(problemsFromZod(parsed.error));
  return parsed.data;
}
