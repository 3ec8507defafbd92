/** A facilitator's (or member's) to-do list: what needs them now, most urgent first. */
import type { ComponentChildren } from "preact";
import { EmptyState, Section } from "../../components/ui";
import { date, fromNow } from "../../format";
import { fill, messages, plural, useT } from "../../i18n";
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
  const all = useT();
  const t = all.todo;

  for (const s of data.pending) {
    items.push(
      <TodoItem
        key={`survey-${s.cycleId}`}
        tone="accent"
        label={s.kind === "pulse" ? all.common.pulse : t.survey}
        href={surveysHref(pid, s.cycleId)}
        title={pendingName(s)}
        meta={fill(all.surveys.progress, { answered: s.answered, total: s.total, when: fromNow(s.closesAt) })}
        cta={s.answered > 0 ? t.continue : t.answerNow}
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
          label={t.getStarted}
          href={`${hrefFor(pid, "settings")}#organizations`}
          title={t.invitePartner}
          meta={t.invitePartnerMeta}
          cta={t.invite}
        />,
      );
    }
    if (data.principles.length === 0) {
      items.push(
        <TodoItem
          key="start-propose"
          tone="accent"
          label={t.getStarted}
          href={hrefFor(pid, "principles", undefined, { propose: "1" })}
          title={t.proposeFirst}
          meta={t.proposeFirstMeta}
          cta={all.principles.proposeButton}
        />,
      );
    } else if (agreed && data.cycles.length === 0) {
      items.push(
        <TodoItem
          key="start-assess"
          tone="accent"
          label={t.nextStep}
          href={hrefFor(pid, "cycles")}
          title={t.scheduleFirst}
          meta={t.scheduleFirstMeta}
          cta={t.schedule}
        />,
      );
    }
    for (const p of awaiting) {
      const kind =
        p.proposal?.kind === "retire"
          ? all.principles.retirement
          : p.status === "agreed"
            ? all.principles.newWording
            : all.common.status.proposed;
      items.push(
        <TodoItem
          key={`principle-${p.id}`}
          tone="warning"
          label={t.yourStance}
          href={hrefFor(pid, "principles", p.id)}
          title={p.latestVersion.title}
          meta={fill(t.stanceMeta, { kind, when: fromNow(p.proposal?.createdAt ?? p.updatedAt) })}
          cta={t.endorseOrObject}
        />,
      );
    }
    for (const x of data.proposals.filter((x) => x.awaiting.includes(myOrg))) {
      items.push(
        <TodoItem
          key={`proposal-${x.id}`}
          tone="warning"
          label={t.yourApproval}
          href={`${hrefFor(pid, "settings")}#proposals`}
          title={fill(all.admin.proposals.lowerTitle, {
            changes: describeChanges(x.changes, partnership.value?.settings ?? null),
          })}
          meta={fill(t.approvalMeta, { name: x.createdBy.name, when: fromNow(x.createdAt) })}
          cta={t.approveOrReject}
        />,
      );
    }
    for (const c of scheduled) {
      items.push(
        <TodoItem
          key={`open-${c.id}`}
          tone="info"
          label={t.toOpen}
          href={hrefFor(pid, "cycles", c.id)}
          title={cycleName(c)}
          meta={fill(t.opensMeta, { when: fromNow(c.opensAt), date: date(c.opensAt) })}
          cta={t.review}
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
          label={all.cycles.openNow}
          href={hrefFor(pid, "cycles", c.id)}
          title={cycleName(c)}
          meta={
            short > 0
              ? fill(t.shortMeta, {
                  organizations: plural(messages.value.counts.organization, short),
                  k: c.k ?? "k",
                  when: fromNow(c.closesAt),
                })
              : fill(t.respondedMeta, { responded, invited, when: fromNow(c.closesAt) })
          }
          cta={t.followParticipation}
        />,
      );
    }
  }
  for (const a of data.overdue) {
    items.push(
      <TodoItem
        key={`overdue-${a.id}`}
        tone="danger"
        label={t.overdue}
        href={hrefFor(pid, "actions", a.id)}
        title={a.title}
        meta={`${fill(t.due, { date: date(a.dueOn) })} · ${a.owner ? a.owner.name : t.noOwner}`}
        cta={t.update}
      />,
    );
  }
  for (const a of myOpen.filter((m) => !data.overdue.some((o) => o.id === m.id))) {
    items.push(
      <TodoItem
        key={`mine-${a.id}`}
        tone="neutral"
        label={t.yourAction}
        href={hrefFor(pid, "actions", a.id)}
        title={a.title}
        meta={a.dueOn ? fill(t.due, { date: date(a.dueOn) }) : t.noDueDate}
        cta={t.update}
      />,
    );
  }

  return (
    <Section title={t.title} id="todo" lead={facilitator ? t.leadFacilitator : t.leadMember}>
      {items.length ? (
        <ul class="todo-list">{items}</ul>
      ) : (
        <EmptyState title={t.caughtUp}>
          <p>{t.caughtUpDetail}</p>
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
