/**
 * What the popup shows, fetched by the background and kept in storage: the person, and per shown
 * partnership its agreed principles, the open pulse and the person's open actions.
 */
import { type Client, call, type Schemas } from "@accord/widget/api";
import {
  type ActionView,
  currentPartnershipItem,
  meItem,
  type PartnershipView,
  type PrincipleText,
  type PulseView,
  partnershipsItem,
  shownPartnershipsItem,
} from "../storage";
import { settle } from "./connection";
import { shownIds } from "./shown";

/** Refreshes the person and every shown partnership; false when the API could not be reached. */
export async function refreshPartnerships(client: Client, now = Date.now()): Promise<boolean> {
  const me = await settle(await call(client, "get", "/api/v1/me"));
  if (!me.ok) return false;
  await meItem.setValue(me.value);
  const ids = shownIds(me.value, await shownPartnershipsItem.getValue());
  const views = await Promise.all(
    ids.map((id) => {
      const summary = me.value.partnerships.find((p) => p.id === id);
      return summary ? fetchPartnership(client, summary, now) : null;
    }),
  );
  const cached = await partnershipsItem.getValue();
  const next: Record<string, PartnershipView> = {};
  ids.forEach((id, i) => {
    const view = views[i] ?? cached[id];
    if (view) next[id] = view;
  });
  await partnershipsItem.setValue(next);
  const current = await currentPartnershipItem.getValue();
  if (!current || !ids.includes(current)) await currentPartnershipItem.setValue(ids[0] ?? null);
  return views.every((v) => v !== null);
}

/** One partnership's view, or null when any part of it could not be fetched (the cache stays). */
async function fetchPartnership(
  client: Client,
  summary: { id: string; name: string; role: "facilitator" | "member" },
  now: number,
): Promise<PartnershipView | null> {
  const params = { partnershipId: summary.id };
  const [partnership, principles, pulse, actions] = await Promise.all([
    call(client, "get", "/api/v1/partnerships/{partnershipId}", { params }).then(settle),
    call(client, "get", "/api/v1/partnerships/{partnershipId}/principles", {
      params,
      query: { status: "agreed" },
    }).then(settle),
    call(client, "get", "/api/v1/partnerships/{partnershipId}/cycles/current", {
      params,
      query: { kind: "pulse" },
    }).then(settle),
    call(client, "get", "/api/v1/partnerships/{partnershipId}/actions", { params, query: { mine: "true" } }).then(
      settle,
    ),
  ]);
  if (!partnership.ok || !principles.ok || !pulse.ok || !actions.ok) return null;
  return {
    id: summary.id,
    name: partnership.value.settings.name,
    role: partnership.value.role,
    reminderSites: partnership.value.settings.reminderSites,
    principles: principles.value.principles.map((p): PrincipleText => {
      const wording = p.agreedVersion ?? p.current;
      return { id: p.id, title: wording.title, description: wording.description };
    }),
    pulse: pulseView(pulse.value),
    actions: actions.value.actions
      .filter((a) => a.status === "open" || a.status === "in_progress")
      .map(
        (a): ActionView => ({
          id: a.id,
          kind: a.kind,
          title: a.title,
          status: a.status as ActionView["status"],
          dueOn: a.dueOn,
          overdue: a.overdue,
        }),
      ),
    fetchedAt: now,
  };
}

function pulseView({ cycle, mine, eligible }: Schemas["CurrentCycle"]): PulseView | null {
  const principle = cycle?.principles[0];
  if (!cycle || !principle || cycle.status !== "open") return null;
  const answer = mine?.answers.find((a) => a.principleId === principle.principleId)?.performance;
  return {
    cycleId: cycle.id,
    title: cycle.title,
    closesAt: cycle.closesAt,
    principle: { id: principle.principleId, title: principle.title, description: principle.description },
    answer: typeof answer === "number" ? answer : null,
    eligible,
  };
}

/** Records a rating the API accepted, so the popup shows it without another round trip. */
export async function recordAnswer(partnershipId: string, cycleId: string, performance: number): Promise<void> {
  const all = await partnershipsItem.getValue();
  const view = all[partnershipId];
  if (view?.pulse?.cycleId !== cycleId) return;
  await partnershipsItem.setValue({
    ...all,
    [partnershipId]: { ...view, pulse: { ...view.pulse, answer: performance } },
  });
}
