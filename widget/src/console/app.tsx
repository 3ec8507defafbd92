/** The console shell: who is signed in, the partnership in focus, navigation and the current screen. */
import { useSignalEffect } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import { Icon } from "./components/icons";
import { LanguageMenu } from "./components/language-menu";
import { Nav, OrganizationNav, sectionOf } from "./components/nav";
import { NotFoundScreen } from "./components/not-found";
import { ErrorNote, Loading } from "./components/ui";
import { fill, useT } from "./i18n";
import { hrefFor, navigate, navigations, type Route, route } from "./router";
import { AccountScreen } from "./screens/account";
import { ActionsScreen } from "./screens/actions";
import { ActionScreen } from "./screens/actions/action";
import { AuditScreen } from "./screens/audit";
import { ChannelsScreen } from "./screens/channels";
import { CyclesScreen } from "./screens/cycles";
import { CycleScreen } from "./screens/cycles/cycle";
import { EmbedScreen } from "./screens/embed";
import { HomeScreen } from "./screens/home";
import { NewPartnershipScreen } from "./screens/new-partnership";
import { OrganizationScreen } from "./screens/organization";
import { PeopleScreen } from "./screens/people";
import { PrincipleScreen } from "./screens/principle";
import { PrinciplesScreen } from "./screens/principles";
import { ReportScreen } from "./screens/report";
import { ResultsScreen } from "./screens/results";
import { TrendsScreen } from "./screens/results/trends-screen";
import { SettingsScreen } from "./screens/settings";
import { SignInScreen } from "./screens/sign-in";
import { SurveysScreen } from "./screens/surveys";
import {
  choosePartnership,
  isAdmin,
  loadMe,
  loadPartnership,
  type Me,
  partnership,
  partnershipError,
  session,
  signOut,
} from "./session";

export function App() {
  const s = session.value;
  const t = useT();
  useEffect(() => {
    loadMe();
  }, []);
  if (s.status === "loading") {
    return (
      <main id="main" class="center-page">
        <Loading label={t.shell.opening} />
      </main>
    );
  }
  if (s.status === "error") {
    return (
      <main id="main" class="center-page">
        <div class="center-card">
          <h1>{t.shell.notAnswering}</h1>
          <ErrorNote error={s.error} onRetry={() => loadMe()} />
        </div>
      </main>
    );
  }
  if (s.status === "signed-out") {
    const r = route.value;
    return <SignInScreen code={r.name === "sign-in" ? r.code : ""} reason={s.reason} />;
  }
  return <Shell me={s.me} />;
}

/** The partnership a route is about (explicitly, or the one in focus for pages outside a partnership). */
function routePid(r: Route): string | null {
  return "pid" in r ? r.pid : null;
}

function Shell(props: { me: Me }) {
  const r = route.value;
  const pid = choosePartnership(routePid(r), props.me);
  const [menuOpen, setMenuOpen] = useState(false);
  const t = useT();

  // Signed in already: /sign-in without a code has nothing to do. (With a code, the sign-in screen
  // explains whose session it would replace.)
  useEffect(() => {
    if (r.name === "sign-in" && !r.code) navigate("/", { replace: true });
  }, [r]);

  useEffect(() => {
    if (pid && partnership.value?.id !== pid) {
      partnership.value = null;
      loadPartnership(pid);
    }
  }, [pid]);

  // Each navigation: close the menu, go to the top and give focus to the new page's heading.
  useSignalEffect(() => {
    if (navigations.value === 0) return;
    setMenuOpen(false);
    requestAnimationFrame(() => {
      window.scrollTo(0, 0);
      document.querySelector<HTMLElement>("[data-page-heading]")?.focus({ preventScroll: true });
    });
  });

  if (r.name === "sign-in") return <SignInScreen code={r.code} signedInAs={props.me} />;

  const summary = props.me.partnerships.find((p) => p.id === pid);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t.shell.skip}
      </a>
      <header class="topbar">
        <a class="brand" href={pid ? hrefFor(pid, "home") : "/"}>
          <span class="brand-mark" aria-hidden="true" />
          Accord
        </a>
        <button
          type="button"
          class="btn btn-ghost menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <Icon name="menu" />
          {t.shell.menu}
        </button>
      </header>
      <nav id="sidebar" class={`sidebar${menuOpen ? " open" : ""}`} aria-label={t.shell.console}>
        <a class="brand brand-side" href={pid ? hrefFor(pid, "home") : "/"}>
          <span class="brand-mark" aria-hidden="true" />
          Accord
        </a>
        <PartnershipSwitcher me={props.me} pid={pid} />
        {pid && summary && <Nav pid={pid} role={summary.role} current={r} />}
        {isAdmin.value && <OrganizationNav active={r.name === "organization"} />}
        <div class="sidebar-foot">
          <a
            class={`nav-link${r.name === "account" ? " active" : ""}`}
            href="/account"
            aria-current={r.name === "account" ? "page" : undefined}
          >
            <Icon name="account" />
            <span class="who">
              <span class="who-name">{props.me.person.name}</span>
              <span class="who-org">{props.me.organization.name}</span>
            </span>
          </a>
          <SignOutButton />
          <LanguageMenu class="sidebar-language" />
        </div>
      </nav>
      <main id="main" class="main" tabIndex={-1}>
        <Screen route={r} pid={pid} me={props.me} />
      </main>
    </div>
  );
}

