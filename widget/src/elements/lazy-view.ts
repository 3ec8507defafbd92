import { type ComponentType, Fragment, h } from "preact";
import { connect } from "../ui/connect";
import type { LazyView } from "../ui/kit";
import { loadModel } from "../ui/load";
import type { RatingProps } from "../ui/props";
import { frame, Notice } from "../ui/status";
import { addStyles, defineView, type EmbedEnv } from "./base";

/**
 * An element whose view is a file of its own (results, principles: neither asks a question):
 * pages without the element never load that code. The view is made once, from a kit of
 * Preact and the shared views, and brings its own styles.
 */
export function lazyViewElement(kind: string, load: () => Promise<LazyView<RatingProps>>) {
  let view: ComponentType<RatingProps> | undefined;
  return (env: EmbedEnv) =>
    defineView(
      async (props) => {
        if (!view) {
          const file = await load();
          addStyles(file.css);
          view = file.default({ h, Fragment, connect, loadModel, frame, Notice });
        }
        return h(view, props);
      },
      kind,
      env,
    );
}
