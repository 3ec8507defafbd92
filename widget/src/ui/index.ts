/**
 * Accord's shared views. The embed elements wrap them; the console and the extension render them
 * with their own client. Styles: import "./theme.css" (every view's root has the class "ac") and,
 * with the results view, "./results.css". Each view is a model (plain TS: loading, saving,
 * navigation) and a pure view, joined by connect().
 */
import { Fragment, h } from "preact";
import { connect } from "./connect";
import { loadModel } from "./load";
import resultsView from "./results-view";
import { frame, Notice } from "./status";

export { en, type Strings } from "../i18n";
export { connect, type Model } from "./connect";
export { type Current, type Cycle, cycleModel } from "./current";
export { diagnose, type Loaded, loadModel, type Problem, problemOf } from "./load";
export { Principles } from "./principles";
export type { RatingProps, SubmittedDetail, ViewProps } from "./props";
export { Pulse, pulseModel } from "./pulse";
export { RatingScale, type RatingScaleProps, type ScaleValue } from "./rating-scale";
export { css as resultsCss, default as resultsView, type Kit, type ResultsProps } from "./results-view";
export { SaveStatus } from "./save-status";
// The saver is loaded on demand by the views (import("./saver")); export only its types here.
export type { Answer, Saved, Saver, SaveState, SaveStatusState } from "./saver";
export { cycleFrame, frame, Notice, ProblemNotice, Skeleton } from "./status";
export { createStore, focusFollower, newId, type Store } from "./store";
export { Survey, surveyModel } from "./survey";

/**
 * The results view for bundles that include everything (console, extension); the embed loads
 * results-view.ts as a file of its own instead, handing it the same kit.
 */
export const Results = resultsView({ h, Fragment, connect, loadModel, frame, Notice });
