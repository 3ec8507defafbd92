/** What the actions screens share: the statuses, and the people, principles and cycles an action can point to. */
import type { Schemas } from "../../../api";
import { messages } from "../../i18n";
import { all, useLoad } from "../../load";
import { cycleName } from "../../names";
import { api } from "../../session";

type Member = Schemas["Member"];
type Principle = Schemas["Principle"];
type Cycle = Schemas["Cycle"];
export type Action = Schemas["Action"];
export type Status = Action["status"];

/** The statuses in board order, each with its label in the current language. */
export const statuses = (): { key: Status; label: string }[] =>
  (["open", "in_progress", "done", "dropped"] as const).map((key) => ({
    key,
    label: messages.value.common.status[key],
  }));

export interface Context {
  people: Member[];
  principles: Principle[];
  cycles: Cycle[];
}

/** People, principles and cycles: what an action can point to. */
export function useContext(pid: string) {
  const params = { partnershipId: pid };
  return useLoad(
    async (signal) => {
      const r = await all<[{ people: Member[] }, { principles: Principle[] }, { cycles: Cycle[] }]>([
        api("get", "/api/v1/partnerships/{partnershipId}/people", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/principles", { params, signal }),
        api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params, signal }),
      ]);
      return r.ok
        ? { ...r, value: { people: r.value[0].people, principles: r.value[1].principles, cycles: r.value[2].cycles } }
        : r;
    },
    [pid],
  );
}

export const principleChoices = (c: Context) => c.principles.map((p) => ({ id: p.id, title: p.current.title }));
export const cycleChoices = (c: Context) =>
  c.cycles.filter((x) => x.status !== "scheduled").map((x) => ({ id: x.id, name: cycleName(x) }));
