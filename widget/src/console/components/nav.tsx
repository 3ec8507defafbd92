/** The console's navigation: the four steps and the partnership's admin screens, and the organization's own. */
import { useT } from "../i18n";
import { hrefFor, type Route, type Section, surveysHref } from "../router";
import { Icon, type IconName } from "./icons";

/** The section a route belongs to, so switching partnership keeps you in the same place. */
export function sectionOf(r: Route): Section {
  switch (r.name) {
    case "principle":
      return "principles";
    case "cycle":
      return "cycles";
    case "action":
      return "actions";
    case "trends":
    case "report":
      return "results";
    case "principles":
    case "cycles":
    case "results":
    case "actions":
    case "people":
    case "settings":
    case "embed":
    case "audit":
    case "channels":
      return r.name;
    default:
      return "home";
  }
}

interface NavItem {
  label: string;
  icon: IconName;
  href: string;
  active: boolean;
}

export function Nav(props: { pid: string; role: "facilitator" | "member"; current: Route }) {
  const { pid, current } = props;
  const section = sectionOf(current);
  const shell = useT().shell;
  const n = shell.nav;
  const on = (s: Section) =>
    current.name !== "surveys" && current.name !== "account" && current.name !== "organization" && section === s;
  const steps: NavItem[] = [
    { label: n.home, icon: "home", href: hrefFor(pid, "home"), active: on("home") && current.name === "home" },
    { label: n.principles, icon: "principles", href: hrefFor(pid, "principles"), active: on("principles") },
    { label: n.cycles, icon: "cycles", href: hrefFor(pid, "cycles"), active: on("cycles") },
    { label: n.surveys, icon: "surveys", href: surveysHref(pid), active: current.name === "surveys" },
    { label: n.results, icon: "results", href: hrefFor(pid, "results"), active: on("results") },
    { label: n.actions, icon: "actions", href: hrefFor(pid, "actions"), active: on("actions") },
  ];
  const admin: NavItem[] = [
    { label: n.people, icon: "people", href: hrefFor(pid, "people"), active: on("people") },
    ...(props.role === "facilitator"
      ? ([
          { label: n.settings, icon: "settings", href: hrefFor(pid, "settings"), active: on("settings") },
          { label: n.embed, icon: "embed", href: hrefFor(pid, "embed"), active: on("embed") },
          { label: n.channels, icon: "external", href: hrefFor(pid, "channels"), active: on("channels") },
          { label: n.audit, icon: "audit", href: hrefFor(pid, "audit"), active: on("audit") },
        ] as NavItem[])
      : []),
  ];
  const item = (i: NavItem) => (
    <li key={i.href}>
      <a class={`nav-link${i.active ? " active" : ""}`} href={i.href} aria-current={i.active ? "page" : undefined}>
        <Icon name={i.icon} />
        {i.label}
      </a>
    </li>
  );
  return (
    <>
      <ul class="nav-list">{steps.map(item)}</ul>
      <p class="nav-group" id="nav-partnership">
        {shell.manage}
      </p>
      <ul class="nav-list" aria-labelledby="nav-partnership">
        {admin.map(item)}
      </ul>
    </>
  );
}

/** The organization's own screen: for its admins, whichever partnership is in focus. */
export function OrganizationNav(props: { active: boolean }) {
  const t = useT();
  return (
    <>
      <p class="nav-group" id="nav-organization">
        {t.shell.yourOrganization}
      </p>
      <ul class="nav-list" aria-labelledby="nav-organization">
        <li>
          <a
            class={`nav-link${props.active ? " active" : ""}`}
            href="/organization"
            aria-current={props.active ? "page" : undefined}
          >
            <Icon name="organization" />
            {t.shell.organization}
          </a>
        </li>
      </ul>
    </>
  );
}
