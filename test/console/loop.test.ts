// Over 400 lines: one end-to-end story whose steps build on each other, so it stays one file.
/**
 * The whole loop in the hosted console, in headless Chromium, with the facilitators of both
 * organizations in two browser contexts: create a partnership and invite the partner, agree a
 * principle, run an assessment, read the results (strengths, challenges, a suppressed cell), plan
 * an action from the top challenge, and see trend arrows after a second cycle. axe-core runs on
 * every screen, the CSP stays on throughout, and the results dashboard is captured at 1280 and 390 px.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../widget/src/i18n/en";
import type { Accord } from "../browser/harness";
import {
  bearerCall,
  type ConsolePage,
  type ConsoleWorld,
  checkAndCapture,
  exchangeCode,
  expectNoAxeViolations,
  heading,
  openConsole,
  pairingCode,
  sessionCall,
  signInWithCode,
  startConsoleWorld,
} from "./helpers";

const P1 = {
  origin: "Promotions reached the docks without warning and trucks were overbooked.",
  title: "Share the promotion plan six weeks ahead",
  description:
    "Northwind shares every promotion six weeks ahead; Harbour plans trucks and staff from it and says at once when a week looks tight.",
};
const P2 = {
  title: "Raise problems early and without blame",
  description: "Whoever sees a delay tells the other side within the hour.",
};
const P3 = {
  title: "One shared view of stock",
  description: "Stock and shipment figures live in one dashboard fed by both companies.",
};

type Answer = {
  principleId: string;
  performance: number | "cant_say";
  importance: number | "cant_say";
  comment?: string;
};

describe("console: the four steps end to end", () => {
  let world: ConsoleWorld;
  let accord: Accord;
  let browser: Browser;
  let url: ConsoleWorld["url"];
  let go: ConsoleWorld["go"];
  let maya: ConsolePage;
  let ines: ConsolePage;
  let pid = "";
  const ids = { p1: "", p2: "", p3: "", cycle1: "", cycle2: "", action: "" };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    world = await startConsoleWorld();
    ({ accord, browser, url, go } = world);
    maya = await openConsole(browser);
    ines = await openConsole(browser);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("signs a facilitator in with a code, shows who and which organization, under a strict CSP", async () => {
    const person = accord.demo.people.find((p) => p.name === "Maya Lindqvist");
    if (!person) throw new Error("The demo seed has no Maya Lindqvist");
    const response = await maya.page.goto(url("/sign-in"));
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await heading(maya.page, "Sign in");
    await expectNoAxeViolations(maya.page, "sign in");

    // A wrong code says why and keeps what was typed.
    await maya.page.getByLabel("Sign-in code").fill("NOPE-NOPE-NOPE");
    await maya.page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => maya.page.getByRole("alert").textContent()).toContain("unknown, already used or expired");
    expect(await maya.page.getByLabel("Sign-in code").inputValue()).toBe("NOPE-NOPE-NOPE");

    await signInWithCode(maya.page, accord.baseUrl, await pairingCode(accord.baseUrl, person.token));
    const nav = maya.page.getByRole("navigation", { name: "Console" });
    await expect.poll(() => nav.textContent()).toContain("Maya Lindqvist");
    expect(await nav.textContent()).toContain("Northwind Retail");
    await expectNoAxeViolations(maya.page, "home");
  });

  it("creates a partnership, sets k, invites the partner organization, whose facilitator signs in with the code", async () => {
    const page = maya.page;
    await page.getByRole("link", { name: "New partnership" }).click();
    await heading(page, "New partnership");
    await expectNoAxeViolations(page, "new partnership");
    await page.getByLabel("Name").fill("Northwind × Harbour pilot");
    await page.getByLabel("Purpose").fill("Run the pilot routes as one supply chain.");
    await page.getByRole("button", { name: "Create partnership" }).click();
    await heading(page, "Settings");
    pid = new URL(page.url()).pathname.split("/")[2] ?? "";
    expect(pid).toMatch(/^prt_/);

    // A combination the API refuses shows its message in the form's words and keeps the input.
    const k = page.getByLabel("Minimum responses to show a figure (k)");
    const commenters = page.getByLabel("Minimum commenters to show comments");
    await k.fill("5");
    await commenters.fill("4");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("“Minimum commenters to show comments” must be at least k");
    expect(await k.inputValue()).toBe("5");
    expect(await commenters.inputValue()).toBe("4");
    await k.fill("3");
    await commenters.fill("3");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();

    await page.getByRole("button", { name: "Invite an organization" }).click();
    await page.getByLabel("Organization name").fill("Harbour Freight");
    await page.getByLabel("Their facilitator's name").fill("Ines Duarte");
    await page.getByRole("button", { name: "Invite and get a code" }).click();
    await page.getByRole("heading", { name: "Hand this code to Ines Duarte" }).waitFor();
    await expectNoAxeViolations(page, "settings");
    const code = await page.getByLabel("Sign-in code").inputValue();
    expect(code.length).toBeGreaterThan(6);

    await signInWithCode(ines.page, accord.baseUrl, code);
    const nav = ines.page.getByRole("navigation", { name: "Console" });
    await expect.poll(() => nav.textContent()).toContain("Ines Duarte");
    expect(await nav.textContent()).toContain("Harbour Freight");
    expect(await nav.textContent()).toContain("Northwind × Harbour pilot");
  });

  it("invites people in each organization and hands out their codes", async () => {
    const invite = async (page: Page, name: string) => {
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByRole("button", { name: /^Invite( another)?$/ }).click();
      await page.getByRole("heading", { name: `Hand this code to ${name}` }).waitFor();
      return page.getByLabel("Sign-in code").inputValue();
    };
    for (const [c, names] of [
      [maya, ["Ana Silva", "Bo Lind"]],
      [ines, ["Chidi Obi", "Dana Park"]],
    ] as const) {
      await go(c.page, `/p/${pid}/people`, "People");
      await c.page.getByRole("button", { name: "Invite someone" }).click();
      for (const name of names) tokens[name] = await exchangeCode(accord.baseUrl, await invite(c.page, name));
    }
    await expectNoAxeViolations(ines.page, "people");
    const harbour = ines.page.getByRole("region", { name: "Harbour Freight", exact: true });
    await expect.poll(() => harbour.textContent()).toContain("Dana Park");
  });

  it("keeps a facilitator in each organization: the API's refusal is shown and the role stays", async () => {
    const page = maya.page;
    await go(page, `/p/${pid}/people`, "People");
    const role = page.getByLabel("Role of Maya Lindqvist");
    await role.selectOption("member");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("keeps at least one facilitator");
    expect(await role.inputValue()).toBe("facilitator");
  });

  it("proposes a principle from an issue, both organizations endorse it, and it is agreed", async () => {
    const page = maya.page;
    await go(page, `/p/${pid}/principles`, "Principles");
    await page.getByRole("button", { name: "Propose a principle" }).click();
    await page.getByLabel("The issue this turns around").fill(P1.origin);
    await page.getByLabel("Principle", { exact: true }).fill(P1.title);
    await page.getByLabel("What good looks like").fill(P1.description);
    await expectNoAxeViolations(page, "propose a principle");
    await page.getByRole("button", { name: "Propose", exact: true }).click();
    await heading(page, P1.title);
    ids.p1 = new URL(page.url()).pathname.split("/")[4] ?? "";
    const stances = page.getByRole("heading", { name: "Agreement on version 1" });
    await stances.waitFor();
    await page.getByLabel("Note").fill("Northwind can commit to six weeks.");
    await page.getByRole("button", { name: "Endorse" }).click();
    await page.locator(".stance-note", { hasText: "Northwind can commit to six weeks." }).waitFor();
    await expectNoAxeViolations(page, "principle");

    // Harbour's facilitator finds it on the home to-do list.
    await go(ines.page, `/p/${pid}`, "Northwind × Harbour pilot");
    const todo = ines.page.getByRole("region", { name: "What needs you" });
    await todo.getByRole("link", { name: P1.title }).click();
    await heading(ines.page, P1.title);
    await ines.page.getByRole("button", { name: "Endorse" }).click();
    await ines.page.locator(".page-header .badge", { hasText: "Agreed" }).waitFor();

    // Two more principles, agreed through the API.
    for (const [key, wording] of [
      ["p2", P2],
      ["p3", P3],
    ] as const) {
      const created = await sessionCall<{ id: string }>(
        page,
        "POST",
        `/api/v1/partnerships/${pid}/principles`,
        wording,
      );
      expect(created.status).toBe(201);
      ids[key] = created.json.id;
      for (const c of [maya, ines]) {
        const r = await sessionCall(c.page, "PUT", `/api/v1/partnerships/${pid}/principles/${ids[key]}/stance`, {
          stance: "endorse",
        });
        expect(r.status).toBe(200);
      }
    }
    await go(page, `/p/${pid}/principles`, "Principles");
    await expect.poll(() => page.locator(".principle-card .badge", { hasText: "Agreed" }).count()).toBe(3);
    await expectNoAxeViolations(page, "principles");
  });

  it("edits a principle as a new version with the difference shown, comments, and keeps the history", async () => {
    const page = ines.page;
    await go(page, `/p/${pid}/principles/${ids.p1}`, P1.title);
    await page.getByRole("button", { name: "Propose new wording" }).click();
    await page.getByLabel("What good looks like").fill(P1.description.replace("six weeks", "eight weeks"));
    await page.getByText("What changes").waitFor();
    expect(await page.locator(".wording-diff ins").first().textContent()).toContain("eight");
    await page.getByRole("button", { name: "Propose this wording" }).click();
    const change = page.getByRole("region", { name: "Proposed new wording (version 2)" });
    await change.waitFor();
    expect(await change.locator("del").first().textContent()).toContain("six");
    expect(await change.locator("ins").first().textContent()).toContain("eight");
    // The agreed wording stays in force.
    await page.locator(".page-header .badge", { hasText: "Agreed" }).waitFor();
    const history = page.getByRole("region", { name: "History" });
    expect(await history.textContent()).toContain("Version 2");
    expect(await history.textContent()).toContain("Version 1");

    await page.getByLabel("Add a comment").fill("Eight weeks would let us hire seasonal drivers in time.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByText("Eight weeks would let us hire seasonal drivers in time.").waitFor();
    await expectNoAxeViolations(page, "principle with a proposed version");
  });

  it("schedules an assessment, opens it, and shows participation per organization live", async () => {
    const page = maya.page;
    await go(page, `/p/${pid}/cycles`, "Cycles");
    await page.getByRole("button", { name: "Schedule a cycle" }).click();
    await page.getByLabel("Title").fill("Spring check");
    await expectNoAxeViolations(page, "schedule a cycle");
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await heading(page, "Spring check");
    ids.cycle1 = new URL(page.url()).pathname.split("/")[4] ?? "";
    await page.locator(".page-header .badge", { hasText: "Scheduled" }).waitFor();
    await page.getByRole("button", { name: "Open now" }).click();
    await page.locator(".page-header .badge", { hasText: "Open" }).waitFor();
    const participation = page.getByRole("list", { name: "Participation per organization" });
    // Below k (3) an organization's count stays hidden: 1 or 2 would say who answered.
    await expect.poll(() => participation.textContent()).toContain("fewer than 3 responded");
    await expectNoAxeViolations(page, "open cycle");

    // Northwind: Maya, Ana, Bo. Harbour: Ines, Chidi, Dana — Dana can't say about P3, so that cell has 2.
    const nw: Answer[][] = [
      [a(ids.p1, 2, 5, "Promotions still surprise the docks."), a(ids.p2, 5, 4), a(ids.p3, 4, 3)],
      [a(ids.p1, 2, 5, "We hear about promotions too late."), a(ids.p2, 4, 4), a(ids.p3, 3, 3)],
      [a(ids.p1, 3, 5, "The plan arrives, but not six weeks ahead."), a(ids.p2, 5, 4), a(ids.p3, 4, 3)],
    ];
    const hf: Answer[][] = [
      [a(ids.p1, 3, 5, "Hidden comment one."), a(ids.p2, 4, 4), a(ids.p3, 3, 3)],
      [a(ids.p1, 2, 4, "Hidden comment two."), a(ids.p2, 5, 4), a(ids.p3, 4, 3)],
      [a(ids.p1, 2, 5), a(ids.p2, 5, 4), a(ids.p3, "cant_say", "cant_say")],
    ];
    await answerAsSession(maya.page, pid, ids.cycle1, nw[0] as Answer[]);
    await answerAsToken(tokens["Ana Silva"], ids.cycle1, nw[1] as Answer[]);
    await answerAsToken(tokens["Bo Lind"], ids.cycle1, nw[2] as Answer[]);
    await answerAsSession(ines.page, pid, ids.cycle1, hf[0] as Answer[]);
    await answerAsToken(tokens["Chidi Obi"], ids.cycle1, hf[1] as Answer[]);
    await answerAsToken(tokens["Dana Park"], ids.cycle1, hf[2] as Answer[]);

    // The open cycle's page follows participation without a reload.
    await expect
      .poll(() => participation.textContent(), { timeout: 25_000, interval: 500 })
      .toMatch(/Northwind Retail.*3 of 3.*Harbour Freight.*3 of 3/);
  }, 90_000);

  it("closes the cycle and the dashboard shows strengths, challenges, and the small cell as suppressed", async () => {
    const page = maya.page;
    await page.getByRole("button", { name: "Close and publish results" }).click();
    await page.getByRole("button", { name: "Yes, close and publish results" }).click();
    await page.locator(".page-header .badge", { hasText: "Closed" }).waitFor();
    await page.getByRole("link", { name: "View results" }).click();
    await heading(page, "Results");

    const strengths = page.getByRole("region", { name: "Strengths" });
    const challenges = page.getByRole("region", { name: "Challenges" });
    await expect.poll(() => strengths.textContent()).toContain(P2.title);
    expect(await challenges.locator("li").first().textContent()).toContain(P1.title);

    const table = page.getByRole("table", { name: /Results per principle/ });
    const row = (title: string) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });
    const p3 = await row(P3.title).textContent();
    expect(p3).toContain("fewer than 3 responses");
    expect(p3).toContain("hidden");
    // Suppressed is never shown as a zero.
    expect(p3).not.toMatch(/\b0\.0\b/);
    expect(await row(P1.title).textContent()).toContain("2.3");
    expect(await row(P1.title).textContent()).toContain("no earlier cycle");

    const p1Card = page.locator(`#principle-${ids.p1}`);
    expect(await p1Card.textContent()).toContain("Promotions still surprise the docks.");
    expect(await p1Card.textContent()).not.toContain("Hidden comment one.");
    expect(await p1Card.textContent()).toContain("Not shown: fewer than 3 people commented.");
    const p3Card = page.locator(`#principle-${ids.p3}`);
    expect(await p3Card.textContent()).toContain("fewer than 3 responses");

    // Charts are labelled images with their numbers as tables.
    const quadrant = page.getByRole("img", { name: /Importance versus performance/ });
    await quadrant.waitFor();
    expect(await page.getByRole("img", { name: /Harbour Freight: performance and importance/ }).count()).toBe(1);
    await page.locator("#quadrant summary", { hasText: "Show the numbers" }).click();
    await page.getByRole("table", { name: /Importance versus performance/ }).waitFor();

    // CSV export: a plain link that works with the session cookie.
    const csvHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const csv = await page.evaluate(async (href) => {
      const res = await fetch(href ?? "", { credentials: "same-origin" });
      return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
    }, csvHref);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain("text/csv");
    expect(csv.text).toContain(P1.title);

    await expectNoAxeViolations(page, "results");
    await checkAndCapture(page, "results");
  }, 90_000);

  it("plans an action from the top challenge in one click, owned by the other organization", async () => {
    const page = maya.page;
    const challenges = page.getByRole("region", { name: "Challenges" });
    await challenges.getByRole("button", { name: `Plan an action on “${P1.title}”` }).click();
    const dialog = page.getByRole("dialog", { name: "Plan an action" });
    await dialog.getByLabel("Owner").waitFor();
    expect(await dialog.textContent()).toContain(P1.title);
    expect(await dialog.textContent()).toContain("Spring check");
    expect(await dialog.getByLabel("What will be done").inputValue()).toContain(P1.title);
    await dialog.getByLabel("What will be done").fill("Weekly promotion sync with Harbour planning");
    await dialog.getByLabel("Owner").selectOption({ label: "Ines Duarte" });
    await dialog.getByLabel("Due date").fill("2099-03-31");
    await expectNoAxeViolations(page, "plan an action");
    await dialog.getByRole("button", { name: "Create action" }).click();
    await dialog.waitFor({ state: "hidden" });
    const p1Card = page.locator(`#principle-${ids.p1}`);
    await p1Card.getByRole("link", { name: "Weekly promotion sync with Harbour planning" }).waitFor();

    // Harbour's facilitator owns it: it is on her board under "mine", she starts it and notes progress.
    await go(ines.page, `/p/${pid}/actions?mine=true`, "Actions");
    const card = ines.page.getByRole("link", { name: "Weekly promotion sync with Harbour planning" });
    await card.waitFor();
    await expectNoAxeViolations(ines.page, "actions board");
    await card.click();
    await heading(ines.page, "Weekly promotion sync with Harbour planning");
    ids.action = new URL(ines.page.url()).pathname.split("/")[4] ?? "";
    await ines.page.getByRole("button", { name: "Start" }).click();
    await ines.page.locator(".page-header .badge", { hasText: "In progress" }).waitFor();
    await ines.page.getByLabel("Add a progress note").fill("First sync held on Monday.");
    await ines.page.getByRole("button", { name: "Add note" }).click();
    await ines.page.getByText("First sync held on Monday.").waitFor();
    await expectNoAxeViolations(ines.page, "action");

    // Filters: Maya owns nothing; nothing is overdue.
    await go(page, `/p/${pid}/actions?mine=true`, "Actions");
    await page.getByText("No actions match these filters.").waitFor();
    await go(page, `/p/${pid}/actions?overdue=true`, "Actions");
    await page.getByText("No actions match these filters.").waitFor();
    await go(page, `/p/${pid}/actions?principle=${ids.p1}`, "Actions");
    await page.getByRole("link", { name: "Weekly promotion sync with Harbour planning" }).waitFor();
  }, 90_000);

  it("answers the next assessment on My surveys, and a second closed cycle shows trend arrows", async () => {
    const opened = await sessionCall<{ id: string }>(maya.page, "POST", `/api/v1/partnerships/${pid}/cycles`, {
      kind: "assessment",
      title: "Autumn check",
    });
    expect(opened.status).toBe(201);
    ids.cycle2 = opened.json.id;

    // Maya answers with the same Survey view as the widget, on the page the extension opens.
    const page = maya.page;
    await go(page, `/surveys?partnership=${pid}&cycle=${ids.cycle2}`, "My surveys");
    await expectNoAxeViolations(page, "my surveys");
    for (let i = 0; i < 3; i++) {
      // "Usually" is only on the performance scale, "Essential" only on the importance scale.
      await page.getByRole("radio", { name: en.performanceScale[3], exact: true }).check();
      await page.getByRole("radio", { name: en.importanceScale[4], exact: true }).check();
      await page.getByRole("button", { name: i < 2 ? en.next : en.submit, exact: true }).click();
    }
    await page.getByText(en.thanks).waitFor();

    const better: Answer[] = [a(ids.p1, 4, 5), a(ids.p2, 5, 4), a(ids.p3, 4, 3)];
    await answerAsSession(ines.page, pid, ids.cycle2, better);
    for (const name of ["Ana Silva", "Bo Lind", "Chidi Obi", "Dana Park"])
      await answerAsToken(tokens[name], ids.cycle2, better);
    expect((await sessionCall(page, "POST", `/api/v1/partnerships/${pid}/cycles/${ids.cycle2}/close`)).status).toBe(
      200,
    );

    await go(page, `/p/${pid}/results`, "Results");
    await expect.poll(() => page.getByLabel("Cycle").inputValue()).toBe(ids.cycle2);
    const table = page.getByRole("table", { name: /Results per principle/ });
    const p1Row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: P1.title }) });
    await expect.poll(() => p1Row.locator("[data-trend]").getAttribute("data-trend")).toBe("up");
    expect(await p1Row.textContent()).toContain("▲");
    // The P3 cell is shown this time, so its trend against a hidden figure stays hidden.
    const p1Card = page.locator(`#principle-${ids.p1}`);
    expect(await p1Card.textContent()).toMatch(/Since actions began .*2\.3 → 4\.0/);
    await expectNoAxeViolations(page, "results with trends");
  }, 120_000);

  it("embeds the partnership: the hashed, integrity-checked snippet here; keys and origins on the Organization screen", async () => {
    const page = maya.page;
    await go(page, `/p/${pid}/embed`, "Embed on your intranet");
    const snippet = await page.getByRole("textbox", { name: "Snippet" }).inputValue();
    expect(snippet).toMatch(/src="http:\/\/127\.0\.0\.1:\d+\/embed\/v1\/accord\.[0-9a-f]+\.js"/);
    expect(snippet).toMatch(/integrity="sha384-[A-Za-z0-9+/=]+"/);
    expect(snippet).toContain('crossorigin="anonymous"');
    expect(snippet).toContain(`partnership="${pid}"`);
    await expectNoAxeViolations(page, "embed");

    await page.getByRole("link", { name: "Manage keys and allowed origins" }).click();
    await heading(page, "Northwind Retail");
    await page.getByLabel("Add an origin").fill("https://intranet.northwind.example");
    await page.getByRole("button", { name: "Add origin" }).click();
    await page.getByText("Allowed origins saved.").waitFor();
    await page.getByLabel("Label for a new key").fill("Intranet production");
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = await page.getByLabel("Secret (HS256)").inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole("button", { name: "Rotate Intranet production" }).click();
    await page.getByRole("heading", { name: /New key from rotation/ }).waitFor();
    expect(await page.getByLabel("Secret (HS256)").inputValue()).not.toBe(secret);
    // The organization's snippet names the partnership picked.
    await page.getByLabel("Partnership", { exact: true }).selectOption(pid);
    expect(await page.getByRole("textbox", { name: "Snippet" }).inputValue()).toContain(`partnership="${pid}"`);
  });

  // Every screen's fit at 360 px is test/console/visual.test.ts's; here, the phone's menu.
  it("finds the screens through the menu on a phone and starts keyboard users at a skip link", async () => {
    const page = maya.page;
    await page.setViewportSize({ width: 360, height: 740 });
    await go(page, `/p/${pid}`, "Northwind × Harbour pilot");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Results" }).click();
    await heading(page, "Results");
    await page.setViewportSize({ width: 1280, height: 900 });

    await go(page, `/p/${pid}`, "Northwind × Harbour pilot");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
  });

  it("lets a person pair the extension, revoke devices, read the audit log, and sign out", async () => {
    const page = maya.page;
    await go(page, "/account", "Maya Lindqvist");
    await page.getByRole("button", { name: "Issue a sign-in code" }).click();
    const code = await page.getByLabel("Your sign-in code").inputValue();
    expect(code.length).toBeGreaterThan(6);
    await page.getByText("This browser").waitFor();
    await expectNoAxeViolations(page, "account");

    await go(page, `/p/${pid}/audit`, "Audit log");
    await page.getByText("proposed a principle").first().waitFor();
    await page.getByText("closed a cycle and published its results").first().waitFor();
    await expectNoAxeViolations(page, "audit log");

    for (const [path, title] of [
      [`/p/${pid}`, "Northwind × Harbour pilot"],
      [`/p/${pid}/cycles`, "Cycles"],
      [`/p/${pid}/settings`, "Settings"],
    ] as const) {
      await go(page, path, title);
      await expectNoAxeViolations(page, path);
    }

    await page.getByRole("button", { name: "Sign out" }).click();
    await heading(page, "Sign in");
    expect((await sessionCall(page, "GET", "/api/v1/me")).status).toBe(401);
  });

  it("never tripped the CSP or threw in the page", () => {
    for (const c of [maya, ines]) {
      expect(c.cspViolations).toEqual([]);
      expect(c.pageErrors).toEqual([]);
    }
  });

  function a(
    principleId: string,
    performance: number | "cant_say",
    importance: number | "cant_say",
    comment?: string,
  ): Answer {
    return { principleId, performance, importance, ...(comment ? { comment } : {}) };
  }

  async function answerAsSession(page: Page, partnershipId: string, cycleId: string, answers: Answer[]) {
    const r = await sessionCall(page, "POST", `/api/v1/partnerships/${partnershipId}/cycles/${cycleId}/responses`, {
      answers,
    });
    expect(r.status).toBe(200);
  }

  async function answerAsToken(token: string | undefined, cycleId: string, answers: Answer[]) {
    if (!token) throw new Error("No token for that respondent");
    const r = await bearerCall(
      accord.baseUrl,
      token,
      "POST",
      `/api/v1/partnerships/${pid}/cycles/${cycleId}/responses`,
      { answers },
    );
    expect(r.status).toBe(200);
  }
});
