import { h } from "preact";
import { Pulse } from "../ui/pulse";
import { defineView, type EmbedEnv } from "./base";

/** <accord-pulse partnership="…" token="…">: the current pulse; one click submits. */
export const pulseElement = (env: EmbedEnv) => defineView((props) => h(Pulse, props), "pulse", env);
