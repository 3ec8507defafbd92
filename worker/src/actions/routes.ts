import { createRoute, z } from "@hono/zod-openapi";
import { auditStatement } from "../audit/queries";
import { isoNow, newId } from "../db/ids";
import { invalid, notFound } from "../http/errors";
import { bearerSecurity, commonErrors, Id, jsonBody, jsonResponse, PartnershipParams, router } from "../http/openapi";
import { text } from "../http/text";

const STATUSES = ["open", "in_progress", "done", "dropped"] as const;
const KINDS = ["improve", "celebrate"] as const;
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

const Action = z
  .object({
    id: z.string(),
    kind: z.enum(KINDS),
    title: z.string(),
    detail: z.string(),
    principleId: z.string().nullable(),
    cycleId: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string(), organizationId: z.string() }).nullable(),
    dueOn: z.string().nullable(),
    status: z.enum(STATUSES),
    overdue: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Action");

const Note = z.object({
  id: z.string(),
  body: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});

const Fields = z.object({
  kind: z.enum(KINDS),
  title: text({ max: 200 }),
  detail: text({ max: 4000, min: 0, multiline: true }),
  principleId: Id("pri").nullable(),
  cycleId: Id("cyc").nullable(),
  ownerId: Id("per").nullable(),
  dueOn: DateOnly.nullable(),
  status: z.enum(STATUSES),
});
const CreateAction = Fields.partial().required({ kind: true, title: true }).strict().openapi("CreateAction");
const UpdateAction = Fields.omit({ kind: true }).partial().strict().openapi("UpdateAction");

const ActionParams = PartnershipParams.extend({
  actionId: Id("act").openapi({ param: { name: "actionId", in: "path" } }),
});

