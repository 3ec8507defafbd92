-- Embed keys: an organization's intranet signs embed tokens (HS256 JWTs) with one of these.
-- The secret is kept sealed (AES-GCM under a key derived from the Worker secret), never in clear.
CREATE TABLE embed_keys (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  secret_sealed TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  created_by TEXT REFERENCES people(id),
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX embed_keys_by_organization ON embed_keys(organization_id);
