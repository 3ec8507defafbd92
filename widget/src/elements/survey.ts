import { h } from "preact";
import { Survey } from "../ui/survey";
import { defineView, type EmbedEnv } from "./base";

/**
 * <accord-survey partnership="…" token="…" cycle="…">: the open assessment for the signed-in person;
 * `cycle` (optional) names the one to open, e.g. from a link to that survey.
 */
export const surveyElement = (env: EmbedEnv) => defineView((props) => h(Survey, props), "assessment", env);
