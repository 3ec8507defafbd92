import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The fixed list of error codes the API answers with (documented in the README and OpenAPI). */
export const ERROR_CODES = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure: becomes `{"error":{"code","message"}}` with the code's status. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }
}

export const notFound = (what = "Not found") => new ApiError("not_found", what);
export const forbidden = (why: string) => new ApiError("forbidden", why);
export const conflict = (why: string) => new ApiError("conflict", why);
export const invalid = (why: string) => new ApiError("invalid_request", why);

/** The one error body. */
export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}
