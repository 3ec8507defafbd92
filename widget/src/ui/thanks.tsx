import type { ComponentChildren } from "preact";
import type { Strings } from "../i18n";
import type { CycleModel } from "./current";
import { SaveStatus } from "./save-status";
import { Notice } from "./status";

/** "Thanks" after answering, with the way back ("change"); focus moves here from the button pressed. */
export function Thanks(props: {
  model: CycleModel<unknown>;
  strings: Strings;
  title: string;
  detail: string;
  change: string;
  onChange: () => void;
  children?: ComponentChildren;
}) {
  const { model } = props;
  return (
    <div class="ac-done" ref={model.focus.ref} tabIndex={-1}>
      {props.children}
      <Notice tone="done" title={props.title} detail={props.detail}>
        <button type="button" class="ac-button ac-quiet" onClick={props.onChange}>
          {props.change}
        </button>
      </Notice>
      <SaveStatus status={model.saving()} strings={props.strings} />
    </div>
  );
}
