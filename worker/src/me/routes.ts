import { createRoute, z } from "@hono/zod-openapi";
import { signInCodeStatement } from "../auth/credentials";
import { isoNow } from "../db/ids";
import { ROLES } from "../domain/roles";
import { notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonResponse, router } from "../http/openapi";
import { listPartnershipsOf } from "../partnerships/queries";

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
        db
          .prepare(
            `SELECT p.id, p.name, p.external_id AS externalId, p.admin, o.id AS organizationId,
                    o.name AS organizationName
             FROM people p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?`,
          )
          .bind(personId)
          .first<{
            id: string;
            name: string;
            externalId: string | null;
            admin: number;
            organizationId: string;
            organizationName: string;
          }>(),
        listPartnershipsOf(db, personId),
        db
          .prepare(
            `SELECT c.issued_by AS issuedById, p.name AS issuedByName, c.created_at AS at
             FROM sign_in_codes c LEFT JOIN people p ON p.id = c.issued_by
             WHERE c.person_id = ? AND c.purpose = 'recovery' ORDER BY c.created_at DESC LIMIT 20`,
          )
          .bind(personId)
          .all<{ issuedById: string | null; issuedByName: string | null; at: string }>(),
      ]);
      if (!row) throw notFound("Person not found");
      return c.json(
        {
          person: { id: row.id, name: row.name, externalId: row.externalId, admin: row.admin === 1 },
          organization: { id: row.organizationId, name: row.organizationName },
          recoveries: recoveries.results.map((r) => ({
            issuedBy: r.issuedById && r.issuedByName ? { id: r.issuedById, name: r.issuedByName } : null,
            at: r.at,
          })),
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
      const { results } = await c.env.DB.prepare(
        `SELECT id, label, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt
         FROM personal_tokens WHERE person_id = ? ORDER BY created_at DESC`,
      )
        .bind(personId)
        .all<Omit<z.infer<typeof Token>, "current">>();
      return c.json({ tokens: results.map((t) => ({ ...t, current: t.id === tokenId })) }, 200);
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
      const result = await c.env.DB.prepare(
        "UPDATE personal_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND person_id = ?",
      )
        .bind(isoNow(), tokenId, c.var.caller.personId)
        .run();
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
