/** What the home screen loads: everything its to-do list and the four steps look at. */
import type { Schemas } from "../../../api";
import type { SettingsProposal } from "../../names";

export type Principle = Schemas["Principle"];
export type Cycle = Schemas["Cycle"];
export type CycleDetail = Schemas["CycleDetail"];
export type Action = Schemas["Action"];
export type PendingItem = Schemas["PendingItem"];

export interface HomeData {
  principles: Principle[];
  cycles: Cycle[];
  openCycles: CycleDetail[];
  overdue: Action[];
  mine: Action[];
  pending: PendingItem[];
  /** Open proposals to lower the anonymity settings (facilitators approve them). */
  proposals: SettingsProposal[];
}
