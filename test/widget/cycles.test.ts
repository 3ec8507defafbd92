/**
 * Which cycle the rating elements open: only cycles that opened while the person was a member
 * (someone new answers from the next one, and nothing they send is stored), and, with a `cycle`
 * attribute, exactly the cycle it names.
 */
import type { Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../../widget/src/api";
import type { IntranetPerson } from "../../worker/scripts/intranet";
import { keepScreenshot } from "../browser/screenshots";
import { type EmbedDemo, events, ok, openCycle, PID, pageWith, person, ratingRows, startEmbedDemo } from "./fixtures";

let demo: EmbedDemo;

beforeAll(async () => {
  demo = await startEmbedDemo();
});
afterAll(async () => {
  await demo?.stop();
});

const isPost = (r: Request) => r.method() === "POST" && r.url().endsWith("/responses");

/** Someone on the intranet Accord has never seen: their first embed token creates them. */
const newcomer = (first: string): IntranetPerson => ({
  externalId: `${first.toLowerCase()}.newcomer@northwind.example`,
  name: `${first} Newcomer`,
});

describe("someone who joined after a cycle opened", () => {
  it("is told they answer from the next one, in English and German, and no rating is stored", async () => {
    const assessment = await openCycle(demo, "assessment", "Before Nina joined");
    const pulse = await openCycle(demo, "pulse", "Pulse before Nina joined");
    const nina = newcomer("Nina");
    const token = demo.token(nina);
    const posts: string[] = [];
    const page = await pageWith(
      demo,
      `${demo.intranet.url}/newcomer`,
      `<accord-survey partnership="${PID}" token="${token}"></accord-survey>
       <accord-pulse partnership="${PID}" token="${token}"></accord-pulse>
       <accord-pulse partnership="${PID}" token="${token}" lang="de"></accord-pulse>`,
      (p) => void p.on("request", (r) => isPost(r) && posts.push(r.url())),
    );
    const survey = page.locator("accord-survey");
    const pulseEn = page.locator("accord-pulse").first();
    const pulseDe = page.locator("accord-pulse").nth(1);
    const late = "You joined after this survey opened — you'll be asked from the next one.";
    await survey.getByText(late).waitFor();
    await pulseEn.getByText(late).waitFor();
    await pulseDe
      .getByText("Sie sind nach dem Start dieser Umfrage dazugekommen – Sie werden ab der nächsten gefragt.")
      .waitFor();
    expect(await survey.getByText("Nothing to rate right now").count()).toBe(1);
    expect(await survey.getByRole("radio").count()).toBe(0);
    expect(await pulseEn.getByRole("button").count()).toBe(0);
    await keepScreenshot(survey, "widget-joined-late.png");

    // Their token did create them, as a member of the partnership: they simply were not one when it opened.
    const people = ok(
      await call(demo.facilitator, "get", "/api/v1/partnerships/{partnershipId}/people", {
        params: { partnershipId: PID },
      }),
    ).people;
    expect(people.some((p) => p.externalId === nina.externalId)).toBe(true);

    // The API refuses an answer sent anyway, and stores nothing.
    for (const cycle of [assessment, pulse]) {
      const principleId = cycle.principles[0]?.principleId ?? "";
      const refused = await call(
        demo.asPerson(nina),
        "post",
        "/api/v1/partnerships/{partnershipId}/cycles/{cycleId}/responses",
        {
          params: { partnershipId: PID, cycleId: cycle.id },
          body: { answers: [{ principleId, performance: 4 }] },
          headers: { "Idempotency-Key": `late-${cycle.id}` },
        },
      );
      expect(refused).toMatchObject({
        ok: false,
        error: { status: 403, code: "forbidden", message: expect.stringMatching(/joined after this cycle opened/) },
      });
      expect(await ratingRows(demo, cycle.id)).toBe(0);
    }
    expect(posts).toEqual([]);
    expect((await events(page)).filter((e) => e.type === "accord:error")).toEqual([]);
  });

  it("sends a refused answer once, never again, and says why", async () => {
    const pulse = await openCycle(demo, "pulse", "Refused pulse");
    const omar = newcomer("Omar");
    const posts: string[] = [];
    const page = await pageWith(
      demo,
      `${demo.intranet.url}/refused`,
      `<accord-pulse partnership="${PID}" token="${demo.token(omar)}"></accord-pulse>`,
      async (p) => {
        p.on("request", (r) => isPost(r) && posts.push(r.headers()["idempotency-key"] ?? ""));
        // A page that (wrongly) believes Omar may answer: the API still refuses him.
        await p.route(/\/cycles\/current\?kind=pulse/, async (route) => {
          if (route.request().method() !== "GET") return route.continue();
          const res = await route.fetch();
          route.fulfill({ response: res, json: { ...(await res.json()), eligible: true } });
        });
      },
    );
    const element = page.locator("accord-pulse");
    await element.getByRole("button", { name: "Often" }).click();
    await element.getByText("Accord can't show this to you").waitFor();
    await element.getByText("You joined after this cycle opened: you can answer from the next cycle").waitFor();
    // Well past the first retry's backoff (about a second): a 403 is final.
    await page.waitForTimeout(3000);
    expect(posts).toHaveLength(1);
    expect(await ratingRows(demo, pulse.id)).toBe(0);
    expect(await events(page)).toContainEqual({
      type: "accord:error",
      detail: expect.objectContaining({ status: 403, code: "forbidden" }),
    });
  });
});

describe("the cycle attribute", () => {
  it("opens the assessment it names, and nothing in place of one that is not open", async () => {
    const open = await openCycle(demo, "assessment", "Named in a link");
    const closed = ok(
      await call(demo.facilitator, "get", "/api/v1/partnerships/{partnershipId}/cycles", {
        params: { partnershipId: PID },
        query: { kind: "assessment", status: "closed" },
      }),
    ).cycles[0];
    if (!closed) throw new Error("The demo has no closed assessment");
    const token = demo.token(person("Kenji"));
    const asked: string[] = [];
    const page = await pageWith(
      demo,
      `${demo.intranet.url}/named`,
      `<accord-survey id="open" partnership="${PID}" token="${token}" cycle="${open.id}"></accord-survey>
       <accord-survey id="closed" partnership="${PID}" token="${token}" cycle="${closed.id}"></accord-survey>`,
      (p) => void p.on("request", (r) => r.url().includes("/cycles/current") && asked.push(r.url())),
    );
    const named = page.locator("#open");
    await named.getByRole("heading", { name: "Named in a link" }).waitFor();
    await named.getByRole("heading", { name: open.principles[0]?.title }).waitFor();
    // The assessment open now is not the one the other element names: it opens nothing.
    const other = page.locator("#closed");
    await other.getByText("Nothing to rate right now").waitFor();
    await other.getByText("The next survey will appear here when it opens.").waitFor();
    expect(await other.getByRole("radio").count()).toBe(0);
    expect(asked.map((url) => new URL(url).searchParams.get("cycle")).sort()).toEqual([closed.id, open.id].sort());

    // Naming another cycle loads that one.
    await page.evaluate((id) => document.querySelector("#closed")?.setAttribute("cycle", id), open.id);
    await other.getByRole("heading", { name: "Named in a link" }).waitFor();
  });
});
