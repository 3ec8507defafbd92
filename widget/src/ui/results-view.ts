/**
 * The results view: the latest published strengths, biggest gaps and a compact bar chart;
 * suppressed figures say so. The embed builds this file on its own and loads it only for
 * <accord-results>, so it must not import Preact (the page keeps the one copy in the main script):
 * it gets Preact and the shared views as a kit (see kit.ts), and calls h() directly instead of JSX.
 */
import type { ComponentType } from "preact";
import { call, type Result, type Schemas } from "../api";
import { enResults, fill, formatDay, formatScore, plural, type ResultsStrings } from "../i18n";
import type { Kit } from "./kit";
import type { ViewProps } from "./props";
import css from "./results.css?inline";

/** The view's own styles, on top of theme.css. */
export { css };

export interface ResultsProps extends ViewProps {
  /** A cycle id, or "latest" (the default): the most recently closed assessment. */
  cycle?: string | null | undefined;
}

type Results = Schemas["Results"];
type PrincipleResult = Schemas["PrincipleResult"];

/** A figure is a number, or `{"suppressed": true}` when fewer than k people gave it. */
const shown = (v: unknown): v is number => typeof v === "number";

function fetchResults({ client, partnershipId, cycle }: ResultsProps): Promise<Result<Results>> {
  return cycle && cycle !== "latest"
    ? call(client, "get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/results", {
        params: { partnershipId, cycleId: cycle },
      })
    : call(client, "get", "/api/v1/partnerships/{partnershipId}/cycles/latest/results", {
        params: { partnershipId },
        query: { kind: "assessment" },
      });
}

export default function resultsView({
  h,
  Fragment,
  connect,
  loadModel,
  frame,
  Notice,
}: Kit): ComponentType<ResultsProps> {
  const model = (props: ResultsProps) =>
    loadModel(
      props.client,
      () => fetchResults(props),
      // "No results yet" is an expected state, not an error for the host page.
      (failure) => failure.status !== 404 && props.onError?.(failure),
    );

  const published = (results: Results, s: ResultsStrings, lang: string) => {
    const principles = results.principles ?? [];
    const byId = new Map(principles.map((p) => [p.principleId, p]));
    const score = (v: number) => formatScore(lang, v);
    const gap = (p: PrincipleResult) =>
      shown(p.importance) && shown(p.gap) ? fill(s.gap, { importance: score(p.importance), gap: score(p.gap) }) : "";
    const column = (kind: string, title: string, ids: string[] | undefined, figure: (p: PrincipleResult) => string) => {
      const items = (ids ?? []).flatMap((id) => byId.get(id) ?? []).slice(0, 3);
      return h(
        "section",
        { class: `ac-column ac-column-${kind}`, "aria-label": title },
        h("h3", { class: "ac-subtitle" }, title),
        items.length
          ? h(
              "ol",
              { class: "ac-ranked" },
              items.map((p) =>
                h(
                  "li",
                  { key: p.principleId },
                  h("span", { class: "ac-ranked-title" }, p.title),
                  h("span", { class: "ac-figure" }, figure(p)),
                ),
              ),
            )
          : h("p", { class: "ac-desc" }, s.none),
      );
    };
    // Bars are SVG geometry attributes, not inline styles, which a strict style-src would refuse.
    const bar = (p: PrincipleResult, value: number) =>
      h(
        Fragment,
        null,
        h(
          "svg",
          { class: "ac-bar-svg", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true" },
          h("rect", { class: "ac-bar-track", width: 100, height: 10 }),
          h("rect", { class: "ac-bar", width: value * 20, height: 10 }),
          shown(p.importance) &&
            h("rect", { class: "ac-bar-mark", x: p.importance * 20 - 0.6, width: 1.2, height: 10 }),
        ),
        h("span", { class: "ac-figure" }, score(value), gap(p) && h("span", { class: "ac-sr" }, `, ${gap(p)}`)),
      );
    const responded = results.participation.reduce((n, o) => n + (o.responded ?? 0), 0);
    return h(
      Fragment,
      null,
      h(
        "header",
        { class: "ac-head" },
        h(
          "div",
          null,
          h("p", { class: "ac-eyebrow" }, s.results),
          h(
            "h2",
            { class: "ac-title" },
            results.cycle.title || fill(s.closedOn, { date: formatDay(lang, results.cycle.closesAt, true) }),
          ),
        ),
        h("p", { class: "ac-meta" }, plural(lang, s.responded, responded)),
      ),
      h(
        "div",
        { class: "ac-columns" },
        column("good", s.strengths, results.strengths, (p) =>
          shown(p.score) ? fill(s.score, { score: score(p.score) }) : "",
        ),
        column("gap", s.challenges, results.challenges, gap),
      ),
      h(
        "figure",
        { class: "ac-chart" },
        h("figcaption", { class: "ac-hint" }, s.chart),
        h(
          "ul",
          null,
          principles.map((p) =>
            h(
              "li",
              { key: p.principleId, class: "ac-bar-row" },
              h("span", { class: "ac-bar-title", title: p.title }, p.title),
              shown(p.score)
                ? bar(p, p.score)
                : h("span", { class: "ac-suppressed" }, plural(lang, s.suppressed, results.k)),
            ),
          ),
        ),
      ),
    );
  };

  return connect(model, (props: ResultsProps, m: ReturnType<typeof model>) => {
    // English results strings travel with this view; other catalogs carry their own.
    const s = { ...enResults, ...props.strings } as ResultsStrings & typeof props.strings;
    const state = m.store.get();
    const data = state.data;
    const none = state.failure?.status === 404 || data?.published === false;
    return frame("results", s, none ? { loaded: true } : state, 5, m.reload, () =>
      data && !none ? published(data, s, props.lang) : h(Notice, { title: s.noResults, detail: s.noResultsDetail }),
    );
  });
}
