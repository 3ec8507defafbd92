/** What the actions screens share: the statuses, and the people, principles and cycles an action can point to. */
import type { Schemas } from "../../../api";
import { all, useLoad } from "../../load";
import { cycleName } from "../../names";
import { api } from "../../session";

type Member = Schemas["Member"];
type Principle = Schemas["Principle"];
type Cycle = Schemas["Cycle"];
export type Action = Schemas["Action"];
export type Status = Action["status"];

export const STATUSES: { key: Status; label: string }[] = [
  { key: "open", label: "Open" },
  { key: "in_progress", label: "In progress" },
  { key: "done", label: "Done" },
  { key: "dropped", label: "Dropped" },
];

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
