import { createApp } from "./app";
import { deliverNudges } from "./channels/delivery";
import { sendDueNudges } from "./channels/nudges";
import { runSchedule } from "./schedule/run";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runSchedule(env.DB, controller.scheduledTime)
        .then((r) => console.log(JSON.stringify({ level: "info", event: "schedule", ...r })))
        // Nudges after the schedule, so a cycle it just opened is announced in the same tick.
        .then(() => sendDueNudges(env, null, controller.scheduledTime))
        .then((r) => console.log(JSON.stringify({ level: "info", event: "nudges", ...r }))),
    );
  },
  /** Nudges to Slack, Teams and webhooks, and the dead letters of those that kept failing. */
  async queue(batch, env) {
    await deliverNudges(batch, env);
  },
} satisfies ExportedHandler<Env>;
