/**
 * The clock a replay runs on: statements are collected with the moment they happen and written in
 * time order, so rows and audit entries appear in the order the story tells.
 */
import { type AuditAction, type AuditTarget, auditStatement } from "../../src/audit/queries";
import type { SqlScript } from "./sql-script";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Statements that happen at a moment; written in time order, ties in the order they were added. */
export class Timeline {
  private readonly events: { at: number; statements: readonly D1PreparedStatement[] }[] = [];

  add(at: number, ...statements: readonly D1PreparedStatement[]): void {
    this.events.push({ at, statements });
  }

  writeTo(script: SqlScript): void {
    // Array.prototype.sort is stable, so same-time events keep their order.
    for (const e of [...this.events].sort((a, b) => a.at - b.at)) script.add(...e.statements);
  }
}

/** What every replay step needs: where to build, and the clock the story is told against. */
export interface Context {
  db: D1Database;
  /** The moment `daysAgo` days before now, in ms. */
  ago: (daysAgo: number) => number;
  t: Timeline;
}

/** An audit entry as the processes write it, stamped with the story's time. */
export function audit(
  c: Context,
  at: number,
  e: {
    partnershipId: string;
    actorId: string | null;
    action: AuditAction;
    target: [AuditTarget, string];
    detail?: Record<string, unknown>;
  },
  onlyIf?: { sql: string; values?: unknown[] },
): D1PreparedStatement {
  const [targetType, targetId] = e.target;
  return auditStatement(c.db, { ...e, targetType, targetId }, onlyIf, at);
}
