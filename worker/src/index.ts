import { createApp } from "./app";
import { runSchedule } from "./schedule/run";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runSchedule(env.DB, controller.scheduledTime).then((r) =>
        console.log(JSON.stringify({ level: "info", event: "schedule", ...r })),
      ),
    );
  },
} satisfies ExportedHandler<Env>;
