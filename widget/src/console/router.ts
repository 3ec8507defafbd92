/**
 * Client-side routing by path. The worker answers every unknown path with index.html, so each
 * screen has a real, shareable URL; /surveys?partnership=…&cycle=… is the stable address the
 * extension's "rate now" opens.
 */
import { signal } from "@preact/signals";

export type Section =
  | "home"
  | "principles"
  | "cycles"
  | "results"
  | "actions"
  | "people"
  | "settings"
  | "embed"
  | "audit"
  | "trends"
  | "report"
  | "channels";

export type Route =
  | { name: "sign-in"; code: string }
  | { name: "home"; pid: string | null }
  | { name: "new-partnership" }
  | { name: "account" }
  | { name: "organization" }
  | { name: "surveys"; pid: string | null; cycle: string | null }
  | { name: "principles"; pid: string; status: string | null; propose: boolean }
  | { name: "principle"; pid: string; id: string }
  | { name: "cycles"; pid: string }
  | { name: "cycle"; pid: string; id: string }
  | { name: "results"; pid: string; cycle: string | null }
  | { name: "trends"; pid: string; principle: string | null }
  | { name: "report"; pid: string; cycle: string | null }
  | { name: "actions"; pid: string; query: URLSearchParams }
  | { name: "action"; pid: string; id: string }
  | { name: "people"; pid: string }
  | { name: "settings"; pid: string }
  | { name: "embed"; pid: string }
  | { name: "audit"; pid: string }
  | { name: "channels"; pid: string }
  | { name: "not-found" };

const PARTNERSHIP_SECTIONS = new Set([
  "principles",
  "cycles",
  "results",
  "actions",
  "people",
  "settings",
  "embed",
  "audit",
  "trends",
  "report",
  "channels",
]);

/** Reads a route from a URL (path and query). */
function parseRoute(url: URL): Route {
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const q = url.searchParams;
  if (parts.length === 0) return { name: "home", pid: q.get("partnership") };
  const [first, pid, section, id] = parts;
  if (first === "sign-in" && parts.length === 1) return { name: "sign-in", code: q.get("code") ?? "" };
  if (first === "account" && parts.length === 1) return { name: "account" };
  if (first === "organization" && parts.length === 1) return { name: "organization" };
  if (first === "surveys" && parts.length === 1) {
    return { name: "surveys", pid: q.get("partnership"), cycle: q.get("cycle") };
  }
  if (first === "partnerships" && pid === "new" && parts.length === 2) return { name: "new-partnership" };
  if (first !== "p" || !pid) return { name: "not-found" };
  if (!section) return { name: "home", pid };
  if (!PARTNERSHIP_SECTIONS.has(section) || parts.length > 4) return { name: "not-found" };
  if (id) {
    if (section === "principles") return { name: "principle", pid, id };
    if (section === "cycles") return { name: "cycle", pid, id };
    if (section === "actions") return { name: "action", pid, id };
    if (section === "trends") return { name: "trends", pid, principle: id };
    if (section === "report") return { name: "report", pid, cycle: id };
    return { name: "not-found" };
  }
  switch (section) {
    case "principles":
      return { name: "principles", pid, status: q.get("status"), propose: q.has("propose") };
    case "results":
      return { name: "results", pid, cycle: q.get("cycle") };
    case "trends":
      return { name: "trends", pid, principle: null };
    case "report":
      return { name: "report", pid, cycle: null };
    case "actions":
      return { name: "actions", pid, query: q };
    case "cycles":
    case "people":
    case "settings":
    case "embed":
    case "audit":
    case "channels":
      return { name: section, pid };
    default:
      return { name: "not-found" };
  }
}

/** The path of a partnership's section (or one item in it), with an optional query. */
export function hrefFor(pid: string, section: Section, id?: string, query?: Record<string, string | undefined>) {
  const base = section === "home" ? `/p/${enc(pid)}` : `/p/${enc(pid)}/${section}${id ? `/${enc(id)}` : ""}`;
  return base + queryString(query);
}

/** "?a=1&b=2" from the defined entries, or "". */
function queryString(query: Record<string, string | undefined> = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The My surveys page: the one address the extension opens for "rate now". */
export function surveysHref(pid?: string, cycle?: string) {
  return `/surveys${queryString({ partnership: pid, cycle })}`;
}

const enc = encodeURIComponent;

export const route = signal<Route>(parseRoute(new URL(location.href)));
/** Bumped on every navigation, so the shell can move focus to the new page's heading. */
export const navigations = signal(0);

/** Goes to a console URL without reloading the page. */
export function navigate(href: string, options: { replace?: boolean } = {}, win: Window = window) {
  const url = new URL(href, win.location.href);
  if (options.replace) win.history.replaceState(null, "", url);
  else win.history.pushState(null, "", url);
  route.value = parseRoute(url);
  navigations.value++;
}

/** Follows same-origin link clicks in the app and the browser's back and forward buttons. */
export function startRouter(win: Window = window) {
  win.addEventListener("popstate", () => {
    route.value = parseRoute(new URL(win.location.href));
    navigations.value++;
  });
  win.document.addEventListener("click", (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const a = (event.target as Element | null)?.closest?.("a");
    if (!a || a.target || a.hasAttribute("download") || a.dataset.external !== undefined) return;
    const url = new URL(a.href, win.location.href);
    if (url.origin !== win.location.origin || url.pathname.startsWith("/api/") || url.pathname.startsWith("/embed/"))
      return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash, {}, win);
  });
}
