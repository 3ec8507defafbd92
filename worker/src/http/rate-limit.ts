import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Fair-use limits. Hard rules (one answer per person) are kept by constraints, not by these. */
async function limit(limiter: RateLimit | undefined, key: string, what: string) {
  if (!limiter) return;
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ApiError("rate_limited", `Too many ${what}; try again in a minute`, { "Retry-After": "60" });
  }
}

/** Writes per signed-in person (any door). Runs after authentication. */
export const limitPersonWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (WRITE.has(c.req.method)) await limit(c.env.PERSON_WRITES, `person:${c.var.caller.personId}`, "changes");
  await next();
});

/** Writes per embed key, so one intranet cannot starve the others. */
export const limitEmbedKeyWrites = createMiddleware<AppEnv>(async (c, next) => {
  const keyId = c.var.caller.embedKeyId;
  if (WRITE.has(c.req.method) && keyId)
    await limit(c.env.EMBED_KEY_WRITES, `embed:${keyId}`, "answers from this intranet");
  await next();
});

/** Sign-in attempts per client address: codes are long, this keeps guessing slower still. */
export const limitSignIn = createMiddleware<AppEnv>(async (c, next) => {
  const address = c.req.header("CF-Connecting-IP") ?? "local";
  await limit(c.env.SIGN_IN_ATTEMPTS, `sign-in:${address}`, "sign-in attempts");
  await next();
});