function SignOutButton() {
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  return (
    <>
      <button
        type="button"
        class="nav-link nav-button"
        onClick={async () => {
          const e = await signOut();
          if (e) setError(e.message);
          else navigate("/sign-in", { replace: true });
        }}
      >
        <Icon name="signOut" />
        {t.shell.signOut}
      </button>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function PartnershipSwitcher(props: { me: Me; pid: string | null }) {
  const list = props.me.partnerships;
  const current = list.find((p) => p.id === props.pid);
  const others = list.filter((p) => p.id !== props.pid);
  const t = useT();
  return (
    <div class="switcher">
      <p class="switcher-label">{t.shell.partnership}</p>
      {current ? (
        <p class="switcher-current">
          {current.name}
          {current.archived && <span class="badge badge-neutral">{t.shell.archived}</span>}
          <span class="switcher-role">{current.role === "facilitator" ? t.shell.youFacilitate : t.common.member}</span>
        </p>
      ) : (
        <p class="muted small">{t.shell.noneYet}</p>
      )}
      {others.length > 0 && (
        <>
          <label for="partnership-switcher" class="sr-only">
            {t.shell.switchPartnership}
          </label>
          <select
            id="partnership-switcher"
            class="switcher-select"
            value=""
            onChange={(e) => {
              const next = (e.target as HTMLSelectElement).value;
              if (next) navigate(hrefFor(next, sectionOf(route.value)));
            }}
          >
            <option value="">{t.shell.switchPartnershipChoose}</option>
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.archived ? t.shell.archivedSuffix : ""}
              </option>
            ))}
          </select>
        </>
      )}
      {isAdmin.value ? (
        <a class="switcher-new" href="/partnerships/new">
          <Icon name="plus" />
          {t.shell.newPartnership}
        </a>
      ) : (
        // Not a disabled link (links cannot be disabled): the reason, said where the link would be.
        <p class="switcher-new switcher-new-off">
          <Icon name="plus" />
          <span>
            {t.shell.newPartnership}
            <span class="switcher-why">{fill(t.shell.onlyAdmins, { organization: props.me.organization.name })}</span>
          </span>
        </p>
      )}
    </div>
  );
}

function Screen(props: { route: Route; pid: string | null; me: Me }) {
  const r = props.route;
  switch (r.name) {
    case "new-partnership":
      return <NewPartnershipScreen />;
    case "account":
      return <AccountScreen me={props.me} />;
    case "organization":
      return <OrganizationScreen me={props.me} />;
    case "surveys":
      return <SurveysScreen pid={props.pid} cycle={r.cycle} me={props.me} />;
    case "not-found":
      return <NotFoundScreen />;
    case "sign-in":
      return null;
    default:
      break;
  }
  const pid = props.pid;
  if (!pid) return <HomeScreen pid={null} me={props.me} />;
  const p = partnership.value;
  if (!p || p.id !== pid) {
    const failed = partnershipError.value;
    if (failed) {
      return failed.status === 404 ? (
        <NotFoundScreen what="partnership" />
      ) : (
        <ErrorNote error={failed} onRetry={() => loadPartnership(pid)} />
      );
    }
    return <Loading />;
  }
  switch (r.name) {
    case "home":
      return <HomeScreen pid={pid} me={props.me} />;
    case "principles":
      return <PrinciplesScreen pid={pid} status={r.status} propose={r.propose} me={props.me} />;
    case "principle":
      return <PrincipleScreen pid={pid} id={r.id} me={props.me} />;
    case "cycles":
      return <CyclesScreen pid={pid} />;
    case "cycle":
      return <CycleScreen pid={pid} id={r.id} />;
    case "results":
      return <ResultsScreen pid={pid} cycle={r.cycle} me={props.me} />;
    case "trends":
      return <TrendsScreen pid={pid} principle={r.principle} />;
    case "report":
      return <ReportScreen pid={pid} cycle={r.cycle} />;
    case "actions":
      return <ActionsScreen pid={pid} query={r.query} me={props.me} />;
    case "action":
      return <ActionScreen pid={pid} id={r.id} me={props.me} />;
    case "people":
      return <PeopleScreen pid={pid} me={props.me} />;
    case "settings":
      return <SettingsScreen pid={pid} me={props.me} />;
    case "embed":
      return <EmbedScreen pid={pid} me={props.me} />;
    case "audit":
      return <AuditScreen pid={pid} />;
    case "channels":
      return <ChannelsScreen pid={pid} me={props.me} />;
    default:
      return <NotFoundScreen />;
  }
}
