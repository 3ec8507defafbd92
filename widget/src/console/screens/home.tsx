/**
 * Home: what needs you now (a facilitator's to-do list: principles awaiting your organization's
 * stance, cycles to open or close, overdue actions; everyone's pending surveys and own actions) and
 * where the partnership stands in the four steps.
 */
import type { ComponentChildren } from "preact";
import type { Schemas } from "../../api";
import { Async, EmptyState, PageHeader, Section } from "../components/ui";
import { date, fromNow, plural } from "../format";
import { all, mapResult, useLoad } from "../load";
import { hrefFor, surveysHref } from "../router";
import { api, isAdmin, isFacilitator, type Me, partnership } from "../session";
import { useTitle } from "../title";
import { describeChanges, type SettingsProposal } from "./settings";
import { pendingName } from "./surveys";

type Principle = Schemas["Principle"];
type Cycle = Schemas["Cycle"];
type CycleDetail = Schemas["CycleDetail"];
type Action = Schemas["Action"];
type PendingItem = Schemas["PendingItem"];

interface HomeData {
  principles: Principle[];
  cycles: Cycle[];
  openCycles: CycleDetail[];
  overdue: Action[];
  mine: Action[];
  pending: PendingItem[];
  /** Open proposals to lower the anonymity settings (facilitators approve them). */
  proposals: SettingsProposal[];
}

export function HomeScreen(props: { pid: string | null; me: Me }) {
  const p = partnership.value;
  useTitle(p?.settings.name ?? "Home");
  if (!props.pid || !p) return <Welcome me={props.me} />;
  return <PartnershipHome pid={props.pid} me={props.me} />;
}

function Welcome(props: { me: Me }) {
  const admin = isAdmin.value;
  return (
    <>
      <PageHeader title={`Welcome, ${props.me.person.name.split(" ")[0]}`} lead="You are not in a partnership yet." />
      <EmptyState
        title={admin ? "Start a partnership" : "Join a partnership"}
        action={
          admin ? (
            <a class="btn btn-primary" href="/partnerships/new">
              Create a partnership
            </a>
          ) : undefined
        }
      >
        {admin ? (
          <p>
            Create one for your organization and invite your partner, or ask a facilitator of an existing partnership to
            add you.
          </p>
        ) : (
          <p>
            Ask a facilitator of an existing partnership to add you, or one of {props.me.organization.name}'s admins to
            create a partnership: only admins create partnerships for the organization.
          </p>
        )}
      </EmptyState>
    </>
  );
}

function PartnershipHome(props: { pid: string; me: Me }) {
  const pid = props.pid;
  const p = partnership.value;
  const facilitator = isFacilitator.value;
  const params = { partnershipId: pid };
  const data = useLoad<HomeData>(
    async (signal) => {
      const loaded = await all<[Principle[], Cycle[], Action[], Action[], PendingItem[]]>([
        mapResult(
          api("get", "/api/v1/partnerships/{partnershipId}/principles", { params, signal }),
          (v) => v.principles,
        ),
        mapResult(api("get", "/api/v1/partnerships/{partnershipId}/cycles", { params, signal }), (v) => v.cycles),
        mapResult(
          api("get", "/api/v1/partnerships/{partnershipId}/actions", { params, query: { overdue: "true" }, signal }),
          (v) => v.actions,
        ),
        mapResult(
          api("get", "/api/v1/partnerships/{partnershipId}/actions", { params, query: { mine: "true" }, signal }),
          (v) => v.actions,
        ),
        mapResult(api("get", "/api/v1/me/pending", { signal }), (v) => (v ? v.items : [])),
      ]);
      if (!loaded.ok) return loaded;
      const [principles, cycles, overdue, mine, pending] = loaded.value;
      const open = cycles.filter((c) => c.status === "open");
      const details = await all<CycleDetail[]>(
        open.map((c) =>
          api("get", "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}", {
            params: { partnershipId: pid, cycleId: c.id },
            signal,
          }),
        ),
      );
      if (!details.ok) return details;
      // Only facilitators decide proposals; the to-do list still shows if the list cannot load.
      const proposals = facilitator
        ? await api("get", "/api/v1/partnerships/{partnershipId}/settings-proposals", { params, signal })
        : null;
      return {
        ...loaded,
        value: {
          principles,
          cycles,
          openCycles: details.value,
          overdue,
          mine,
          pending: pending.filter((i) => i.partnershipId === pid),
          proposals: proposals?.ok ? proposals.value.proposals.filter((x) => x.status === "open") : [],
        },
      };
    },
    [pid, facilitator],
  );
  if (!p) return null;
  return (
    <>
      <PageHeader
        eyebrow={p.organizations.map((o) => o.name).join(" × ")}
        title={p.settings.name}
        lead={p.settings.purpose || undefined}
      />
      {p.archived && (
        <div class="note note-warning" role="status">
          <p>This partnership is archived: everything stays readable, nothing can change.</p>
        </div>
      )}
      <Async value={data.value} onRetry={data.reload} label="Loading what needs you…">
        {(d) => (
          <>
            <ToDo pid={pid} me={props.me} data={d} facilitator={facilitator} />
            <Steps pid={pid} data={d} />
          </>
        )}
      </Async>
    </>
  );
}

