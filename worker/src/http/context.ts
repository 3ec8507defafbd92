import type { Memberships } from "../auth/credentials";
import type { Role } from "../domain/roles";
import type { DoorSubmission } from "../ratings/save";

/** Who is calling, once authenticated. */
export interface Caller {
  personId: string;
  organizationId: string;
  name: string;
  /** An admin of their organization (directory, embed keys, allowed origins, provisioning). */
  admin: boolean;
  /** How the caller proved who they are. */
  via: "token" | "session" | "embed";
  tokenId?: string;
  /** The embed key that signed the caller's embed token. */
  embedKeyId?: string;
  /** Read with the personal token, so a partnership's routes need no query to know the caller's role. */
  memberships?: Memberships;
}

/** The caller's place in the partnership named by the path. */
export interface Scope {
  partnershipId: string;
  role: Role;
  archived: boolean;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    caller: Caller;
    scope: Scope;
    /** A submission through the token door: the reads it made in its own round trip, or remembered. */
    submission?: DoorSubmission;
    /** The partnership's allowed origins (every party's), read by the embed door for CORS. */
    embedOrigins?: Set<string>;
  };
}
