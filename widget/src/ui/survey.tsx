import type { Schemas } from "../api";
import { fill, formatDay } from "../i18n";
import { connect } from "./connect";
import { type Cycle, type CycleModel, cycleModel, type Principle } from "./current";
import type { RatingProps } from "./props";
import { RatingScale } from "./rating-scale";
import { SaveStatus } from "./save-status";
import { cycleFrame } from "./status";
import { Thanks } from "./thanks";

type Change = Omit<Schemas["Answer"], "principleId">;
type Draft = { [K in keyof Change]?: Change[K] | null };

interface SurveyState {
  answers: Record<string, Draft>;
  /** The card shown. */
  index: number;
  /** Submitted (or everything answered on an earlier visit): "thanks" with "change". */
  done: boolean;
  /** Submit was pressed with principles unanswered. */
  missing: boolean;
}

const complete = (d: Draft | undefined) => d?.performance != null && d.importance != null;
const open = (cycle: Cycle, answers: SurveyState["answers"]) =>
  cycle.principles.filter((p) => !complete(answers[p.principleId]));

/** The survey's logic: resume where the person left off, save each change, submit when complete. */
function surveyModel(props: RatingProps) {
  const model: CycleModel<SurveyState> = cycleModel<SurveyState>(props, "assessment", (cycle, mine) => {
    const answers = Object.fromEntries((mine?.answers ?? []).map((a) => [a.principleId, a]));
    const first = open(cycle, answers)[0];
    // Everything answered means they submitted on an earlier visit.
    return { answers, index: first ? cycle.principles.indexOf(first) : 0, done: !first, missing: false };
  });
  const go = (index: number, done = false, missing = false) => {
    model.focus.request();
    model.patch({ index, done, missing });
  };
  return {
    ...model,
    go,
    answer(principleId: string, change: Change) {
      const { answers } = model.view();
      model.patch({ answers: { ...answers, [principleId]: { ...answers[principleId], ...change } }, missing: false });
      model.save({ principleId, ...change });
    },
    async submit() {
      const cycle = model.store.get().cycle as Cycle;
      const first = open(cycle, model.view().answers)[0];
      if (first) return go(cycle.principles.indexOf(first), false, true);
      go(model.view().index, true);
      const total = cycle.principles.length;
      if (await model.flush()) props.onSubmitted?.({ kind: "assessment", cycleId: cycle.id, answered: total, total });
    },
  };
}

type SurveyModel = ReturnType<typeof surveyModel>;

/** The open assessment: one card per principle, saved as you go, resumed on reload. */
export const Survey = connect(surveyModel, (props: RatingProps, model: SurveyModel) =>
  cycleFrame("assessment", props.strings, model.store.get(), 7, model.reload, (cycle: Cycle) => (
    <SurveyCycle {...props} model={model} cycle={cycle} />
  )),
);

function SurveyCycle({
  strings: s,
  lang,
  model,
  cycle,
}: Omit<RatingProps, "cycle"> & { model: SurveyModel; cycle: Cycle }) {
  const { answers, index, done, missing } = model.view();
  const { id, focus } = model;
  const total = cycle.principles.length;
  const answered = total - open(cycle, answers).length;
  const until = formatDay(lang, cycle.closesAt);
  const i = Math.min(index, total - 1);
  const principle = cycle.principles[i] as Principle;
  const pid = principle.principleId;
  const draft = answers[pid] ?? {};
  return (
    <>
      <header class="ac-head">
        <div>
          <p class="ac-eyebrow">{fill(s.closesOn, { date: until })}</p>
          <h2 class="ac-title">{cycle.title || s.survey}</h2>
        </div>
        <div class="ac-progress">
          <span id={`${id}p`}>{fill(s.progress, { answered, total })}</span>
          <progress max={total} value={answered} aria-labelledby={`${id}p`} />
        </div>
      </header>
      {done ? (
        <div class="ac-card">
          <Thanks
            model={model}
            strings={s}
            title={s.thanks}
            detail={fill(s.thanksDetail, { date: until })}
            change={s.change}
            onChange={() => model.go(0)}
          />
        </div>
      ) : (
        <>
          {/* Keyed by principle: a new card mounts, so focus can follow and nothing carries over. */}
          <article class="ac-card" aria-labelledby={`${id}t`} key={pid}>
            <p class="ac-eyebrow">{fill(s.principleOf, { n: i + 1, total })}</p>
            <h3 class="ac-principle" id={`${id}t`} ref={focus.ref} tabIndex={-1}>
              {principle.title}
            </h3>
            <p class="ac-desc">{principle.description}</p>
            <RatingScale
              name={`${id}a`}
              legend={s.performanceLegend}
              labels={s.performanceScale}
              cantSay={s.cantSay}
              value={draft.performance}
              onChange={(performance) => model.answer(pid, { performance })}
            />
            <RatingScale
              name={`${id}b`}
              legend={s.importanceLegend}
              labels={s.importanceScale}
              cantSay={s.cantSay}
              value={draft.importance}
              onChange={(importance) => model.answer(pid, { importance })}
            />
            <label class="ac-field">
              <span class="ac-legend">{s.comment}</span>
              <textarea
                rows={2}
                maxLength={1000}
                aria-describedby={`${id}h`}
                value={draft.comment ?? ""}
                onInput={(e) => model.answer(pid, { comment: e.currentTarget.value })}
              />
              <span class="ac-hint" id={`${id}h`}>
                {s.commentHint}
              </span>
            </label>
          </article>
          {missing && (
            <p class="ac-missing ac-warn" role="alert">
              {s.missing}
            </p>
          )}
          <footer class="ac-nav">
            <button type="button" class="ac-button ac-quiet" disabled={!i} onClick={() => model.go(i - 1)}>
              {s.previous}
            </button>
            <SaveStatus status={model.saving()} strings={s} />
            <button type="button" class="ac-button" onClick={() => (i < total - 1 ? model.go(i + 1) : model.submit())}>
              {i < total - 1 ? s.next : s.submit}
            </button>
          </footer>
        </>
      )}
    </>
  );
}
