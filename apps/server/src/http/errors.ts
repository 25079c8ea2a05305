// API errors: one table maps every error code of the protocol's registry to an HTTP status, and ApiError carries a
// code (and the problem list, for validation failures) from wherever a request fails to the one error handler.
import { ERROR_CODES, type ErrorCode, type Problem } from '@saylau/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Status of each code the server answers with. Codes not listed are validation findings about a well-formed
 * request (a bad proof, an unknown district, …): 422.
 */
const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  // the request itself is unreadable
  MALFORMED: 400,
  BAD_ENCODING: 400,
  POINT_NOT_CANONICAL: 400,
  POINT_IS_IDENTITY: 400,
  SCALAR_NOT_CANONICAL: 400,
  JSON_TOO_COMPLEX: 400,
  BODY_INCOMPLETE: 400,
  UNAUTHENTICATED: 401,
  BAD_TRUSTEE_SIGNATURE: 401,
  BAD_COSIGNATURE: 401,
  UNKNOWN_MEMBER_KEY: 401,
  CHALLENGE_INVALID: 401,
  BAD_SIGN_IN_SIGNATURE: 401,
  BAD_ENROLLMENT_SIGNATURE: 401,
  INVITATION_INVALID: 401,
  MEMBER_DISABLED: 401,
  CSRF_REJECTED: 403,
  FORBIDDEN: 403,
  NOT_YOUR_CREDENTIAL: 403,
  CREDENTIAL_REVOKED: 403,
  BAD_VERIFICATION_KEY: 403,
  NOT_FOUND: 404,
  UNKNOWN_ELECTION: 404,
  // the request is fine but the election's state or history forbids it
  WRONG_STATE: 409,
  VOTING_NOT_OPEN: 409,
  OUTSIDE_PERIOD: 409,
  EARLY_CLOSE_UNSIGNED: 409,
  ALREADY_EXISTS: 409,
  INVITATION_SPENT: 409,
  KEY_ALREADY_ENROLLED: 409,
  DUPLICATE_CIPHERTEXT: 409,
  CEREMONY_INCOMPLETE: 409,
  NOT_ENOUGH_TRUSTEES: 409,
  NOT_ENOUGH_MEMBERS: 409,
  VERIFICATION_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  VERIFICATION_LIMIT: 429,
  INTERNAL: 500,
  // the database is restarting or failing over: nothing was committed unless a retry finds it so
  STORAGE_UNAVAILABLE: 503,
};

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code] ?? 422;
}

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly problems?: readonly Problem[] };
}

/** A failed request: thrown anywhere below a route, answered by the app's error handler. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly problems?: readonly Problem[],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = statusOf(code);
  }

  /** A validation failure: the first problem names the code; all of them go back to the client. */
  static fromProblems(problems: readonly Problem[]): ApiError {
    const first = problems[0];
    if (!first) throw new RangeError('fromProblems needs at least one problem');
    const where = first.path.length > 0 ? ` (at ${first.path.join('.')})` : '';
    const more = problems.length > 1 ? ` and ${problems.length - 1} more problem(s)` : '';
    return new ApiError(first.code, `${first.message}${where}${more}`, problems);
  }

  body(): ErrorBody {
    const error = this.problems
      ? { code: this.code, message: this.message, problems: this.problems }
      : { code: this.code, message: this.message };
    return { error };
  }
}

export function errorResponse(c: Context, error: ApiError): Response {
  return c.json(error.body(), error.status);
}
