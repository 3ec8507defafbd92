import { createRoute, z } from "@hono/zod-openapi";
import { signInCodeStatement } from "../auth/credentials";
import { listRecoveries, listTokens, revokeTokenStatement } from "../auth/queries";
import { isoNow } from "../db/ids";
import { ROLES } from "../domain/roles";
import { notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonResponse, router } from "../http/openapi";
import { listPartnershipsOf } from "../partnerships/queries";
import { findPersonWithOrganization } from "../people/queries";

const Me = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      externalId: z.string().nullable(),
      admin: z.boolean().openapi({ description: "An admin of their organization" }),
    }),
    organization: z.object({ id: z.string(), name: z.string() }),
    recoveries: z
      .array(z.object({ issuedBy: z.object({ id: z.string(), name: z.string() }).nullable(), at: z.string() }))
      .openapi({ description: "Account recovery codes an admin issued for you, newest first" }),
    partnerships: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), archived: z.boolean() })),
  })
  .openapi("Me");

const Token = z
  .object({
    id: z.string(),
    label: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    device: z
      .object({ browser: z.string(), system: z.string() })
      .nullable()
      .openapi({ description: "Browser family and operating system at sign-in, from the User-Agent (coarse)" }),
    current: z.boolean(),
  })
  .openapi("PersonalToken");

export const meRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags: ["Access"],
      summary: "The signed-in person, their organization, partnerships and roles",
      security: bearerSecurity,
      responses: { 200: jsonResponse(Me, "Me"), 401: commonErrors[401] },
    }),
    async (c) => {
      const db = c.env.DB;
      const { personId } = c.var.caller;
      const [row, partnerships, recoveries] = await Promise.all([
        findPersonWithOrganization(db, personId),
        listPartnershipsOf(db, personId),
        listRecoveries(db, personId),
      ]);
      if (!row) throw notFound("Person not found");
      return c.json(
        {
          person: { id: row.id, name: row.name, externalId: row.externalId, admin: row.admin === 1 },
          organization: { id: row.organizationId, name: row.organizationName },
          recoveries,
          partnerships,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/me/tokens",
      tags: ["Access"],
      summary: "Your personal tokens (never the secrets themselves)",
      security: bearerSecurity,
      responses: { 200: jsonResponse(z.object({ tokens: z.array(Token) }), "Tokens"), 401: commonErrors[401] },
    }),
    async (c) => {
      const { personId, tokenId } = c.var.caller;
      const tokens = await listTokens(c.env.DB, personId);
      return c.json({ tokens: tokens.map((t) => ({ ...t, current: t.id === tokenId })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/me/tokens/{tokenId}",
      tags: ["Access"],
      summary: "Revoke one of your tokens (e.g. a lost device)",
      security: bearerSecurity,
      request: { params: z.object({ tokenId: Id("tok").openapi({ param: { name: "tokenId", in: "path" } }) }) },
      responses: { 204: { description: "Revoked" }, 401: commonErrors[401], 404: commonErrors[404] },
    }),
    async (c) => {
      const { tokenId } = c.req.valid("param");
      const result = await revokeTokenStatement(c.env.DB, c.var.caller.personId, tokenId, isoNow()).run();
      if (result.meta.changes === 0) throw notFound("Token not found");
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/me/sign-in-codes",
      tags: ["Access"],
      summary: "Issue a sign-in code for your own other device (e.g. to pair the browser extension)",
      description: "The code is single-use and expires in 10 minutes.",
      security: bearerSecurity,
      responses: {
        201: jsonResponse(z.object({ signInCode: z.string(), expiresAt: z.string() }), "Issued"),
        401: commonErrors[401],
      },
    }),
    async (c) => {
      const { personId } = c.var.caller;
      const code = await signInCodeStatement(c.env.DB, personId, "pairing", personId);
      await code.statement.run();
      return c.json({ signInCode: code.code, expiresAt: code.expiresAt }, 201);
    },
  );
