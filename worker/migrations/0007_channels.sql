-- Channels: where an organization's nudges for a partnership go (a Slack incoming webhook, a Teams
-- Workflows webhook or a signed generic webhook), and the log of what was delivered to each.

-- One channel per organization and partnership. The URL is a secret (whoever holds it can post
-- into the organization's chat): kept sealed like embed secrets, shown only as `target_hint`.
CREATE TABLE channels (
  id TEXT PRIMARY KEY,
  partnership_id TEXT NOT NULL REFERENCES partnerships(id),
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  kind TEXT NOT NULL CHECK (kind IN ('slack', 'teams', 'webhook')),
  url_sealed TEXT NOT NULL,
  -- "hooks.slack.com/…x9Qz": enough to recognise the channel, not enough to post to it.
  target_hint TEXT NOT NULL,
  -- Generic webhooks: the signing secret, sealed (shown once when the channel is connected).
  secret_sealed TEXT,
  -- The console's origin when the channel was connected: links in nudges point there.
  link_base TEXT NOT NULL,
  created_by TEXT REFERENCES people(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (partnership_id, organization_id)
);

-- One row per event and channel: the idempotency record of the queue consumer (an event is
-- delivered at most once per channel, however often it is enqueued) and the delivery log the
-- console shows. `payload` is the event as sent to generic webhooks ({id, type, time, data});
-- nothing from a receiver's response is kept but its status code.
CREATE TABLE channel_deliveries (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES channels(id),
  -- What makes the event unique, e.g. "cycle.opened:cyc_…" (per organization where it differs).
  event_key TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'retrying', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- The receiver's HTTP status on the last attempt (null: no answer), and a fixed reason code.
  last_status INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  delivered_at TEXT,
  UNIQUE (channel_id, event_key)
);
CREATE INDEX channel_deliveries_log ON channel_deliveries(channel_id, created_at);
CREATE INDEX channel_deliveries_unsent ON channel_deliveries(status, updated_at);
