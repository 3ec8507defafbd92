-- How many people of each organization responded to a cycle, kept up to date in the rating batch,
-- so reading participation does not count rows (its cost must not grow with respondents).
-- Removing a person deletes their participation record but not this count: they did respond.
CREATE TABLE participation_counts (
  cycle_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  responded INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (cycle_id, organization_id)
) WITHOUT ROWID;

INSERT INTO participation_counts (cycle_id, organization_id, responded)
SELECT cycle_id, organization_id, COUNT(*) FROM participation GROUP BY cycle_id, organization_id;
