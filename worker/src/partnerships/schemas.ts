import { z } from "@hono/zod-openapi";
import { ROLES } from "../domain/roles";
import { ASSESSMENT_CADENCES, isOrigin, isReminderSitePattern, MIN_K, PULSE_CADENCES } from "../domain/settings";
import { DateOnly } from "../http/openapi";
import { text } from "../http/text";

export const Name = text({ max: 120 });
export const PersonName = text({ max: 120 });
export const ExternalId = text({ max: 200 });
const Purpose = text({ max: 1000, min: 0, multiline: true });

const Settings = z
  .object({
    name: Name,
    purpose: Purpose,
    k: z.number().int().min(MIN_K).max(100),
    commentThreshold: z.number().int().min(MIN_K).max(100),
    assessmentCadence: z.enum(ASSESSMENT_CADENCES),
    assessmentWindowDays: z.number().int().min(1).max(90),
    pulseCadence: z.enum(PULSE_CADENCES),
    cadenceStart: DateOnly,
    reminderSites: z
      .array(z.string().max(200).refine(isReminderSitePattern, "must be a match pattern like https://*.example.com/*"))
      .max(20),
  })
  .openapi("Settings");

export const SettingsPatch = Settings.partial().strict().openapi("SettingsPatch");

export const CreatePartnership = z
  .strictObject({ name: Name, purpose: Purpose.optional() })
  .openapi("CreatePartnership");

export const Organization = z
  .object({
    id: z.string(),
    name: z.string(),
    joinedAt: z.string(),
    /** Only for the caller's own organization. */
    allowedOrigins: z.array(z.string()).optional(),
  })
  .openapi("Organization");

export const Partnership = z
  .object({
    id: z.string(),
    role: z.enum(ROLES),
    archived: z.boolean(),
    createdAt: z.string(),
    settings: Settings,
    organizations: z.array(Organization),
  })
  .openapi("Partnership");

export const AllowedOrigins = z
  .strictObject({
    origins: z
      .array(
        z
          .string()
          .max(200)
          .refine(isOrigin, "must be an https origin like https://intranet.example.com (http only for localhost)"),
      )
      .max(50),
  })
  .openapi("AllowedOrigins");

export const InviteOrganization = z
  .strictObject({
    name: Name,
    facilitator: z.strictObject({ name: PersonName, externalId: ExternalId.optional() }),
  })
  .openapi("InviteOrganization");
