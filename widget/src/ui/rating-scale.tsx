type ScaleValue = number | "cant_say";

interface RatingScaleProps {
  /** Unique in the page: the radio group's name. */
  name: string;
  /** The question, announced as the group's name. */
  legend: string;
  /** Guidance, announced as the group's description. */
  description?: string | undefined;
  /** Labels of 1…5 ("Rarely" … "Consistently"). */
  labels: readonly string[];
  /** Label of the "can't say" option; without it the option is not offered. */
  cantSay?: string | undefined;
  value: ScaleValue | null | undefined;
  onChange: (value: ScaleValue) => void;
}

/**
 * A 1–5 scale as a native radio group in a fieldset: the browser gives it the radio-group role,
 * arrow-key movement and a single tab stop, which no hand-rolled ARIA version matches everywhere.
 */
export function RatingScale(props: RatingScaleProps) {
  const options: ScaleValue[] = props.labels.map((_, i) => i + 1);
  if (props.cantSay) options.push("cant_say");
  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows radiogroup on a fieldset; the legend stays its name
    <fieldset class="ac-scale" role="radiogroup" aria-describedby={props.description && `${props.name}d`}>
      <legend class="ac-legend">{props.legend}</legend>
      {props.description && (
        <p class="ac-hint" id={`${props.name}d`}>
          {props.description}
        </p>
      )}
      <div class="ac-options">
        {options.map((v) => (
          <label key={v} class={v === "cant_say" ? "ac-option ac-cant" : "ac-option"}>
            <input
              type="radio"
              name={props.name}
              value={v}
              checked={props.value === v}
              onChange={() => props.onChange(v)}
            />
            {v !== "cant_say" && (
              <span class="ac-num" aria-hidden="true">
                {v}
              </span>
            )}
            <span class="ac-label">{v === "cant_say" ? props.cantSay : props.labels[v - 1]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
