import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { isId } from "../db/ids";
import type { AppEnv, Caller } from "../http/context";
import { ApiError, forbidden } from "../http/errors";
import { scopeFor } from "../partnerships/scope";
import { forget, recall, remember } from "../ratings/recent";
import { type DoorSubmission, type SubmissionReads, submissionReads } from "../ratings/save";
import { findTokenOwner, isSubmission, submissionTarget, type TokenOwner, tokenHash, touchToken } from "./credentials";

/** The console's session cookie: `__Host-` prefixed (so Secure, host-only) over HTTPS. */
export const SESSION_COOKIE = { secure: "__Host-accord_session", plain: "accord_session" } as const;

const unauthorized = (message: string) =>
  new ApiError("unauthorized", message, { "WWW-Authenticate": 'Bearer realm="accord"' });

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Personal-token door: a bearer token (extension, scripts) or the console's HttpOnly session
 * cookie. Cookie-authenticated writes must come from the console's own origin.
 */
export const requirePerson = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization");
  let token: string | undefined;
  let via: "token" | "session" = "token";
  if (header) {
    token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw unauthorized("Send 'Authorization: Bearer <token>'");
  } else {
    token = getCookie(c, SESSION_COOKIE.secure) ?? getCookie(c, SESSION_COOKIE.plain);
    via = "session";
    if (!token) throw unauthorized("Sign in: send 'Authorization: Bearer <token>'");
    if (!SAFE.has(c.req.method) && c.req.header("Origin") !== new URL(c.req.url).origin) {
      throw forbidden("Changes with the console session must come from the console itself");
    }
  }
  const hash = await tokenHash(token);
  if (!hash) throw unauthorized("The token is invalid or has been revoked");
  const target = submissionTarget(c.req.method, c.req.path);
  if (target && isId("prt", target.partnershipId) && isId("cyc", target.cycleId)) {
    const { owner, submission } = await submissionDoor(c.env.DB, hash, target, c.req.path);
    c.set("caller", callerOf(owner, via));
    c.set("submission", submission);
    return next();
  }
  const { owner } = await findTokenOwner(c.env.DB, hash);
  if (!owner) throw unauthorized("The token is invalid or has been revoked");
  c.set("caller", callerOf(owner, via));
  // Submissions skip it: they write nothing naming a person.
  const touch = isSubmission(c.req.method, c.req.path) ? null : touchToken(c.env.DB, owner);
  if (touch) c.executionCtx.waitUntil(touch.catch(() => undefined));
  await next();
});

/**
 * The token door of a rating submission. The token's last accepted submission to the cycle,
 * remembered by this isolate, makes the request one round trip (the write checks the token
 * itself, and runs again from fresh reads if anything changed); otherwise the submission's reads
 * travel with the token's, so the request is one read and one write.
 */
async function submissionDoor(
  db: D1Database,
  hash: string,
  { partnershipId, cycleId }: { partnershipId: string; cycleId: string },
  path: string,
): Promise<{ owner: TokenOwner; submission: DoorSubmission }> {
  const accepted = (owner: TokenOwner) => (reads: SubmissionReads) =>
    remember(hash, partnershipId, cycleId, { owner, reads });
  const known = recall(hash, partnershipId, cycleId);
  if (known) {
    const refresh = async () => {
      forget(hash, partnershipId, cycleId);
      const { owner, reads } = await readWithToken(db, hash, partnershipId, cycleId);
      scopeFor(partnershipId, owner.memberships.get(partnershipId), "POST", path);
      return reads;
    };
    const submission = { tokenHash: hash, reads: known.reads, accepted: accepted(known.owner), refresh };
    return { owner: known.owner, submission };
  }
  const { owner, reads } = await readWithToken(db, hash, partnershipId, cycleId);
  return { owner, submission: { tokenHash: hash, reads, accepted: accepted(owner) } };
}

const callerOf = (owner: TokenOwner, via: "token" | "session"): Caller => ({
  personId: owner.personId,
  organizationId: owner.organizationId,
  name: owner.name,
  admin: owner.admin,
  via,
  tokenId: owner.tokenId,
  memberships: owner.memberships,
});

/** The token's owner and a submission's reads, in one round trip; 401 without a live token. */
async function readWithToken(db: D1Database, hash: string, partnershipId: string, cycleId: string) {
  const reads = submissionReads(db, partnershipId, cycleId);
  const { owner, also } = await findTokenOwner(db, hash, reads.statements({ tokenHash: hash }));
  if (!owner) throw unauthorized("The token is invalid or has been revoked");
  return { owner, reads: reads.parse(also) };
}
