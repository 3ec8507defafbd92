/** Where the partnership stands in the four steps of the loop. */
import { Section } from "../../components/ui";
import { date } from "../../format";
import { fill, plural, useT } from "../../i18n";
import { cycleName } from "../../names";
import { hrefFor } from "../../router";
import { partnership } from "../../session";
import type { HomeData } from "./data";

export function Steps(props: { pid: string; data: HomeData }) {
  const { pid, data } = props;
  const t = useT().home;
  const cadences = useT().cadence;
  const agreed = data.principles.filter((p) => p.status === "agreed").length;
  const proposed = data.principles.filter((p) => p.status === "proposed").length;
  const assessments = data.cycles.filter((c) => c.kind === "assessment");
  const lastClosed = assessments.find((c) => c.status === "closed");
  const open = assessments.find((c) => c.status === "open");
  const next = [...data.cycles].reverse().find((c) => c.status === "scheduled");
  const steps = [
    {
      n: 1,
      title: t.step1,
      href: hrefFor(pid, "principles"),
      status: agreed ? plural(t.agreed, agreed) : t.noneAgreed,
      detail: proposed ? fill(t.awaiting, { n: proposed }) : t.step1Detail,
    },
    {
      n: 2,
      title: t.step2,
      href: hrefFor(pid, "cycles"),
      status: open
        ? fill(t.openUntil, { date: date(open.closesAt) })
        : lastClosed
          ? fill(t.lastAssessed, { date: date(lastClosed.closesAt) })
          : t.notAssessed,
      detail: t.step2Detail,
    },
    {
      n: 3,
      title: t.step3,
      href: hrefFor(pid, "results"),
      status: lastClosed ? t.published : t.resultsLater,
      detail: t.step3Detail,
    },
    {
      n: 4,
      title: t.step4,
      href: hrefFor(pid, "cycles"),
      status: next
        ? fill(t.next, { cycle: cycleName(next), date: date(next.opensAt) })
        : fill(t.cadence, { cadence: cadences[partnership.value?.settings.assessmentCadence ?? "annual"] ?? "" }),
      detail: t.step4Detail,
    },
  ];
  return (
    <Section title={t.steps} id="steps" lead={t.stepsLead}>
      <ol class="steps cols-4">
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
