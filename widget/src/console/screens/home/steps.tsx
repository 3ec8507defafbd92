/** Where the partnership stands in the four steps of the loop. */
import { Section } from "../../components/ui";
import { date, plural } from "../../format";
import { cycleName } from "../../names";
import { hrefFor } from "../../router";
import { partnership } from "../../session";
import type { HomeData } from "./data";

export function Steps(props: { pid: string; data: HomeData }) {
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
