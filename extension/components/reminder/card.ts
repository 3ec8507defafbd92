/**
 * The reminder card, built with plain DOM calls: this code runs on other people's sites, so it
 * stays small and every text goes in through textContent — a principle's wording is never
 * interpreted as HTML, and the bundle has no innerHTML path at all.
 */
import { isLanguage } from "@/utils/i18n/languages";
import type { ReminderCard as Card, CardWords } from "@/utils/messages/types";

interface Handlers {
  onRate(): void;
  onSnooze(): void;
  onDismiss(): void;
}

type Child = Node | string;

function el(doc: Document, tag: string, attrs: Record<string, string>, ...children: Child[]): HTMLElement {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children.map((c) => (typeof c === "string" ? doc.createTextNode(c) : c)));
  return node;
}

function svg(doc: Document, size: number, parts: [string, Record<string, string>][]): SVGElement {
  const NS = "http://www.w3.org/2000/svg";
  const root = doc.createElementNS(NS, "svg");
  for (const [k, v] of Object.entries({ viewBox: "0 0 24 24", width: `${size}`, height: `${size}` })) {
    root.setAttribute(k, v);
  }
  root.setAttribute("aria-hidden", "true");
  root.setAttribute("focusable", "false");
  for (const [tag, attrs] of parts) {
    const part = doc.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) part.setAttribute(k, v);
    root.append(part);
  }
  return root;
}

/** Accord's mark (components/shared/logo.tsx), drawn without Preact. */
const logo = (doc: Document) =>
  svg(doc, 18, [
    ["rect", { width: "24", height: "24", rx: "6", fill: "#3730a3" }],
    ["circle", { cx: "9.5", cy: "12", r: "4.6", fill: "none", stroke: "#ffffff", "stroke-width": "2.1" }],
    ["circle", { cx: "14.5", cy: "12", r: "4.6", fill: "none", stroke: "#a5b4fc", "stroke-width": "2.1" }],
  ]);

const cross = (doc: Document) =>
  svg(doc, 14, [
    ["path", { d: "M5 5l14 14m0-14L5 19", stroke: "currentColor", "stroke-width": "2.6", "stroke-linecap": "round" }],
  ]);

function button(doc: Document, className: string, label: Child, onClick: () => void, name?: string): HTMLElement {
  const b = el(
    doc,
    "button",
    { type: "button", class: className, ...(name ? { "aria-label": name, title: name } : {}) },
    label,
  );
  b.addEventListener("click", onClick);
  return b;
}

/** Builds the card; the caller puts it in the shadow root. */
export function renderCard(card: Card, handlers: Handlers, doc: Document = document): HTMLElement {
  const aside = el(
    doc,
    "aside",
    // The card speaks the person's language, whatever the page's.
    { class: "card", "aria-labelledby": "accord-title", lang: card.lang },
    el(
      doc,
      "div",
      { class: "head" },
      el(doc, "span", { class: "brand" }, logo(doc), el(doc, "span", {}, "Accord")),
      el(doc, "span", { class: "partnership" }, card.partnershipName),
      button(doc, "close", cross(doc), handlers.onDismiss, card.words.dismiss),
    ),
    el(doc, "p", { class: "eyebrow" }, card.words.eyebrow),
    el(doc, "h2", { id: "accord-title", class: "title" }, card.principle.title),
    el(doc, "p", { class: "text" }, card.principle.description),
    el(
      doc,
      "div",
      { class: "actions" },
      button(doc, "primary", card.words.rate, handlers.onRate),
      button(doc, "secondary", card.words.snooze, handlers.onSnooze),
    ),
  );
  aside.addEventListener("keydown", (e) => {
    if (e.key === "Escape") handlers.onDismiss();
  });
  return aside;
}

/** The background's answer, checked: plain strings of sane length, or nothing is shown. */
export function asCard(value: unknown): Card | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const p = v.principle as Record<string, unknown> | null | undefined;
  const w = v.words as Record<keyof CardWords, unknown> | null | undefined;
  const ok = (x: unknown, max: number) => typeof x === "string" && x.length <= max;
  if (!ok(v.partnershipName, 200) || !p || !ok(p.title, 200) || !ok(p.description, 1000)) {
    return null;
  }
  if (!isLanguage(v.lang) || !w || !ok(w.eyebrow, 80) || !ok(w.rate, 80) || !ok(w.snooze, 80) || !ok(w.dismiss, 80)) {
    return null;
  }
  return {
    partnershipName: v.partnershipName as string,
    principle: { title: p.title as string, description: p.description as string },
    lang: v.lang,
    words: {
      eyebrow: w.eyebrow as string,
      rate: w.rate as string,
      snooze: w.snooze as string,
      dismiss: w.dismiss as string,
    },
  };
}
