import { createRoute, z } from "@hono/zod-openapi";
import { isoNow } from "../db/ids";
import { ApiError } from "../http/errors";
import { bearerSecurity, commonErrors, jsonBody, jsonResponse, router } from "../http/openapi";
import { issuePersonalToken, redeemSignInCode } from "./credentials";

const SignIn = z
  .strictObject({
    code: z.string().trim().min(4).max(40),
    label: z.string().trim().max(80).optional(),
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
    const db = c.env.DB;
    const redeemed = await redeemSignInCode(db, code);
    if (!redeemed) throw new ApiError("unauthorized", "That sign-in code is unknown, already used or expired");
    const person = await db
      .prepare("SELECT id, name, organization_id AS organizationId FROM people WHERE id = ?")
      .bind(redeemed.personId)
      .first<{ id: string; name: string; organizationId: string }>();
    if (!person) throw new ApiError("unauthorized", "That sign-in code is unknown, already used or expired");
    const { id, token } = await issuePersonalToken(db, person.id, label ?? `Signed in ${isoNow().slice(0, 10)}`);
    return c.json({ token, tokenId: id, person }, 201);
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
      await c.env.DB.prepare("UPDATE personal_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind(isoNow(), tokenId)
        .run();
    }
    return c.body(null, 204);
  },
);