function ToDo(props: { pid: string; me: Me; data: HomeData; facilitator: boolean }) {
  const { pid, data, facilitator } = props;
  const myOrg = props.me.organization.id;
  const awaiting = data.principles.filter((p) => p.status !== "retired" && p.proposal?.awaiting.includes(myOrg));
  const scheduled = data.cycles.filter((c) => c.status === "scheduled");
  const myOpen = data.mine.filter((a) => a.status === "open" || a.status === "in_progress");
  const items: ComponentChildren[] = [];

  for (const s of data.pending) {
    items.push(
      <TodoItem
        key={`survey-${s.cycleId}`}
        tone="accent"
        label={s.kind === "pulse" ? "Pulse" : "Survey"}
        href={surveysHref(pid, s.cycleId)}
        title={pendingName(s)}
        meta={`${s.answered} of ${s.total} answered · closes ${fromNow(s.closesAt)}`}
        cta={s.answered > 0 ? "Continue" : "Answer now"}
      />,
    );
  }
  if (facilitator) {
    // Getting started: the next step of the loop when the partnership is new.
    const orgs = partnership.value?.organizations.length ?? 0;
    const agreed = data.principles.some((p) => p.status === "agreed");
    if (orgs < 2) {
      items.push(
        <TodoItem
          key="start-invite"
          tone="accent"
          label="Get started"
          href={`${hrefFor(pid, "settings")}#organizations`}
          title="Invite your partner organization"
          meta="You get a one-time code for their first facilitator; principles need every organization's endorsement."
          cta="Invite"
        />,
      );
    }
    if (data.principles.length === 0) {
      items.push(
        <TodoItem
          key="start-propose"
          tone="accent"
          label="Get started"
          href={hrefFor(pid, "principles", undefined, { propose: "1" })}
          title="Propose your first principle"
          meta="Start from an issue between you and describe what good looks like instead."
          cta="Propose"
        />,
      );
    } else if (agreed && data.cycles.length === 0) {
      items.push(
        <TodoItem
          key="start-assess"
          tone="accent"
          label="Next step"
          href={hrefFor(pid, "cycles")}
          title="Schedule your first assessment"
          meta="Everyone rates how each agreed principle is lived and how important it is."
          cta="Schedule"
        />,
      );
    }
    for (const p of awaiting) {
      const kind =
        p.proposal?.kind === "retire"
          ? "Retirement proposed"
          : p.status === "agreed"
            ? "New wording proposed"
            : "Proposed";
      items.push(
        <TodoItem
          key={`principle-${p.id}`}
          tone="warning"
          label="Your stance"
          href={hrefFor(pid, "principles", p.id)}
          title={p.latestVersion.title}
          meta={`${kind} ${fromNow(p.proposal?.createdAt ?? p.updatedAt)} · awaiting your organization's stance`}
          cta="Endorse or object"
        />,
      );
    }
    for (const x of data.proposals.filter((x) => x.awaiting.includes(myOrg))) {
      items.push(
        <TodoItem
          key={`proposal-${x.id}`}
          tone="warning"
          label="Your approval"
          href={`${hrefFor(pid, "settings")}#proposals`}
          title={`Lower ${describeChanges(x.changes, partnership.value?.settings ?? null)}`}
          meta={`Proposed by ${x.createdBy.name} ${fromNow(x.createdAt)} · applies when every organization approved`}
          cta="Approve or reject"
        />,
      );
    }
    for (const c of scheduled) {
      items.push(
        <TodoItem
          key={`open-${c.id}`}
          tone="info"
          label="To open"
          href={hrefFor(pid, "cycles", c.id)}
          title={cycleName(c)}
          meta={`Opens ${fromNow(c.opensAt)} (${date(c.opensAt)}) · you can open it now`}
          cta="Review"
        />,
      );
    }
    for (const c of data.openCycles) {
      const short = c.participation.filter((o) => o.fewerThanK).length;
      const invited = c.participation.reduce((a, o) => a + o.invited, 0);
      const responded = c.participation.reduce((a, o) => a + (o.responded ?? 0), 0);
      items.push(
        <TodoItem
          key={`close-${c.id}`}
          tone="accent"
          label="Open now"
          href={hrefFor(pid, "cycles", c.id)}
          title={cycleName(c)}
          meta={
            short > 0
              ? `${plural(short, "organization")} below ${c.k ?? "k"} respondents · closes ${fromNow(c.closesAt)}`
              : `${responded} of ${invited} responded · closes ${fromNow(c.closesAt)}; close it early to publish results`
          }
          cta="Follow participation"
        />,
      );
    }
  }
  for (const a of data.overdue) {
    items.push(
      <TodoItem
        key={`overdue-${a.id}`}
        tone="danger"
        label="Overdue"
        href={hrefFor(pid, "actions", a.id)}
        title={a.title}
        meta={`Due ${date(a.dueOn)}${a.owner ? ` · ${a.owner.name}` : " · no owner"}`}
        cta="Update"
      />,
    );
  }
  for (const a of myOpen.filter((m) => !data.overdue.some((o) => o.id === m.id))) {
    items.push(
      <TodoItem
        key={`mine-${a.id}`}
        tone="neutral"
        label="Your action"
        href={hrefFor(pid, "actions", a.id)}
        title={a.title}
        meta={a.dueOn ? `Due ${date(a.dueOn)}` : "No due date"}
        cta="Update"
      />,
    );
  }

  return (
    <Section
      title="What needs you"
      id="todo"
      lead={
        facilitator ? "Your to-do list as a facilitator, most urgent first." : "Surveys to answer and actions you own."
      }
    >
      {items.length ? (
        <ul class="todo-list">{items}</ul>
      ) : (
        <EmptyState title="You're all caught up.">
          <p>Nothing is waiting for you in this partnership right now.</p>
        </EmptyState>
      )}
    </Section>
  );
}

