-- The device a personal token was issued to, coarse and from its User-Agent at sign-in (a browser
-- family and an operating system, e.g. "Chrome" and "Linux"), so a person tells their sign-ins apart.
-- Nothing finer (versions, the full User-Agent) is kept.
ALTER TABLE personal_tokens ADD COLUMN device_browser TEXT;
ALTER TABLE personal_tokens ADD COLUMN device_system TEXT;
