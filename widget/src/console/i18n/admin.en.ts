/**
 * The console's English words for running an organization and a partnership: the organization's
 * people, origins and keys, settings and their proposals, people, nudges, the embed snippet and
 * the audit log. Part of the English catalogue (en.ts); admin.de.ts copies it key for key.
 */
export const admin = {};
