import { openCycle, openIntranet, person, startEmbedDemo } from "./fixtures";
const demo = await startEmbedDemo();
try {
  await openCycle(demo, "assessment", "Accessibility check-in");
  await openCycle(demo, "pulse");
  const page = await openIntranet(demo, person("Aisha"));
  page.on("console", (m) => console.log("console:", m.text()));
  page.on("response", (r) => r.url().includes("results") && console.log("resp", r.status(), r.url()));
  await page.waitForTimeout(6000);
  for (const tag of ["accord-survey", "accord-pulse", "accord-results"]) {
    console.log(tag, await page.evaluate((t) => document.querySelector(t)?.shadowRoot?.textContent?.slice(0, 300), tag));
  }
} finally { await demo.stop(); }
