import { defineContentScript } from "wxt/utils/define-content-script";
import { showReminder } from "@/utils/reminders/mount";

// Registered at runtime for the reminder sites the person granted (utils/reminders/register.ts).
export default defineContentScript({
  registration: "runtime",
  cssInjectionMode: "manual",
  main: (ctx) => showReminder(ctx),
});
