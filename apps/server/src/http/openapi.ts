// The OpenAPI 3.1 document at /openapi.json, generated from the routes' own zod schemas (z.toJSONSchema, input
// side: the JSON on the wire) so it describes exactly what the server validates.
import { ERROR_CODES } from '@saylau/protocol';
import { z } from 'zod';
import type { Role, RouteDoc } from './api.ts';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_CODES) },
        message: { type: 'string' },
        problems: {
          type: 'array',
          items: {
            type: 'object',
            properties: { code: { type: 'string' }, path: { type: 'array' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const SECURITY: Record<Role, Record<string, string[]>[] | undefined> = {
  // scripts send the admin token; the console its member's session cookie with the CSRF header
  commission: [{ adminToken: [] }, { memberSession: [], memberCsrf: [] }],
  member: [{ memberSession: [], memberCsrf: [] }],
  operator: [{ adminToken: [] }],
  voter: [{ voterSession: [] }],
  trustee: undefined,
  // a witness's request carries its co-signature, which authenticates it
  witness: undefined,
  public: undefined,
};

export function openApiDocument(routes: readonly RouteDoc[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const pathParams = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = route.query
      ? Object.entries(route.query.shape).map(([name, schema]) => ({
          name,
          in: 'query',
          required: !(schema as z.ZodType).safeParse(undefined).success,
          schema: { type: 'string', pattern: '^[0-9]+$' },
        }))
      : [];
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.role],
      parameters: [...pathParams, ...queryParams],
      responses: {
        [String(route.status)]: {
          description: 'success',
          content: { 'application/json': { schema: route.response ? jsonSchema(route.response) : {} } },
        },
        '4XX': { description: 'refused: see the error code', content: { 'application/json': { schema: ERROR_SCHEMA } } },
      },
    };
    const security = SECURITY[route.role];
    if (security) operation.security = security;
    if (route.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } };
    }
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Saylau voting server',
      version: '1',
      description: 'Commission, trustee, voter and public APIs of an end-to-end verifiable election (docs/api.md).',
    },
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'the commission’s admin token' },
        voterSession: { type: 'http', scheme: 'bearer', description: 'a voter session token from POST …/sessions' },
        memberSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'saylau_member',
          description: 'a commission member’s console session, from POST /api/commission/session',
        },
        memberCsrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Saylau-CSRF',
          description: 'the session’s CSRF token (its answer’s csrf), required with the cookie',
        },
      },
    },
    paths,
  };
}
