-- Organizations, partnerships, people, access, principles and the audit log.
-- Times are ISO-8601 UTC strings (sortable); ids are prefixed random strings.

CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- JSON array of origins ("https://intranet.example.com") allowed to embed the widget.
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);

CREATE TABLE partnerships (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',
  k INTEGER NOT NULL DEFAULT 5 CHECK (k >= 3),
  comment_threshold INTEGER NOT NULL DEFAULT 5,
  assessment_cadence TEXT NOT NULL DEFAULT 'annual'
    CHECK (assessment_cadence IN ('annual', 'semiannual', 'quarterly')),
  assessment_window_days INTEGER NOT NULL DEFAULT 21,
  pulse_cadence TEXT NOT NULL DEFAULT 'weekly'
    CHECK (pulse_cadence IN ('weekly', 'biweekly', 'monthly', 'off')),
  cadence_start TEXT NOT NULL,
  reminder_sites TEXT NOT NULL DEFAULT '[]',
  archived_at TEXT,
  created_at TEXT NOT NULL,
  CHECK (comment_threshold >= k)
);

-- The organizations that are party to a partnership.
CREATE TABLE parties (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  joined_at TEXT NOT NULL,
  PRIMARY KEY (partnership_id, organization_id)
);
CREATE INDEX parties_by_organization ON parties(organization_id);

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  external_id TEXT,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX people_external_id ON people(organization_id, external_id)
  WHERE external_id IS NOT NULL;

CREATE TABLE memberships (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'member')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (partnership_id, person_id)
);
CREATE INDEX memberships_by_person ON memberships(person_id);

-- Personal bearer tokens; only a SHA-256 of the token is kept.
CREATE TABLE personal_tokens (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id),
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX personal_tokens_by_person ON personal_tokens(person_id);

-- One-time sign-in codes (invites and device pairing); only a hash is kept.
CREATE TABLE sign_in_codes (
  code_hash TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'organization-invite', 'pairing', 'bootstrap')),
  issued_by TEXT,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX sign_in_codes_by_person ON sign_in_codes(person_id);

CREATE TABLE principles (
  id TEXT PRIMARY KEY,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  status TEXT NOT NULL CHECK (status IN ('proposed', 'agreed', 'retired')),
  -- The version in force: set once a version has been agreed by every party.
  agreed_version_id TEXT,
  created_by TEXT NOT NULL REFERENCES people(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX principles_by_partnership ON principles(partnership_id, status);

CREATE TABLE principle_versions (
  id TEXT PRIMARY KEY,
  principle_id TEXT NOT NULL REFERENCES principles(id),
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  origin TEXT,
  created_by TEXT NOT NULL REFERENCES people(id),
  created_at TEXT NOT NULL,
  UNIQUE (principle_id, number)
);

-- What the parties are asked to agree on: adopting a version, or retiring the principle.
CREATE TABLE proposals (
  id TEXT PRIMARY KEY,
  principle_id TEXT NOT NULL REFERENCES principles(id),
  kind TEXT NOT NULL CHECK (kind IN ('adopt', 'retire')),
  version_id TEXT REFERENCES principle_versions(id),
  status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'superseded')),
  created_by TEXT NOT NULL REFERENCES people(id),
  created_at TEXT NOT NULL,
  decided_at TEXT
);
-- At most one open proposal per principle.
CREATE UNIQUE INDEX proposals_one_open ON proposals(principle_id) WHERE status = 'open';

-- Each organization's stance on a proposal, given by one of its facilitators (latest wins).
CREATE TABLE stances (
  proposal_id TEXT NOT NULL REFERENCES proposals(id),
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  stance TEXT NOT NULL CHECK (stance IN ('endorse', 'object')),
  note TEXT,
  person_id TEXT NOT NULL REFERENCES people(id),
  at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, organization_id)
);

CREATE TABLE principle_comments (
  id TEXT PRIMARY KEY,
  principle_id TEXT NOT NULL REFERENCES principles(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX principle_comments_by_principle ON principle_comments(principle_id, created_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  actor_id TEXT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  at TEXT NOT NULL
);
CREATE INDEX audit_log_by_partnership ON audit_log(partnership_id, id);
