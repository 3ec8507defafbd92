import { createRoute, z } from "@hono/zod-openapi";
import { isoNow } from "../db/ids";
import {
  bearerSecurity,
  commonErrors,
  DateOnly,
  Id,
  jsonBody,
  jsonResponse,
  PartnershipParams,
  router,
} from "../http/openapi";
import { text } from "../http/text";
import { addNote, createAction, getAction, updateAction } from "./process";
import { ACTION_KINDS, ACTION_STATUSES, actionView, listActions, listNotes } from "./queries";

const Action = z
  .object({
    id: z.string(),
    kind: z.enum(ACTION_KINDS),
    title: z.string(),
    detail: z.string(),
    principleId: z.string().nullable(),
    cycleId: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string(), organizationId: z.string() }).nullable(),
    dueOn: z.string().nullable(),
    status: z.enum(ACTION_STATUSES),
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
  kind: z.enum(ACTION_KINDS),
  title: text({ max: 200 }),
  detail: text({ max: 4000, min: 0, multiline: true }),
  principleId: Id("pri").nullable(),
  cycleId: Id("cyc").nullable(),
  ownerId: Id("per").nullable(),
  dueOn: DateOnly.nullable(),
  status: z.enum(ACTION_STATUSES),
});
const CreateAction = Fields.partial().required({ kind: true, title: true }).strict().openapi("CreateAction");
const UpdateAction = Fields.omit({ kind: true }).partial().strict().openapi("UpdateAction");

const ActionParams = PartnershipParams.extend({
  actionId: Id("act").openapi({ param: { name: "actionId", in: "path" } }),
});

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
          status: z.enum(ACTION_STATUSES).optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ actions: z.array(Action) }), "Actions"), ...commonErrors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const today = isoNow().slice(0, 10);
      const rows = await listActions(c.env.DB, c.var.scope.partnershipId, {
        ownerId: q.mine === "true" ? c.var.caller.personId : null,
        principleId: q.principleId ?? null,
        status: q.status ?? null,
        overdueOn: q.overdue === "true" ? today : null,
      });
      return c.json({ actions: rows.map((r) => actionView(r, today)) }, 200);
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
    async (c) =>
      c.json(await createAction(c.env.DB, c.var.caller, c.var.scope.partnershipId, c.req.valid("json")), 201),
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
      const action = await getAction(c.env.DB, c.var.scope.partnershipId, actionId);
      return c.json({ ...action, notes: await listNotes(c.env.DB, actionId) }, 200);
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
      const { actionId } = c.req.valid("param");
      const action = await updateAction(
        c.env.DB,
        c.var.caller,
        c.var.scope.partnershipId,
        actionId,
        c.req.valid("json"),
      );
      return c.json(action, 200);
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
      const { actionId } = c.req.valid("param");
      const { body } = c.req.valid("json");
      return c.json(await addNote(c.env.DB, c.var.caller, c.var.scope.partnershipId, actionId, body), 201);
    },
  );
