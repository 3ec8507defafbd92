import { type PrincipleActionRow, principleActionsStatement } from "../actions/queries";
import {
  type ClosedCycleRow,
  type CycleRow,
  closedCyclesStatement,
  cycleView,
  listClosedCycles,
  participationFrom,
  participationStatements,
  type SnapshotRow,
  snapshotStatement,
  thresholdsStatement,
} from "../cycles/queries";
import { rows } from "../db/rows";
import { type Figure, isSuppressed, SUPPRESSED, shuffle } from "../domain/results";
import { type CycleKind, cycleStatus } from "../domain/schedule";
import type { Thresholds } from "../domain/settings";
import { csvCell } from "../http/text";
import { type PartyRow, partiesStatement } from "../partnerships/queries";
import { commentsStatement, scoreMap, scoreStatements, scoresFrom } from "./queries";

const diff = (a: Figure<number> | undefined, b: Figure<number> | undefined): Figure<number> =>
  a === undefined || b === undefined || isSuppressed(a) || isSuppressed(b)
    ? SUPPRESSED
    : Math.round((a - b) * 100) / 100;

/** Everything a published results view shows, or participation only while the cycle is open. */
export async function buildResults(db: D1Database, partnershipId: string, cycle: CycleRow) {
  // Three round trips at most, whatever the number of ratings: everything this cycle needs, then
  // what the previous and baseline cycles need, then comments when a group may show them.
  const published = cycleStatus(cycle) === "closed";
  const now = new Date().toISOString();
  const [
    settingsResult,
    organizationsResult,
    invitedResult,
    respondedResult,
    previousResult,
    snapshotResult,
    actionsResult,
    ...current
  ] = await db.batch<unknown>([
    thresholdsStatement(db, cycle.id),
    partiesStatement(db, partnershipId),
    ...participationStatements(db, partnershipId, cycle.id),
    closedCyclesStatement(db, {
      partnershipId,
      kind: cycle.kind,
      except: cycle.id,
      closedBy: [cycle.closesAt, now].sort()[0] as string,
      limit: 1,
    }),
    snapshotStatement(db, cycle.id),
    principleActionsStatement(db, partnershipId),
    ...scoreStatements(db, cycle.id),
  ]);
  const t = rows<Thresholds>(settingsResult)[0] ?? { k: 5, commentThreshold: 5 };
  const organizations = rows<PartyRow>(organizationsResult).map((o) => ({ id: o.id, name: o.name }));
  const base = {
    cycle: cycleView(cycle),
    published,
    k: t.k,
    commentThreshold: t.commentThreshold,
    organizations,
    participation: participationFrom(invitedResult, respondedResult, cycle),
  };
  if (!published) return base;

  const orgIds = organizations.map((o) => o.id);
  const previous = rows<ClosedCycleRow>(previousResult)[0];
  const snapshot = rows<SnapshotRow>(snapshotResult);
  const actions = rows<PrincipleActionRow>(actionsResult);
  const firstAction = new Map<string, PrincipleActionRow>();
  for (const a of actions)
    if (!firstAction.has(a.principleId) && a.createdAt < cycle.closesAt) firstAction.set(a.principleId, a);
  const started = [...firstAction.entries()];
  const secondReads = [
    ...(previous ? scoreStatements(db, previous.id) : []),
    // How each principle moved since its first action: the cycle that action came from, or the
    // last one closed before it.
    ...started.map(([, a]) =>
      closedCyclesStatement(db, {
        partnershipId,
        kind: cycle.kind,
        except: cycle.id,
        closedBy: a.createdAt,
        prefer: a.cycleId ?? "",
        limit: 1,
      }),
    ),
  ];
  const second = secondReads.length ? await db.batch<unknown>(secondReads) : [];
  const previousScores = previous ? scoreMap(scoresFrom(second.slice(0, 2), cycle.kind, orgIds, previous)) : undefined;
  const results = scoresFrom(current, cycle.kind, orgIds, t, previousScores);
  const baselines = new Map<string, { cycleId: string; since: string }>();
  const baselineThresholds = new Map<string, Thresholds>();
  second.slice(previous ? 2 : 0).forEach((r, i) => {
    const from = rows<ClosedCycleRow>(r)[0];
    const [principleId, a] = started[i] as [string, PrincipleActionRow];
    if (from) {
      baselines.set(principleId, { cycleId: from.id, since: a.createdAt });
      baselineThresholds.set(from.id, from);
    }
  });
  const baselineIds = [...new Set([...baselines.values()].map((b) => b.cycleId))];
  const needComments = results.principles.some((p) => p.commentsVisibleFor.length > 0);
  const third =
    baselineIds.length || needComments
      ? await db.batch<unknown>([
          ...baselineIds.flatMap((id) => scoreStatements(db, id)),
          ...(needComments ? [commentsStatement(db, cycle.id)] : []),
        ])
      : [];
  const baselineScores = new Map<string, Map<string, Figure<number>>>(
    baselineIds.map((id, i) => [
      id,
      scoreMap(scoresFrom(third.slice(i * 2, i * 2 + 2), cycle.kind, orgIds, baselineThresholds.get(id) ?? t)),
    ]),
  );
  const comments = needComments
    ? rows<{ principleId: string; organizationId: string; comment: string }>(third[baselineIds.length * 2])
    : [];

  const byId = new Map(snapshot.map((s) => [s.principleId, s]));
  return {
    ...base,
    previousCycleId: previous?.id ?? null,
    strengths: results.strengths,
    challenges: results.challenges,
    quadrantSplit: results.quadrantSplit,
    principles: results.principles.map(({ shown: _, commentsVisibleFor, ...p }) => {
      const s = byId.get(p.principleId);
      const baseline = baselines.get(p.principleId);
      const before = baseline ? baselineScores.get(baseline.cycleId)?.get(p.principleId) : undefined;
      return {
        ...p,
        title: s?.title ?? "",
        description: s?.description ?? "",
        versionNumber: s?.number ?? 1,
        comments: orgIds.map((organizationId) => ({
          organizationId,
          texts: commentsVisibleFor.includes(organizationId)
            ? shuffle(
                comments
                  .filter((c) => c.principleId === p.principleId && c.organizationId === organizationId)
                  .map((c) => c.comment),
              )
            : SUPPRESSED,
        })),
        actions: actions
          .filter((a) => a.principleId === p.principleId)
          .map(({ principleId: _p, cycleId: _c, ...a }) => a),
        sinceActions: baseline
          ? {
              since: baseline.since,
              baselineCycleId: baseline.cycleId,
              baseline: before ?? SUPPRESSED,
              current: p.score,
              change: diff(p.score, before),
            }
          : null,
      };
    }),
  };
}

