/** A facilitator's (or member's) to-do list: what needs them now, most urgent first. */
import type { ComponentChildren } from "preact";
import { EmptyState, Section } from "../../components/ui";
import { date, fromNow, plural } from "../../format";
import { cycleName, describeChanges, pendingName } from "../../names";
import { hrefFor, surveysHref } from "../../router";
import { type Me, partnership } from "../../session";
import type { HomeData } from "./data";

export function ToDo(props: { pid: string; me: Me; data: HomeData; facilitator: boolean }) {
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