function TodoItem(props: { tone: string; label: string; href: string; title: string; meta: string; cta: string }) {
  return (
    <li class={`todo todo-${props.tone}`}>
      <span class={`badge badge-${props.tone}`}>{props.label}</span>
      <div class="todo-text">
        <a class="todo-title" href={props.href}>
          {props.title}
        </a>
        <p class="todo-meta">{props.meta}</p>
      </div>
      <span class="todo-cta" aria-hidden="true">
        {props.cta} →
      </span>
    </li>
  );
}

export function cycleName(c: { title: string; kind: string; opensAt: string }) {
  return c.title || `${c.kind === "pulse" ? "Pulse" : "Assessment"} of ${date(c.opensAt)}`;
}

function Steps(props: { pid: string; data: HomeData }) {
  const { pid, data } = props;
  const agreed = data.principles.filter((p) => p.status === "agreed").length;
  const proposed = data.principles.filter((p) => p.status === "proposed").length;
  const assessments = data.cycles.filter((c) => c.kind === "assessment");
  const lastClosed = assessments.find((c) => c.status === "closed");
  const open = assessments.find((c) => c.status === "open");
  const next = [...data.cycles].reverse().find((c) => c.status === "scheduled");
  const steps = [
    {
      n: 1,
      title: "Agree principles",
      href: hrefFor(pid, "principles"),
      status: agreed ? `${plural(agreed, "principle")} agreed` : "No agreed principles yet",
      detail: proposed ? `${proposed} awaiting agreement` : "Turn an issue into what good looks like",
    },
    {
      n: 2,
      title: "Assess how you live them",
      href: hrefFor(pid, "cycles"),
      status: open
        ? `Assessment open until ${date(open.closesAt)}`
        : lastClosed
          ? `Last assessed ${date(lastClosed.closesAt)}`
          : "Not assessed yet",
      detail: "Everyone rates each principle",
    },
    {
      n: 3,
      title: "Act on the biggest gaps",
      href: hrefFor(pid, "results"),
      status: lastClosed ? "Results published" : "Results appear when a cycle closes",
      detail: "Plan actions from challenges and strengths",
    },
    {
      n: 4,
      title: "Check in regularly",
      href: hrefFor(pid, "cycles"),
      status: next
        ? `Next: ${cycleName(next)} on ${date(next.opensAt)}`
        : `Cadence: ${partnership.value?.settings.assessmentCadence ?? "annual"} assessments`,
      detail: "Trends show whether actions moved the scores",
    },
  ];
  return (
    <Section title="The four steps" id="steps" lead="Where this partnership stands in the loop.">
      <ol class="steps">
        {steps.map((s) => (
          <li key={s.n} class="step">
            <span class="step-n" aria-hidden="true">
              {s.n}
            </span>
            <div>
              <a class="step-title" href={s.href}>
                {s.title}
              </a>
              <p class="step-status">{s.status}</p>
              <p class="step-detail muted small">{s.detail}</p>
            </div>
          </li>
        ))}
      </ol>
    </Section>
  );
}
