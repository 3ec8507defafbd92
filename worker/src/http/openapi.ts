import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { ZodType } from "zod";
import { idPattern } from "../db/ids";
import type { AppEnv } from "./context";
import { ApiError, ERROR_CODES, type ErrorCode } from "./errors";

/** Describes the first problem of a failed validation, naming the field. */
function describeIssue(error: z.ZodError, where: string): string {
  const issue = error.issues[0];
  if (!issue) return `Invalid ${where}`;
  if (issue.code === "unrecognized_keys") {
    const prefix = issue.path.length ? `${issue.path.join(".")}.` : "";
    return `Unknown field ${issue.keys.map((k) => `"${prefix}${k}"`).join(", ")} in ${where}`;
  }
  const field = issue.path.length ? `"${issue.path.join(".")}"` : where;
  return `Invalid ${field}: ${issue.message}`;
}

/** A router whose validation failures become 400 `invalid_request` naming the field. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === "json" ? "body" : result.target;
        throw new ApiError("invalid_request", describeIssue(result.error, where));
      }
    },
  });
}

const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
    }),
  })
  .openapi("Error");

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});

/** Error responses every authenticated route may give. */
export const commonErrors = {
  400: errorResponse("Invalid request (`invalid_request`), naming the field"),
  401: errorResponse("Missing, expired or revoked credentials (`unauthorized`)"),
  403: errorResponse("Visible but not allowed for this role (`forbidden`)"),
  404: errorResponse("Does not exist or is not visible to the caller (`not_found`)"),
  409: errorResponse("Conflicts with the current state (`conflict`)"),
} as const;

/** A JSON request body that must be present. */
export function jsonBody<T extends ZodType>(schema: T, description?: string) {
  return {
    required: true,
    description,
    content: { "application/json": { schema } },
  };
}

/** A JSON response. */
export function jsonResponse<T extends ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** Prefixed random ids: "prt_…", "org_…". */
export const Id = (prefix: string) =>
  z.string().max(40).regex(idPattern(prefix), `must be an id starting with "${prefix}_"`);

export const PartnershipParams = z.object({
  partnershipId: Id("prt").openapi({ param: { name: "partnershipId", in: "path" } }),
});

/** A calendar date, e.g. a due date or a cadence start. */
export const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

export const bearerSecurity = [{ bearer: [] }];
