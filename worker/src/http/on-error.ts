import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { isTransient } from "../db/resilient";
import type { AppEnv } from "./context";
import { ApiError, ERROR_CODES, type ErrorCode, errorBody } from "./errors";

const CODE_BY_STATUS = new Map<number, ErrorCode>(
  Object.entries(ERROR_CODES).map(([code, status]) => [status, code as ErrorCode]),
);

/** The single error handler: every failure leaves as `{"error":{"code","message"}}`. */
export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message), err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    // Thrown by Hono itself, e.g. a body that is not valid JSON.
    const code = CODE_BY_STATUS.get(err.status) ?? (err.status < 500 ? "invalid_request" : "internal");
    const message = err.status === 400 ? "The request body is not valid JSON" : err.message || code;
    return c.json(errorBody(code, message), ERROR_CODES[code]);
  }
  if (isTransient(err)) {
    console.warn(JSON.stringify({ level: "warn", path: c.req.path, method: c.req.method, error: "d1_unavailable" }));
    return c.json(errorBody("unavailable", "The database is busy; nothing was changed, try again shortly"), 503, {
      "Retry-After": "5",
    });
  }
  // Unexpected: log what happened (never request bodies or credentials) and answer plainly.
  console.error(
    JSON.stringify({ level: "error", path: c.req.path, method: c.req.method, error: err.name, message: err.message }),
  );
  return c.json(errorBody("internal", "Something went wrong on our side; nothing was changed"), 500);
}
