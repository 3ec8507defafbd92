-- A submission writes nothing that names a person, so not even the database's transaction history
-- links a rating to its author. Who has answered is derived from the person's own respondent key
-- (which only the Worker can compute); participation is kept only as per-organization counters.

-- Salts exist before anyone answers: created when a cycle records its eligible people at opening.
-- People eligible for a cycle already recorded get theirs now.
INSERT OR IGNORE INTO respondent_salts (partnership_id, person_id, salt)
SELECT c.partnership_id, e.person_id, lower(hex(randomblob(32)))
FROM cycle_eligibility e JOIN cycles c ON c.id = e.cycle_id
JOIN memberships m ON m.partnership_id = c.partnership_id AND m.person_id = e.person_id;

-- The per-person participation records go; participation_counts keeps the numbers.
DROP TABLE participation;
