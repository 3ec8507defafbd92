import { fill, formatDay } from "../i18n";
import { connect } from "./connect";
import { type Cycle, cycleModel, type Principle } from "./current";
import type { RatingProps } from "./props";
import { SaveStatus } from "./save-status";
import { cycleFrame } from "./status";
import { Thanks } from "./thanks";

interface PulseState {
  /** The rating given (1–5), or 0. */
  value: number;
  /** "Change" was pressed: the buttons show again. */
  changing: boolean;
}

/** The pulse's logic: one click saves at once; every save tells the host page. */
function pulseModel(props: RatingProps) {
  const model = cycleModel<PulseState>(
    props,
    "pulse",
    (cycle, mine) => ({
      value: Number(mine?.answers.find((a) => a.principleId === cycle.principles[0]?.principleId)?.performance) || 0,
      changing: false,
    }),
    (saved) => props.onSubmitted?.({ kind: "pulse", cycleId: saved.cycleId, answered: 1, total: 1 }),
  );
  const show = (change: Partial<PulseState>) => {
    model.focus.request();
    model.patch(change);
  };
  return {
    ...model,
    change: () => show({ changing: true }),
    rate(principleId: string, value: number) {
      show({ value, changing: false });
      model.save({ principleId, performance: value }, true);
    },
  };
}

type PulseModel = ReturnType<typeof pulseModel>;

/** The current pulse: one question, five labelled buttons; one click submits, then "thanks" and "change". */
export const Pulse = connect(pulseModel, (props: RatingProps, model: PulseModel) =>
  cycleFrame("pulse", props.strings, model.store.get(), 2, model.reload, (cycle: Cycle) => (
    <PulseCycle {...props} model={model} cycle={cycle} />
  )),
);

function PulseCycle({
  strings: s,
  lang,
  model,
  cycle,
}: Omit<RatingProps, "cycle"> & { model: PulseModel; cycle: Cycle }) {
  const { value, changing } = model.view();
  const { id, focus } = model;
  const principle = cycle.principles[0] as Principle;
  const eyebrow = (
    <p class="ac-eyebrow">
      {s.pulse} · {fill(s.closesOn, { date: formatDay(lang, cycle.closesAt) })}
    </p>
  );
  return value && !changing ? (
    <Thanks
      model={model}
      strings={s}
      title={fill(s.pulseThanks, { label: s.performanceScale[value - 1] ?? "" })}
      detail={principle.title}
      change={s.pulseChange}
      onChange={model.change}
    >
      {eyebrow}
    </Thanks>
  ) : (
    <>
      {eyebrow}
      <h2 class="ac-title" id={`${id}t`}>
        {principle.title}
      </h2>
      <p class="ac-desc">{principle.description}</p>
      <fieldset class="ac-scale" aria-labelledby={`${id}q ${id}t`}>
        <legend class="ac-legend" id={`${id}q`}>
          {s.pulseQuestion}
        </legend>
        <div class="ac-buttons">
          {s.performanceScale.map((label, i) => (
            <button
              key={label}
              type="button"
              class="ac-option"
              aria-pressed={value === i + 1}
              ref={i + 1 === (value || 1) ? focus.ref : undefined}
              onClick={() => model.rate(principle.principleId, i + 1)}
            >
              <span class="ac-num" aria-hidden="true">
                {i + 1}
              </span>
              <span class="ac-label">{label}</span>
            </button>
          ))}
        </div>
      </fieldset>
      <SaveStatus status={model.saving()} strings={s} />
    </>
  );
}
