import { createMiddleware } from "hono/factory";
import { isSubmission } from "../auth/credentials";
import { isId, isoNow, newId } from "../db/ids";
import type { AppEnv } from "../http/context";
import { ApiError, errorBody, forbidden, notFound } from "../http/errors";
import { organizationAuditStatements } from "../organizations/queries";
import { verifyEmbedToken } from "./jwt";
import {
  type EmbedDoorRow,
  embedMembershipStatement,
  externalPersonStatement,
  findEmbedDoor,
  listPartnershipOrigins,
  originsOf,
  provisionPersonStatement,
  touchKeyStatement,
} from "./queries";
import { unseal } from "./seal";

const ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, If-None-Match";
const EXPOSED_HEADERS = "ETag, Idempotent-Replayed, Retry-After";

/**
 * CORS for the embed door. A preflight is answered for the union of the partnership's
 * organizations' allowed origins (never `*`); responses to such origins carry
 * Access-Control-Allow-Origin, errors included, so the widget can show what went wrong.
 */
export const embedCors = createMiddleware<AppEnv>(async (c, next) => {
  const partnershipId = c.req.param("partnershipId") ?? "";
  const origin = c.req.header("Origin");
  // The embed door reads the partnership's origins with the token; a request it refused before
  // that (or a preflight, which has no token) reads them here.
  const originsAllowed = async () =>
    origin !== undefined &&
    isId("prt", partnershipId) &&
    (c.var.embedOrigins ?? (await listPartnershipOrigins(c.env.DB, partnershipId))).has(origin);
  if (c.req.method === "OPTIONS") {
    if (!origin || !(await originsAllowed()))
      return c.json(errorBody("forbidden", "This origin may not embed Accord for this partnership"), 403);
    return c.body(null, 204, {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE",
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": "600",
      Vary: "Origin",
    });
  }
  await next();
  c.res.headers.append("Vary", "Origin");
  if (origin && (await originsAllowed())) {
    c.res.headers.set("Access-Control-Allow-Origin", origin);
    c.res.headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  }
});

const unauthorized = (message: string) =>
  new ApiError("unauthorized", message, { "WWW-Authenticate": 'Bearer realm="accord-embed"' });

/**
 * Embed-token door: verifies the intranet-signed JWT, finds or creates the person in the key's
 * organization (one human is one person, by externalId), adds them to the partnership if their
 * organization is a party, and refuses origins their organization does not allow.
 */
export const requireEmbedPerson = createMiddleware<AppEnv>(async (c, next) => {
  const db = c.env.DB;
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "");
  if (!match?.[1]) throw unauthorized("Send the embed token as 'Authorization: Bearer <jwt>'");
  const partnershipId = c.req.param("partnershipId") ?? "";
  // One round trip: the key, its organization, the token's person and their membership.
  let door: EmbedDoorRow | null = null;
  const verified = await verifyEmbedToken(match[1], async (keyId, subject) => {
    door = await findEmbedDoor(db, { keyId, externalId: typeof subject === "string" ? subject : "", partnershipId });
    return door ? unseal(c.env.RATING_KEY, keyId, door.sealed) : null;
  });
  if (!verified.ok || !door) throw unauthorized(verified.ok ? "The embed token's key is unknown" : verified.reason);
  const found: EmbedDoorRow = door;
  c.set("embedOrigins", originsOf(found.partnershipOrigins));

  const origin = c.req.header("Origin");
  if (!origin || !(JSON.parse(found.allowedOrigins) as string[]).includes(origin)) {
    throw forbidden("This page's origin is not among your organization's allowed origins");
  }
  if (!isId("prt", partnershipId) || !found.party) throw notFound("Partnership not found");

  const { organizationId } = found;
  const { sub, name } = verified.claims;
  const now = isoNow();
  const submission = isSubmission(c.req.method, c.req.path);
  if (found.removedAt) throw forbidden("Your organization's admins removed you from Accord");
  if (!found.role && submission) {
    // Someone who was not a member yet cannot be eligible for an open cycle; and a submission must
    // write nothing naming a person, so they are not created here.
    throw forbidden("You joined after this cycle opened: you can answer from the next cycle");
  }
  const row: { id: string; name: string } =
    found.personId && found.role
      ? { id: found.personId, name: found.personName ?? "" }
      : await provision(db, { organizationId, partnershipId, sub, name, keyId: verified.keyId, now });
  c.set("caller", {
    personId: row.id,
    organizationId,
    name: row.name,
    admin: false,
    via: "embed",
    embedKeyId: verified.keyId,
    memberships: new Map([[partnershipId, { role: found.role ?? "member", archived: found.archived === 1 }]]),
  });
  if (!submission) {
    c.executionCtx.waitUntil(
      touchKeyStatement(db, verified.keyId, Date.now())
        .run()
        .catch(() => undefined),
    );
  }
  await next();
});

/**
 * Makes the token's person a member of the partnership, creating them first where the
 * organization's admins allow it (audited like an invite).
 */
async function provision(
  db: D1Database,
  p: { organizationId: string; partnershipId: string; sub: string; name?: string; keyId: string; now: string },
) {
  const newPersonId = newId("per");
  const results = await db.batch([
    provisionPersonStatement(db, {
      id: newPersonId,
      organizationId: p.organizationId,
      externalId: p.sub,
      name: p.name ?? p.sub,
      at: p.now,
    }),
    ...organizationAuditStatements(
      db,
      {
        organizationId: p.organizationId,
        actorId: null,
        action: "person.provisioned",
        targetType: "person",
        targetId: newPersonId,
        detail: { name: p.name ?? p.sub, via: "embed token", embedKeyId: p.keyId, partnershipId: p.partnershipId },
      },
      { sql: "changes() > 0" },
    ),
    embedMembershipStatement(db, {
      partnershipId: p.partnershipId,
      organizationId: p.organizationId,
      externalId: p.sub,
      at: p.now,
    }),
    externalPersonStatement(db, p.organizationId, p.sub),
  ]);
  const row = results.at(-1)?.results[0] as { id: string; name: string; removedAt: string | null } | undefined;
  if (!row) {
    throw forbidden(
      "Your organization does not let its intranet add people to Accord: ask one of its admins to add you",
    );
  }
  if (row.removedAt) throw forbidden("Your organization's admins removed you from Accord");
  return row;
}

/** Through the embed door everyone acts with member rights: facilitation needs a personal token. */
export const memberRightsOnly = createMiddleware<AppEnv>(async (c, next) => {
  c.set("scope", { ...c.var.scope, role: "member" });
  await next();
});
