import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isoNow } from "../db/ids";
import { ApiError } from "../http/errors";
import { bearerSecurity, commonErrors, jsonBody, jsonResponse, router } from "../http/openapi";
import { text } from "../http/text";
import { findPersonWithOrganization } from "../people/queries";
import { findTokenOwner, issuePersonalToken, redeemSignInCode, tokenHash } from "./credentials";
import { type Device, deviceFromUserAgent } from "./device";
import { SESSION_COOKIE } from "./middleware";
import { revokeTokenStatement } from "./queries";

const SignIn = z
  .strictObject({
    code: z.string().trim().min(4).max(40),
    label: text({ max: 80, min: 0 }).optional(),
  })
  .openapi("SignIn");

const SignedIn = z
  .object({
    token: z.string().openapi({ description: "Personal token (shown once): send as `Authorization: Bearer …`" }),
    tokenId: z.string(),
    person: z.object({ id: z.string(), name: z.string(), organizationId: z.string() }),
  })
  .openapi("SignedIn");

/** Public: exchange a one-time sign-in code for a personal token. */
export const signInRoutes = router().openapi(
  createRoute({
    method: "post",
    path: "/sign-in",
    tags: ["Access"],
    summary: "Exchange a one-time sign-in code for a personal token",
    request: { body: jsonBody(SignIn) },
    responses: {
      201: jsonResponse(SignedIn, "Signed in"),
      400: commonErrors[400],
      401: commonErrors[401],
    },
  }),
  async (c) => {
    const { code, label } = c.req.valid("json");
    const device = deviceFromUserAgent(c.req.header("User-Agent"));
    return c.json(await exchange(c.env.DB, code, label ?? `Signed in ${isoNow().slice(0, 10)}`, device), 201);
  },
);

/** Redeems a sign-in code for a new personal token. */
async function exchange(db: D1Database, code: string, label: string, device: Device | null) {
  const redeemed = await redeemSignInCode(db, code);
  if (!redeemed) throw new ApiError("unauthorized", "That sign-in code is unknown, already used or expired");
  const person = await findPersonWithOrganization(db, redeemed.personId);
  if (!person) throw new ApiError("unauthorized", "That sign-in code is unknown, already used or expired");
  const { id, token } = await issuePersonalToken(db, person.id, label, Date.now(), device);
  return { token, tokenId: id, person: { id: person.id, name: person.name, organizationId: person.organizationId } };
}

/** Public: the console signs in with a code and keeps the token in an HttpOnly cookie. */
export const sessionRoutes = router().openapi(
  createRoute({
    method: "post",
    path: "/session",
    tags: ["Access"],
    summary: "Console sign-in: exchange a sign-in code for an HttpOnly, SameSite=Strict session cookie",
    request: { body: jsonBody(SignIn.omit({ label: true })) },
    responses: {
      201: jsonResponse(SignedIn.omit({ token: true }), "Signed in; the session cookie is set"),
      400: commonErrors[400],
      401: commonErrors[401],
      403: commonErrors[403],
    },
  }),
  async (c) => {
    const url = new URL(c.req.url);
    if (c.req.header("Origin") !== url.origin) throw new ApiError("forbidden", "Sign in from the console itself");
    const { code } = c.req.valid("json");
    const device = deviceFromUserAgent(c.req.header("User-Agent"));
    const { token, ...rest } = await exchange(c.env.DB, code, "Console session", device);
    const secure = url.protocol === "https:";
    setCookie(c, secure ? SESSION_COOKIE.secure : SESSION_COOKIE.plain, token, {
      httpOnly: true,
      sameSite: "Strict",
      secure,
      path: "/",
      maxAge: 30 * 86_400,
    });
    return c.json(rest, 201);
  },
);

const SignedInProbe = z.object({ signedIn: z.boolean() }).openapi("SessionProbe");

/**
 * Public: whether the console's session cookie belongs to a live session. Being signed out is the
 * expected state of a first visit, so it is an answer (200), not a 401 the browser logs as an error.
 */
export const sessionProbeRoutes = router().openapi(
  createRoute({
    method: "get",
    path: "/signed-in",
    tags: ["Access"],
    summary: "Console: whether this browser's session cookie is signed in (200 either way)",
    responses: { 200: jsonResponse(SignedInProbe, "Whether the session is live") },
  }),
  async (c) => {
    const token = getCookie(c, SESSION_COOKIE.secure) ?? getCookie(c, SESSION_COOKIE.plain);
    const signedIn = token ? (await findTokenOwner(c.env.DB, await tokenHash(token))).owner !== null : false;
    c.header("Cache-Control", "no-store");
    return c.json({ signedIn }, 200);
  },
);

/** Authenticated: revoke the token the request carries. */
export const signOutRoutes = router().openapi(
  createRoute({
    method: "post",
    path: "/sign-out",
    tags: ["Access"],
    summary: "Revoke the token used for this request",
    security: bearerSecurity,
    responses: { 204: { description: "Signed out" }, 401: commonErrors[401] },
  }),
  async (c) => {
    const { tokenId } = c.var.caller;
    if (tokenId) {
      await revokeTokenStatement(c.env.DB, c.var.caller.personId, tokenId, isoNow()).run();
    }
    // Works for both doors: the console's cookie is cleared, a bearer token is simply revoked.
    deleteCookie(c, SESSION_COOKIE.plain, { path: "/" });
    deleteCookie(c, SESSION_COOKIE.secure, { path: "/", secure: true });
    return c.body(null, 204);
  },
);
