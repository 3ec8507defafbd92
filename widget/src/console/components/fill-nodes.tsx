/**
 * A catalogue sentence with markup in its placeholders: each language puts the link or the code
 * where its word order wants it, so a sentence is never glued together from English halves.
 */
import type { ComponentChildren } from "preact";
import { Fragment } from "preact";

/** Fills `{name}` placeholders with text or elements ("hat {target} befürwortet" with a link). */
export function fillNodes(template: string, values: Record<string, ComponentChildren>): ComponentChildren {
  // split() with a capture group keeps each placeholder's name at the odd positions.
  return template
    .split(/\{(\w+)\}/)
    .map((part, i) =>
      i % 2 === 0 ? part : <Fragment key={i}>{part in values ? values[part] : `{${part}}`}</Fragment>,
    );
}
