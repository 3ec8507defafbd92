/** The reminder script: asks the background for today's card and shows it in a shadow root. */
import type { ContentScriptContext } from "wxt/utils/content-script-context";
import { createShadowRootUi } from "wxt/utils/content-script-ui/shadow-root";
import { asCard, renderCard } from "@/components/reminder/card";
import cardCss from "@/components/reminder/card.css?inline";
import { type ContentMessage, send } from "../messages/types";

/** Shows the card if the background has one for this page. */
export async function showReminder(ctx: ContentScriptContext): Promise<void> {
  const reply = await send({ type: "reminder:get" });
  const card = asCard(reply?.card);
  if (!card || ctx.isInvalid) return;
  const ui = await createShadowRootUi<HTMLElement>(ctx, {
    name: "accord-reminder",
    position: "inline",
    anchor: "body",
    append: "last",
    css: cardCss,
    // Keys pressed on the card are not the page's shortcuts.
    isolateEvents: true,
    onMount(container) {
      const then = (type: ContentMessage["type"]) => () => {
        ui.remove();
        void send({ type });
      };
      const element = renderCard(card, {
        onRate: then("reminder:rate"),
        onSnooze: then("reminder:snooze"),
        onDismiss: then("reminder:dismiss"),
      });
      container.append(element);
      return element;
    },
  });
  ui.mount();
}
