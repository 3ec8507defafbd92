/** The organization API's answers, as the Organization screen uses them. */
import type { Ok, Op } from "../../../api";

export type OrgDetail = Ok<Op<"/api/v1/organizations/{organizationId}", "get">>;
export type OrgPerson = Ok<Op<"/api/v1/organizations/{organizationId}/people", "get">>["people"][number];
export type EmbedKey = Ok<Op<"/api/v1/organizations/{organizationId}/embed-keys", "get">>["keys"][number];
export type NewEmbedKey = Ok<Op<"/api/v1/organizations/{organizationId}/embed-keys", "post">>;
