/**
 * My surveys, for everyone: the open assessment and the current pulse of a partnership, answered
 * with the same Survey and Pulse views as the intranet widget, signed in with the console session.
 * The address /surveys?partnership=…&cycle=… is stable: the extension's "rate now" opens it.
 */

import { useRef } from "preact/hooks";
import { Pulse, Survey } from "../../ui";
import { Async, EmptyState, Loading, Notice, PageHeader } from "../components/ui";
import { fromNow } from "../format";
import { fill, locale, useT } from "../i18n";
import { useLoad } from "../load";
import { pendingName } from "../names";
import { surveysHref } from "../router";
import { api, client, type Me, partnership } from "../session";
import { useTitle } from "../title";

export function SurveysScreen(props: { pid: string | null; cycle: string | null; me: Me }) {
  const all = useT();
  const t = all.surveys;
  useTitle(t.title);
  const pending = useLoad((signal) => api("get", "/api/v1/me/pending", { signal }), []);
  const pid = props.pid;
  const name = props.me.partnerships.find((p) => p.id === pid)?.name ?? partnership.value?.settings.name;
  const items = pending.value.state === "ready" ? (pending.value.data?.items ?? []) : [];
  const wanted = items.find((i) => i.cycleId === props.cycle);
  // What the link names is judged on the first answer only: a survey just submitted leaves the
  // list, and that must neither remount its view nor say "not waiting for you".
  const linked = useRef<{ cycle: string | null; kind: "assessment" | "pulse" | null; missing: boolean } | null>(null);
  if (pending.value.state !== "loading" && linked.current?.cycle !== props.cycle) {
    linked.current = { cycle: props.cycle, kind: wanted?.kind ?? null, missing: !!props.cycle && !wanted };
  }
  const settled = !props.cycle || linked.current?.cycle === props.cycle;
  const pulseFirst = linked.current?.kind === "pulse";
  const mineHere = items.filter((i) => i.partnershipId === pid);
  // The cycle the link names opens in its view (several of a kind may be open); the other shows the current one.
  const chosen = (kind: "assessment" | "pulse") =>
    linked.current?.kind === kind ? (linked.current.cycle ?? undefined) : undefined;
  const named = (kind: "assessment" | "pulse") => {
    const item = mineHere.find((i) => i.cycleId === chosen(kind)) ?? mineHere.find((i) => i.kind === kind);
    return item ? pendingName(item) : kind === "pulse" ? all.common.pulse : all.common.assessment;
  };
  const views = [
    {
      key: "assessment",
      title: named("assessment"),
      view: pid && (
        <Survey
          key={`s-${pid}-${chosen("assessment") ?? ""}`}
          client={client}
          partnershipId={pid}
          cycle={chosen("assessment")}
          strings={all.widget}
          lang={locale()}
          onSubmitted={pending.reload}
        />
      ),
    },
    {
      key: "pulse",
      title: named("pulse"),
      view: pid && (
        <Pulse
          key={`p-${pid}-${chosen("pulse") ?? ""}`}
          client={client}
          partnershipId={pid}
          cycle={chosen("pulse")}
          strings={all.widget}
          lang={locale()}
          onSubmitted={pending.reload}
        />
      ),
    },
  ];
  if (pulseFirst) views.reverse();
  const elsewhere = items.filter((i) => i.partnershipId !== pid);
  return (
    <>
      <PageHeader title={t.title} eyebrow={name} lead={t.lead} />
      {linked.current?.missing && (
        <Notice title={t.notWaiting}>
          <p>{fill(t.notWaitingDetail, { name: name ?? "" })}</p>
        </Notice>
      )}
      {!pid ? (
        <EmptyState title={all.home.notInPartnership} />
      ) : !settled ? (
        <Loading label={t.opening} />
      ) : (
        <div class="survey-stack">
          {views.map((v) => (
            <section key={v.key} class="survey-panel" aria-label={v.title}>
              {v.view}
            </section>
          ))}
        </div>
      )}
      {elsewhere.length > 0 && (
        <section class="card" aria-labelledby="elsewhere-title">
          <h2 id="elsewhere-title">{t.elsewhere}</h2>
          <Async value={pending.value} onRetry={pending.reload}>
            {() => (
              <ul class="row-list">
                {elsewhere.map((i) => (
                  <li key={i.cycleId} class="row-item">
                    <div>
                      <a class="row-title" href={surveysHref(i.partnershipId, i.cycleId)}>
                        {pendingName(i)}
                      </a>
                      <p class="muted small">
                        {i.partnershipName} ·{" "}
                        {fill(t.progress, { answered: i.answered, total: i.total, when: fromNow(i.closesAt) })}
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Async>
        </section>
      )}
    </>
  );
}

/** The cycle a survey link opens, by name: "Spring check", "Pulse: Raise problems early…". */
