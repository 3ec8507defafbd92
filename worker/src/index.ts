/**
 * The Worker's three entry points. Each loads its code on first use, so an isolate's startup (its
 * global scope) stays small: a request builds the API (routers and their zod schemas) the first
 * time an isolate serves one, and isolates that only run the cron tick or the nudge queue never
 * build it. (Bundled into one script, a dynamic import is a module evaluated on first call.)
 */
type Fetch = ExportedHandlerFetchHandler<Env>;

let api: Promise<Fetch> | undefined;
const buildApi = () => import("./app").then(({ createApp }) => createApp().fetch as Fetch);

export default {
  async fetch(request, env, ctx) {
    api ??= buildApi();
    return (await api)(request, env, ctx);
  },
  async scheduled(controller, env, ctx) {
    const [{ runSchedule }, { sendDueNudges }] = await Promise.all([
      import("./schedule/run"),
      import("./channels/nudges"),
    ]);
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
    const { deliverNudges } = await import("./channels/delivery");
    await deliverNudges(batch, env);
  },
} satisfies ExportedHandler<Env>;
