import { createRoute, z } from "@hono/zod-openapi";
import { base64url } from "../auth/crypto";
import { isoNow, newId } from "../db/ids";
import type { Caller } from "../http/context";
import { notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, router } from "../http/openapi";
import { text } from "../http/text";
import { organizationAuditStatements } from "../organizations/queries";
import { createEmbedKeyStatement, findEmbedKey, listEmbedKeys, revokeEmbedKeyStatement } from "./queries";
import { seal } from "./seal";

const EmbedKey = z
  .object({
    id: z.string().openapi({ description: 'The embed token\'s "iss"' }),
    label: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("EmbedKey");

const NewEmbedKey = EmbedKey.extend({
  secret: z.string().openapi({ description: "Shown once: sign embed tokens (HS256) with it on your intranet server" }),
}).openapi("NewEmbedKey");

export const OrganizationParams = z.object({
  organizationId: Id("org").openapi({ param: { name: "organizationId", in: "path" } }),
});

const KeyParams = OrganizationParams.extend({
  keyId: Id("ek").openapi({ param: { name: "keyId", in: "path" } }),
});

/** Creates a key for the caller's organization and returns it with its secret (shown once). */
async function createKey(
  db: D1Database,
  workerSecret: string,
  caller: Caller,
  label: string,
  action: "embed_key.created" | "embed_key.rotated",
  replaces?: string,
) {
  const id = newId("ek");
  const secret = `accord_embed_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const now = isoNow();
  await db.batch([
    createEmbedKeyStatement(db, {
      id,
      organizationId: caller.organizationId,
      sealed: await seal(workerSecret, id, secret),
      label,
      by: caller.personId,
      at: now,
    }),
    ...organizationAuditStatements(db, {
      organizationId: caller.organizationId,
      actorId: caller.personId,
      action,
      targetType: "embed_key",
      targetId: id,
      detail: { label, ...(replaces ? { replaces } : {}) },
    }),
  ]);
  return { id, label, createdAt: now, lastUsedAt: null, revokedAt: null, secret };
}

async function findKey(db: D1Database, organizationId: string, keyId: string) {
  const key = await findEmbedKey(db, organizationId, keyId);
  if (!key) throw notFound("Embed key not found");
  return key;
}

/** Embed keys of an organization, managed by its admins (mounted under /organizations/:organizationId). */
export const embedKeyRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/embed-keys",
      tags: ["Embedding"],
      summary: "Your organization's embed keys (never their secrets)",
      security: bearerSecurity,
      request: { params: OrganizationParams },
      responses: { 200: jsonResponse(z.object({ keys: z.array(EmbedKey) }), "Keys"), ...commonErrors },
    }),
    async (c) => c.json({ keys: await listEmbedKeys(c.env.DB, c.var.caller.organizationId) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/embed-keys",
      tags: ["Embedding"],
      summary: "Create an embed key; its secret is shown once",
      security: bearerSecurity,
      request: {
        params: OrganizationParams,
        body: jsonBody(z.strictObject({ label: text({ max: 80, min: 0 }).optional() })),
      },
      responses: { 201: jsonResponse(NewEmbedKey, "Created"), ...commonErrors },
    }),
    async (c) => {
      const { label } = c.req.valid("json");
      const key = await createKey(c.env.DB, c.env.RATING_KEY, c.var.caller, label ?? "", "embed_key.created");
      return c.json(key, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/embed-keys/{keyId}/rotate",
      tags: ["Embedding"],
      summary: "Rotate: a new key with a new secret; the old one keeps working until you revoke it",
      security: bearerSecurity,
      request: { params: KeyParams },
      responses: { 201: jsonResponse(NewEmbedKey, "The new key"), ...commonErrors },
    }),
    async (c) => {
      const { keyId } = c.req.valid("param");
      const old = await findKey(c.env.DB, c.var.caller.organizationId, keyId);
      const key = await createKey(c.env.DB, c.env.RATING_KEY, c.var.caller, old.label, "embed_key.rotated", keyId);
      return c.json(key, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/embed-keys/{keyId}",
      tags: ["Embedding"],
      summary: "Revoke an embed key: tokens it signed stop working at once",
      security: bearerSecurity,
      request: { params: KeyParams },
      responses: { 204: { description: "Revoked" }, ...commonErrors },
    }),
    async (c) => {
      const { keyId } = c.req.valid("param");
      const { caller } = c.var;
      await findKey(c.env.DB, caller.organizationId, keyId);
      const db = c.env.DB;
      await db.batch([
        revokeEmbedKeyStatement(db, keyId, isoNow()),
        ...organizationAuditStatements(
          db,
          {
            organizationId: caller.organizationId,
            actorId: caller.personId,
            action: "embed_key.revoked",
            targetType: "embed_key",
            targetId: keyId,
          },
          { sql: "changes() > 0" },
        ),
      ]);
      return c.body(null, 204);
    },
  );
