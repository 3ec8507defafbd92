import { Fragment, type FunctionComponent, h } from "preact";
import { connect } from "../ui/connect";
import { loadModel } from "../ui/load";
import type { ResultsProps } from "../ui/results-view";
import { frame, Notice } from "../ui/status";
import { addStyles, defineView, type EmbedEnv } from "./base";

let Results: FunctionComponent<ResultsProps> | undefined;

/**
 * <accord-results partnership="…" cycle="latest" token="…">: published strengths, gaps and a
 * chart. Its view is a file of its own: pages without this element never load that code.
 */
export const resultsElement = (env: EmbedEnv) =>
  defineView(
    async (props) => {
      if (!Results) {
        const view = await import("../ui/results-view");
        addStyles(view.css);
        Results = view.default({ h, Fragment, connect, loadModel, frame, Notice }) as FunctionComponent<ResultsProps>;
      }
      return h(Results, props);
    },
    "results",
    env,
  );
