/**
 * The partnership's agreed principles: what good looks like, as all partners worded it. The embed
 * builds this file on its own and loads it only for <accord-principles> (there is no question to
 * answer, so nothing waits for it), so it must not import Preact: it gets Preact and the shared
 * views as a kit (see kit.ts), and calls h() directly instead of JSX.
 */
import type { ComponentType } from "preact";
import { call } from "../api";
import { enPrinciples } from "../i18n";
import type { Kit } from "./kit";
import css from "./principles.css?inline";
import type { ViewProps } from "./props";

/** The view's own styles, on top of theme.css. */
export { css };

export default function principlesView({
  h,
  Fragment,
  connect,
  loadModel,
  frame,
  Notice,
}: Kit): ComponentType<ViewProps> {
  const model = (props: ViewProps) =>
    loadModel(
      props.client,
      () =>
        call(props.client, "get", "/api/v1/partnerships/{partnershipId}/principles", {
          params: { partnershipId: props.partnershipId },
          query: { status: "agreed" },
        }),
      props.onError,
    );

  return connect(model, (props: ViewProps, m: ReturnType<typeof model>) => {
    // English strings travel with this view; other catalogs carry their own.
    const s = { ...enPrinciples, ...props.strings };
    const state = m.store.get();
    const principles = state.data?.principles ?? [];
    return frame("principles", s, state, 4, m.reload, () =>
      h(
        Fragment,
        null,
        h("h2", { class: "ac-title" }, s.principles),
        principles.length
          ? h(
              "ol",
              { class: "ac-list" },
              principles.map((p, i) => {
                const version = p.agreedVersion ?? p.current;
                return h(
                  "li",
                  { key: p.id, class: "ac-item" },
                  h("span", { class: "ac-badge", "aria-hidden": "true" }, i + 1),
                  h(
                    "div",
                    null,
                    h("h3", { class: "ac-principle" }, version.title),
                    h("p", { class: "ac-desc" }, version.description),
                  ),
                );
              }),
            )
          : h(Notice, { title: s.noPrinciples }),
      ),
    );
  });
}
