// Declaring an endpoint once: its path, role, request schemas and answer feed both the Hono route (validation
// before the handler runs) and the OpenAPI document, so the two cannot drift apart.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { ServerConfig } from '../config.ts';
import { limitBody, readJson, requireJson, validate } from './json-body.ts';
import type { JsonShape } from './json-shape.ts';

/**
 * `member`: a commission member's own console session (cookie), where the admin token means nothing. `operator`:
 * the admin token alone (who may use the console: members' invitations and disabling), never a console session, so
 * that a stolen session cannot make itself a lasting member.
 */
export type Role = 'commission' | 'member' | 'operator' | 'trustee' | 'voter' | 'witness' | 'public';

/**
 * What runs first on every route of a role, before its `before` and before any body is read: the commission's
 * authentication and actions log (members/commission-auth.ts). Declared by role, so no route can forget it.
 */
export type Guards = Partial<
  Record<Role, (route: { readonly method: 'get' | 'post'; readonly path: string }) => MiddlewareHandler>
>;

const pass: MiddlewareHandler = async (_c, next) => {
  await next();
};

export interface RouteDoc {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly role: Role;
  readonly body?: z.ZodType;
  readonly query?: z.ZodObject;
  readonly response?: z.ZodType;
  readonly status: ContentfulStatusCode;
}

interface Spec<B extends z.ZodType | undefined, Q extends z.ZodObject | undefined> {
  readonly summary: string;
  readonly role: Role;
  readonly body?: B;
  /**
   * The body's full schema for the document when `body` is deliberately shallow (a ballot is checked in the
   * intake, a definition by parseDefinitionDraft, both with richer problem codes than a schema gives).
   */
  readonly documentedBody?: z.ZodType;
  readonly query?: Q;
  /** The success answer, for the document (answers are built by the server, not validated again). */
  readonly response?: z.ZodType;
  readonly status?: ContentfulStatusCode;
  /**
   * Which body size limit applies (default `small`), or the limit computed from the request before its body is
   * read (after `before`): a trustee's request is bounded by the election's n and t.
   */
  readonly limit?: keyof ServerConfig['bodyLimits'] | ((c: Context) => number);
  /** How deeply the body may nest and how long its lists may be, checked before it is parsed (default DEFAULT_SHAPE). */
  readonly shape?: JsonShape;
  /** Runs before the body is read: an authentication check, so that nobody unauthenticated makes us parse a large body. */
  readonly before?: (c: Context) => void | Promise<void>;
  /**
   * Runs on the parsed JSON before `body` decodes anything (a group element costs about 0.1 ms to decode): the
   * check of a signature carried in the body, and of the sizes it may have.
   */
  readonly authenticate?: (c: Context, json: unknown) => void | Promise<void>;
}

/**
 * No request of this API nests deeper than 9 (a ballot: body, ballot, answers, answer, selections, selection,
 * proof, branches, branch); lists as long as a register are bounded by the body size instead.
 */
export const DEFAULT_SHAPE: JsonShape = { maxDepth: 16, maxMembers: Number.MAX_SAFE_INTEGER };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
/** `json` is the body as parsed JSON: what a signature over the request's canonical JSON covers. */
type Handler<B, Q> = (c: Context, input: { body: Out<B>; query: Out<Q>; json: unknown }) => unknown | Promise<unknown>;

export class Api {
  readonly routes: RouteDoc[] = [];

  constructor(
    readonly app: Hono,
    private readonly limits: ServerConfig['bodyLimits'],
    private readonly guards: Guards = {},
  ) {}

  get<Q extends z.ZodObject | undefined = undefined>(path: string, spec: Spec<undefined, Q>, handler: Handler<undefined, Q>) {
    this.record('get', path, spec);
    this.app.get(path, this.guard('get', path, spec.role), async (c) => {
      await spec.before?.(c);
      return this.answer(c, spec, await handler(c, { body: undefined, query: this.query(c, spec), json: undefined }));
    });
  }

  post<B extends z.ZodType, Q extends z.ZodObject | undefined = undefined>(
    path: string,
    spec: Spec<B, Q>,
    handler: Handler<B, Q>,
  ) {
    this.record('post', path, spec);
    const before: MiddlewareHandler = async (c, next) => {
      await spec.before?.(c);
      await next();
    };
    const limit = typeof spec.limit === 'function' ? spec.limit : this.limits[spec.limit ?? 'small'];
    this.app.post(path, this.guard('post', path, spec.role), before, requireJson, limitBody(limit), async (c) => {
      const json = await readJson(c, spec.shape ?? DEFAULT_SHAPE);
      await spec.authenticate?.(c, json);
      const body = spec.body ? validate(spec.body, json) : undefined;
      return this.answer(c, spec, await handler(c, { body: body as Out<B>, query: this.query(c, spec), json }));
    });
  }

  private guard(method: 'get' | 'post', path: string, role: Role): MiddlewareHandler {
    return this.guards[role]?.({ method, path }) ?? pass;
  }

  private query<Q extends z.ZodObject | undefined>(c: Context, spec: Spec<z.ZodType | undefined, Q>): Out<Q> {
    return (spec.query ? validate(spec.query, c.req.query()) : undefined) as Out<Q>;
  }

  private answer(c: Context, spec: Spec<z.ZodType | undefined, z.ZodObject | undefined>, value: unknown): Response {
    if (value instanceof Response) return value;
    return c.json(value as object, spec.status ?? 200);
  }

  private record(method: 'get' | 'post', path: string, spec: Spec<z.ZodType | undefined, z.ZodObject | undefined>): void {
    this.routes.push({
      method,
      path,
      summary: spec.summary,
      role: spec.role,
      status: spec.status ?? 200,
      ...(spec.documentedBody || spec.body ? { body: (spec.documentedBody ?? spec.body) as z.ZodType } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.response ? { response: spec.response } : {}),
    });
  }
}

/** A non-negative integer query parameter. */
export const QueryInt = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, 'a non-negative integer')
  .transform(Number);
