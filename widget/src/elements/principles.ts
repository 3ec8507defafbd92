import { h } from "preact";
import { Principles } from "../ui/principles";
import { defineView, type EmbedEnv } from "./base";

/** <accord-principles partnership="…" token="…">: the agreed principles. */
export const principlesElement = (env: EmbedEnv) => defineView((props) => h(Principles, props), "principles", env);
