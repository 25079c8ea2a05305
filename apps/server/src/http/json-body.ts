// Reading a JSON request body: the content type must be JSON, the body within the route's size limit (413 from
// hono's bodyLimit), the text must parse (400), and the value must match the route's zod schema (400/422 with the
// problem list). Whatever fails, the handler never runs, so nothing is stored.
import { problemsFromZod } from '@saylau/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { ApiError, errorResponse } from './errors.ts';

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
 * 413 beyond `maxSize` bytes. A body with a declared length (what every client sends) is judged by the header
 * alone, since Node's HTTP parser delivers exactly that many bytes; the body is then read on @hono/node-server's
 * fast path, without a web Request and its stream (in the ballot benchmark that took the main thread from 1.2 to
 * 0.9 ms per ballot). A body
 * of unknown length goes through hono's bodyLimit, which counts it as it streams.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    errorResponse(c, new ApiError('PAYLOAD_TOO_LARGE', `the body is larger than ${maxSize} bytes`));
  const streaming = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streaming(c, next);
    return Number(length) > maxSize ? tooLarge(c) : next();
  };
}

/** The parsed JSON value of the body (`{}` when empty). */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('MALFORMED', 'the body is not valid JSON');
  }
}

/** Validates a value against a schema; on failure throws with every problem found. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw ApiError.fromProblems(problemsFromZod(parsed.error));
  return parsed.data;
}
