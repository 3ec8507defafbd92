import { lazyViewElement } from "./lazy-view";

/** <accord-principles partnership="…" token="…">: the agreed principles (a view loaded on demand). */
export const principlesElement = lazyViewElement("principles", () => import("../ui/principles-view"));
