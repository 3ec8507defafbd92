import { h } from "preact";
import { Survey } from "../ui/survey";
import { defineView, type EmbedEnv } from "./base";

/** <accord-survey partnership="…" token="…">: the open assessment for the signed-in person. */
export const surveyElement = (env: EmbedEnv) => defineView((props) => h(Survey, props), "assessment", env);
