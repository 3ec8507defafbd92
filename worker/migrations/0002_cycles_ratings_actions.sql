-- Cycles, confidential ratings with their aggregates, pulses and actions (steps 2–4).

-- A cycle's status follows time: scheduled before opens_at, open until closes_at, closed after.
-- Opening or closing early moves those times. closed_at records when the close was observed.
CREATE TABLE cycles (
  id TEXT PRIMARY KEY,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  kind TEXT NOT NULL CHECK (kind IN ('assessment', 'pulse')),
  source TEXT NOT NULL CHECK (source IN ('cadence', 'manual')),
  -- Cadence cycles: the UTC date their period starts. Manual cycles: their own id, so they never
  -- collide with the cadence.
  period_start TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  closed_at TEXT,
  created_by TEXT REFERENCES people(id),
  created_at TEXT NOT NULL,
  CHECK (closes_at > opens_at),
  UNIQUE (partnership_id, kind, period_start)
);
CREATE INDEX cycles_by_partnership ON cycles(partnership_id, kind, closes_at);
CREATE INDEX cycles_to_close ON cycles(closes_at) WHERE closed_at IS NULL;

-- The principle versions a cycle asks about, frozen when the cycle is created.
CREATE TABLE cycle_principles (
  cycle_id TEXT NOT NULL REFERENCES cycles(id),
  principle_id TEXT NOT NULL REFERENCES principles(id),
  version_id TEXT NOT NULL REFERENCES principle_versions(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (cycle_id, principle_id)
);

-- A random salt per person and partnership. Deleting it makes that person's ratings
-- permanently unlinkable to them; the ratings stay counted.
CREATE TABLE respondent_salts (
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  salt TEXT NOT NULL,
  PRIMARY KEY (partnership_id, person_id)
);

-- Ratings: no person, no time. respondent = HMAC(RATING_KEY, salt || cycle id). WITHOUT ROWID,
-- so rows are stored in key order and insertion order cannot be recovered.
-- performance / importance: 1..5, 0 = "can't say" (not counted), NULL = not answered yet.
CREATE TABLE ratings (
  cycle_id TEXT NOT NULL,
  respondent TEXT NOT NULL,
  principle_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  performance INTEGER CHECK (performance BETWEEN 0 AND 5),
  importance INTEGER CHECK (importance BETWEEN 0 AND 5),
  comment TEXT,
  PRIMARY KEY (cycle_id, respondent, principle_id)
) WITHOUT ROWID;
-- Comments are read without touching the ratings that have none.
CREATE INDEX ratings_comments ON ratings(cycle_id, principle_id, organization_id) WHERE comment IS NOT NULL;

-- Per cycle x principle x organization, kept up to date in the same batch as each rating write,
-- so reading results never scans ratings.
CREATE TABLE aggregates (
  cycle_id TEXT NOT NULL,
  principle_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  perf_n INTEGER NOT NULL DEFAULT 0,
  perf_sum INTEGER NOT NULL DEFAULT 0,
  perf_1 INTEGER NOT NULL DEFAULT 0,
  perf_2 INTEGER NOT NULL DEFAULT 0,
  perf_3 INTEGER NOT NULL DEFAULT 0,
  perf_4 INTEGER NOT NULL DEFAULT 0,
  perf_5 INTEGER NOT NULL DEFAULT 0,
  imp_n INTEGER NOT NULL DEFAULT 0,
  imp_sum INTEGER NOT NULL DEFAULT 0,
  comments INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (cycle_id, principle_id, organization_id)
) WITHOUT ROWID;

-- Who has responded, by date only; separate from ratings on purpose.
CREATE TABLE participation (
  cycle_id TEXT NOT NULL REFERENCES cycles(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  organization_id TEXT NOT NULL,
  responded_on TEXT NOT NULL,
  PRIMARY KEY (cycle_id, person_id)
);
CREATE INDEX participation_by_person ON participation(person_id);

-- Replays of submissions: only the key, the respondent hash, a hash of the request and the
-- stored response. Kept for a day (expires_on is a date, like participation).
CREATE TABLE idempotency (
  respondent TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  PRIMARY KEY (respondent, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_expiry ON idempotency(expires_on);

CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  kind TEXT NOT NULL CHECK (kind IN ('improve', 'celebrate')),
  title TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  principle_id TEXT REFERENCES principles(id),
  cycle_id TEXT REFERENCES cycles(id),
  owner_id TEXT REFERENCES people(id),
  due_on TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  created_by TEXT NOT NULL REFERENCES people(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX actions_by_partnership ON actions(partnership_id, status);
CREATE INDEX actions_by_principle ON actions(principle_id);

CREATE TABLE action_notes (
  id TEXT PRIMARY KEY,
  action_id TEXT NOT NULL REFERENCES actions(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX action_notes_by_action ON action_notes(action_id, created_at);