interface ActionRow {
  id: string;
  kind: (typeof KINDS)[number];
  title: string;
  detail: string;
  principleId: string | null;
  cycleId: string | null;
  ownerId: string | null;
  ownerName: string | null;
  ownerOrganizationId: string | null;
  dueOn: string | null;
  status: (typeof STATUSES)[number];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT a.id, a.kind, a.title, a.detail, a.principle_id AS principleId, a.cycle_id AS cycleId,
  a.owner_id AS ownerId, o.name AS ownerName, o.organization_id AS ownerOrganizationId, a.due_on AS dueOn, a.status,
  a.created_by AS createdBy, a.created_at AS createdAt, a.updated_at AS updatedAt
  FROM actions a LEFT JOIN people o ON o.id = a.owner_id`;

function view(r: ActionRow, today = isoNow().slice(0, 10)) {
  const { ownerId, ownerName, ownerOrganizationId, ...rest } = r;
  return {
    ...rest,
    owner:
      ownerId && ownerName && ownerOrganizationId
        ? { id: ownerId, name: ownerName, organizationId: ownerOrganizationId }
        : null,
    overdue: r.dueOn !== null && r.dueOn < today && (r.status === "open" || r.status === "in_progress"),
  };
}

async function readAction(db: D1Database, partnershipId: string, actionId: string) {
  const row = await db
    .prepare(`${SELECT} WHERE a.partnership_id = ? AND a.id = ?`)
    .bind(partnershipId, actionId)
    .first<ActionRow>();
  if (!row) throw notFound("Action not found");
  return view(row);
}

/** References in a body must point into this partnership; a foreign id reads as unknown. */
async function checkReferences(
  db: D1Database,
  partnershipId: string,
  refs: { principleId?: string | null; cycleId?: string | null; ownerId?: string | null },
) {
  const checks: [string, string | null | undefined, string][] = [
    ["principleId", refs.principleId, "SELECT 1 FROM principles WHERE partnership_id = ? AND id = ?"],
    ["cycleId", refs.cycleId, "SELECT 1 FROM cycles WHERE partnership_id = ? AND id = ?"],
    ["ownerId", refs.ownerId, "SELECT 1 FROM memberships WHERE partnership_id = ? AND person_id = ?"],
  ];
  for (const [field, id, sql] of checks) {
    if (id && !(await db.prepare(sql).bind(partnershipId, id).first())) {
      throw invalid(`Invalid "${field}": no such ${field.replace("Id", "")} in this partnership`);
    }
  }
}

export const actionRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/actions",
      tags: ["Actions"],
      summary: "Actions, filtered by owner (mine), principle, status or overdue",
      security: bearerSecurity,
      request: {
        params: PartnershipParams,
        query: z.strictObject({
          mine: z.enum(["true", "false"]).optional(),
          overdue: z.enum(["true", "false"]).optional(),
          principleId: Id("pri").optional(),
          status: z.enum(STATUSES).optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ actions: z.array(Action) }), "Actions"), ...commonErrors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const today = isoNow().slice(0, 10);
      const { results } = await c.env.DB.prepare(
        `${SELECT} WHERE a.partnership_id = ?1
           AND (?2 IS NULL OR a.owner_id = ?2)
           AND (?3 IS NULL OR a.principle_id = ?3)
           AND (?4 IS NULL OR a.status = ?4)
           AND (?5 IS NULL OR (a.due_on < ?5 AND a.status IN ('open', 'in_progress')))
         ORDER BY a.status IN ('done', 'dropped'), a.due_on IS NULL, a.due_on, a.created_at`,
      )
        .bind(
          c.var.scope.partnershipId,
          q.mine === "true" ? c.var.caller.personId : null,
          q.principleId ?? null,
          q.status ?? null,
          q.overdue === "true" ? today : null,
        )
        .all<ActionRow>();
      return c.json({ actions: results.map((r) => view(r, today)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/actions",
      tags: ["Actions"],
      summary: "Create an action: improve a gap or celebrate a strength",
      security: bearerSecurity,
      request: { params: PartnershipParams, body: jsonBody(CreateAction) },
      responses: { 201: jsonResponse(Action, "Created"), ...commonErrors },
    }),
    async (c) => {
      const { caller, scope } = c.var;
      const body = c.req.valid("json");
      const db = c.env.DB;
      await checkReferences(db, scope.partnershipId, body);
      const id = newId("act");
      const now = isoNow();
      await db.batch([
        db
          .prepare(
            `INSERT INTO actions (id, partnership_id, kind, title, detail, principle_id, cycle_id, owner_id, due_on, status, created_by, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            id,
            scope.partnershipId,
            body.kind,
            body.title,
            body.detail ?? "",
            body.principleId ?? null,
            body.cycleId ?? null,
            body.ownerId ?? null,
            body.dueOn ?? null,
            body.status ?? "open",
            caller.personId,
            now,
            now,
          ),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: "action.created",
          targetType: "action",
          targetId: id,
          detail: { kind: body.kind, title: body.title, principleId: body.principleId ?? null },
        }),
      ]);
      return c.json(await readAction(db, scope.partnershipId, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/actions/{actionId}",
      tags: ["Actions"],
      summary: "An action with its progress notes",
      security: bearerSecurity,
      request: { params: ActionParams },
      responses: { 200: jsonResponse(Action.extend({ notes: z.array(Note) }), "The action"), ...commonErrors },
    }),
    async (c) => {
      const { actionId } = c.req.valid("param");
      const db = c.env.DB;
      const action = await readAction(db, c.var.scope.partnershipId, actionId);
      const { results } = await db
        .prepare(
          `SELECT n.id, n.body, n.created_at AS createdAt, p.id AS authorId, p.name AS authorName
           FROM action_notes n JOIN people p ON p.id = n.person_id WHERE n.action_id = ? ORDER BY n.created_at, n.id`,
        )
        .bind(actionId)
        .all<{ id: string; body: string; createdAt: string; authorId: string; authorName: string }>();
      const notes = results.map((n) => ({
        id: n.id,
        body: n.body,
        createdAt: n.createdAt,
        author: { id: n.authorId, name: n.authorName },
      }));
      return c.json({ ...action, notes }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/actions/{actionId}",
      tags: ["Actions"],
      summary: "Update an action: owner, due date, status (open → in_progress → done | dropped), wording",
      security: bearerSecurity,
      request: { params: ActionParams, body: jsonBody(UpdateAction) },
      responses: { 200: jsonResponse(Action, "Updated"), ...commonErrors },
    }),
    async (c) => {
      const { caller, scope } = c.var;
      const { actionId } = c.req.valid("param");
      const patch = c.req.valid("json");
      const db = c.env.DB;
      const before = await readAction(db, scope.partnershipId, actionId);
      if (Object.keys(patch).length === 0) throw invalid("Send at least one field to change");
      await checkReferences(db, scope.partnershipId, patch);
      const columns: Record<string, string> = {
        title: "title",
        detail: "detail",
        principleId: "principle_id",
        cycleId: "cycle_id",
        ownerId: "owner_id",
        dueOn: "due_on",
        status: "status",
      };
      const keys = Object.keys(patch) as (keyof typeof patch)[];
      const now = isoNow();
      const changes = Object.fromEntries(
        keys.map((k) => [
          k,
          { from: k === "ownerId" ? (before.owner?.id ?? null) : before[k as keyof typeof before], to: patch[k] },
        ]),
      );
      await db.batch([
        db
          .prepare(
            `UPDATE actions SET ${keys.map((k) => `${columns[k]} = ?`).join(", ")}, updated_at = ? WHERE id = ? AND partnership_id = ?`,
          )
          .bind(...keys.map((k) => patch[k] ?? null), now, actionId, scope.partnershipId),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: "action.updated",
          targetType: "action",
          targetId: actionId,
          detail: { changes },
        }),
      ]);
      return c.json(await readAction(db, scope.partnershipId, actionId), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/actions/{actionId}/notes",
      tags: ["Actions"],
      summary: "Add a progress note",
      security: bearerSecurity,
      request: { params: ActionParams, body: jsonBody(z.strictObject({ body: text({ max: 2000, multiline: true }) })) },
      responses: { 201: jsonResponse(Note, "Added"), ...commonErrors },
    }),
    async (c) => {
      const { caller, scope } = c.var;
      const { actionId } = c.req.valid("param");
      const db = c.env.DB;
      await readAction(db, scope.partnershipId, actionId);
      const id = newId("not");
      const now = isoNow();
      const { body } = c.req.valid("json");
      await db.batch([
        db
          .prepare("INSERT INTO action_notes (id, action_id, person_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
          .bind(id, actionId, caller.personId, body, now),
        db.prepare("UPDATE actions SET updated_at = ? WHERE id = ?").bind(now, actionId),
        auditStatement(db, {
          partnershipId: scope.partnershipId,
          actorId: caller.personId,
          action: "action.noted",
          targetType: "action",
          targetId: actionId,
          detail: { noteId: id },
        }),
      ]);
      return c.json({ id, body, createdAt: now, author: { id: caller.personId, name: caller.name } }, 201);
    },
  );