const fmt = (v: unknown): string | number =>
  v === null || v === undefined ? "" : isSuppressed(v) ? "suppressed" : typeof v === "number" ? v : String(v);

/**
 * The newest closed cycle of a kind that shows at least one figure: a cycle closed with too few
 * respondents publishes only "hidden", and must not replace the last results people can use.
 */
export async function findLatestWithFigures(db: D1Database, partnershipId: string, kind: CycleKind) {
  const closed = await listClosedCycles(db, { partnershipId, kind, closedBy: new Date().toISOString(), limit: 12 });
  if (closed.length === 0) return null;
  const [organizations, ...scores] = await db.batch<unknown>([
    partiesStatement(db, partnershipId),
    ...closed.flatMap((c) => scoreStatements(db, c.id)),
  ]);
  const orgIds = rows<PartyRow>(organizations).map((o) => o.id);
  const index = closed.findIndex((c, i) =>
    scoresFrom(scores.slice(i * 2, i * 2 + 2), kind, orgIds, c).principles.some((p) =>
      p.organizations.some((o) => !isSuppressed(o.n)),
    ),
  );
  return closed[index] ?? null;
}

/** Published figures as CSV lines: one per principle for the partnership, then one per organization. */
export function resultsCsv(r: Awaited<ReturnType<typeof buildResults>>): string {
  const header = [
    "principle",
    "version",
    "group",
    "n",
    "performance",
    "importance",
    "gap",
    "priority",
    "perception_gap",
    "trend",
    "dist_1",
    "dist_2",
    "dist_3",
    "dist_4",
    "dist_5",
  ];
  const lines = [header.join(",")];
  const names = new Map(r.organizations.map((o) => [o.id, o.name]));
  for (const p of "principles" in r ? r.principles : []) {
    const dists = (d: Figure<number[]>): (string | number)[] => (isSuppressed(d) ? Array(5).fill("suppressed") : d);
    lines.push(
      [
        p.title,
        p.versionNumber,
        "Partnership",
        fmt(p.n),
        fmt(p.score),
        fmt(p.importance),
        fmt(p.gap),
        fmt(p.priority),
        fmt(p.perceptionGap),
        fmt(p.trend),
        ...dists(p.distribution),
      ]
        .map(csvCell)
        .join(","),
    );
    for (const o of p.organizations) {
      lines.push(
        [
          p.title,
          p.versionNumber,
          names.get(o.organizationId) ?? o.organizationId,
          fmt(o.n),
          fmt(o.performance),
          fmt(o.importance),
          "",
          "",
          "",
          "",
          ...dists(o.distribution),
        ]
          .map(csvCell)
          .join(","),
      );
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
