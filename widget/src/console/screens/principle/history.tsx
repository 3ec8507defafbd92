/** A principle's versions, newest first, with what each changed and the stances that decided it. */
import type { Schemas } from "../../../api";
import { WordingDiff, wordingOf } from "../../components/principle-bits";
import { Notice } from "../../components/ui";
import { dateTime } from "../../format";
import { fill, useT } from "../../i18n";
import { orgName } from "../../session";

export type Detail = Schemas["Principle"] & { history: Schemas["PrincipleHistory"] };

export function History(props: { principle: Detail }) {
  const { versions, proposals } = props.principle.history;
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  const all = useT();
  const t = all.insights.history;
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{all.principle.history}</h2>
      <ol class="history">
        {newestFirst.map((v) => {
          const previous = versions.find((x) => x.number === v.number - 1);
          const decided = proposals.filter((x) => x.versionNumber === v.number);
          const accepted = decided.find((x) => x.status === "accepted");
          return (
            <li key={v.id} class="history-item">
              <p class="history-head">
                <strong>{fill(t.version, { n: v.number })}</strong>{" "}
                <span class="muted small">
                  {dateTime(v.createdAt)}
                  {accepted ? fill(t.agreed, { at: dateTime(accepted.decidedAt) }) : ""}
                </span>
              </p>
              {previous ? (
                <details>
                  <summary>{fill(t.changedFrom, { n: previous.number })}</summary>
                  <WordingDiff before={wordingOf(previous)} after={wordingOf(v)} />
                </details>
              ) : (
                <p class="small">{v.title}</p>
              )}
              {decided.map((d) => (
                <ul class="history-stances" key={d.id} aria-label={fill(t.stancesOn, { n: v.number })}>
                  {d.stances.map((s) => (
                    <li key={`${d.id}-${s.organizationId}-${s.at}`} class="small">
                      <span class={s.stance === "endorse" ? "text-success" : "text-danger"}>
                        {s.stance === "endorse" ? all.principle.endorsed : all.principle.objected}
                      </span>{" "}
                      {fill(t.by, { organization: orgName(s.organizationId), name: s.by.name })}
                      {s.note ? fill(t.note, { note: s.note }) : ""}
                    </li>
                  ))}
                </ul>
              ))}
            </li>
          );
        })}
        {proposals
          .filter((x) => x.kind === "retire")
          .map((x) => (
            <li key={x.id} class="history-item">
              <p class="history-head">
                <strong>
                  {t.retirement[x.status === "accepted" ? "accepted" : x.status === "open" ? "open" : "withdrawn"]}
                </strong>{" "}
                <span class="muted small">{dateTime(x.decidedAt ?? x.createdAt)}</span>
              </p>
            </li>
          ))}
      </ol>
      {props.principle.status === "proposed" && props.principle.agreedVersion === null && (
        <Notice>{all.principle.notAgreedYet}</Notice>
      )}
    </section>
  );
}
