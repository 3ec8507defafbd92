/**
 * A chart's frame: the SVG with its <title>/<desc> (announced as one image), a visible caption and
 * the same numbers as a table behind "Show the numbers", so no figure lives only in a picture.
 */
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { decimal, useT } from "../i18n";

interface TableData {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
  /** The first cell of each row names it (rendered as a row header). */
  rowHeaders?: boolean;
}

export function ChartFrame(props: {
  title: string;
  description: string;
  viewBox: [number, number];
  table?: TableData;
  caption?: ComponentChildren;
  class?: string;
  children: ComponentChildren;
}) {
  const id = useId();
  const [w, h] = props.viewBox;
  return (
    <figure class={`acc-chart${props.class ? ` ${props.class}` : ""}`}>
      <svg
        viewBox={`0 0 ${w} ${h}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        preserveAspectRatio="xMidYMid meet"
        class="acc-svg"
      >
        <title id={`${id}-t`}>{props.title}</title>
        <desc id={`${id}-d`}>{props.description}</desc>
        {props.children}
      </svg>
      {props.caption && <figcaption class="acc-caption">{props.caption}</figcaption>}
      {props.table && <NumbersTable table={props.table} />}
    </figure>
  );
}

/** The numbers behind a chart, folded away until asked for. */
export function NumbersTable(props: { table: TableData; open?: boolean }) {
  const t = props.table;
  return (
    <details class="acc-numbers" open={props.open}>
      <summary>{useT().insights.charts.showNumbers}</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard to scroll it */}
      <div class="acc-table-wrap" tabIndex={0}>
        <table class="acc-table">
          <caption>{t.caption}</caption>
          <thead>
            <tr>
              {t.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 && t.rowHeaders !== false ? (
                    <th key={j} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Maps a value from [d0, d1] onto [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number) {
  return (v: number) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** One decimal, the precision the charts label with, in the reader's convention ("3.4", "3,4"). */
export const one = (n: number) => decimal(n, 1);
