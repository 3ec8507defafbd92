-- The trust model: organization admins, people who are remembered when removed, provisioning from
-- the intranet as an organization setting, the organization's own audit log, cycles that fix who
-- may answer and their anonymity settings when they open, and settings changes by consent.

-- Organization admins manage the directory, embed keys, allowed origins and provisioning.
ALTER TABLE people ADD COLUMN admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1));
-- Removed by an admin: kept (nothing that links ratings), refused everywhere until restored.
ALTER TABLE people ADD COLUMN removed_at TEXT;
-- The first sign-in: from then on a code for this person comes only from themselves (pairing) or
-- from an admin's audited account recovery.
ALTER TABLE people ADD COLUMN signed_in_at TEXT;

-- Whether an embed token may create a person on first use (default on: an intranet works out of
-- the box; every person it creates is audited).
ALTER TABLE organizations ADD COLUMN provisioning INTEGER NOT NULL DEFAULT 1 CHECK (provisioning IN (0, 1));

-- Existing facilitators become their organization's admins; people who hold a token have signed in.
UPDATE people SET admin = 1 WHERE id IN (SELECT person_id FROM memberships WHERE role = 'facilitator');
UPDATE people SET signed_in_at = (SELECT MIN(created_at) FROM personal_tokens t WHERE t.person_id = people.id)
WHERE EXISTS (SELECT 1 FROM personal_tokens t WHERE t.person_id = people.id);

-- Sign-in codes gain the admin's account recovery (a CHECK cannot be altered: rebuild the table).
CREATE TABLE sign_in_codes_new (
  code_hash TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'organization-invite', 'pairing', 'bootstrap', 'recovery')),
  issued_by TEXT,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
INSERT INTO sign_in_codes_new SELECT code_hash, person_id, purpose, issued_by, expires_at, used_at, created_at FROM sign_in_codes;
DROP TABLE sign_in_codes;
ALTER TABLE sign_in_codes_new RENAME TO sign_in_codes;
CREATE INDEX sign_in_codes_by_person ON sign_in_codes(person_id);

-- What an organization's admins did to its directory, keys, origins and settings. Each entry is
-- also noted in the audit log of every partnership the organization is in.
CREATE TABLE organization_audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  actor_id TEXT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  at TEXT NOT NULL
);
CREATE INDEX organization_audit_log_by_organization ON organization_audit_log(organization_id, id);

-- Fixed when the cycle opens (opened_at): its anonymity settings. planned_closes_at is the close
-- a facilitator planned; closing early moves closes_at, and reopening is allowed until the plan.
ALTER TABLE cycles ADD COLUMN opened_at TEXT;
ALTER TABLE cycles ADD COLUMN k INTEGER;
ALTER TABLE cycles ADD COLUMN comment_threshold INTEGER;
ALTER TABLE cycles ADD COLUMN planned_closes_at TEXT;
UPDATE cycles SET planned_closes_at = closes_at;

-- Who may answer a cycle: the members when it opened. Denominators count every row; `withdrawn`
-- marks someone removed while it ran, so a restored person cannot answer it a second time.
CREATE TABLE cycle_eligibility (
  cycle_id TEXT NOT NULL REFERENCES cycles(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  organization_id TEXT NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (cycle_id, person_id)
) WITHOUT ROWID;
CREATE INDEX cycle_eligibility_by_person ON cycle_eligibility(person_id);

-- Cycles already open or closed: the best record there is (members now, and whoever responded).
INSERT OR IGNORE INTO cycle_eligibility (cycle_id, person_id, organization_id)
SELECT c.id, m.person_id, p.organization_id
FROM cycles c JOIN memberships m ON m.partnership_id = c.partnership_id JOIN people p ON p.id = m.person_id
WHERE c.opens_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
INSERT OR IGNORE INTO cycle_eligibility (cycle_id, person_id, organization_id)
SELECT cycle_id, person_id, organization_id FROM participation;
UPDATE cycles SET opened_at = opens_at,
  k = (SELECT k FROM partnerships WHERE id = cycles.partnership_id),
  comment_threshold = (SELECT comment_threshold FROM partnerships WHERE id = cycles.partnership_id)
WHERE opens_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now');

-- Lowering k or the comment threshold: a proposal that applies once a facilitator of every party
-- organization approved it.
CREATE TABLE settings_proposals (
  id TEXT PRIMARY KEY,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  -- JSON {"k"?: n, "commentThreshold"?: n}
  changes TEXT NOT NULL,
  note TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'applied', 'rejected')),
  created_by TEXT NOT NULL REFERENCES people(id),
  created_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE UNIQUE INDEX settings_proposals_one_open ON settings_proposals(partnership_id) WHERE status = 'open';

CREATE TABLE settings_approvals (
  proposal_id TEXT NOT NULL REFERENCES settings_proposals(id),
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, organization_id)
);

-- Cycles whose opening is still to be recorded (the scheduler and requests look for them).
CREATE INDEX cycles_to_open ON cycles(opens_at) WHERE opened_at IS NULL;
