/**
 * Every console form, given a value the API refuses, says the problem in the form's words: the
 * field as the form labels it, never an internal field path. The table below lists each form by the
 * source file that renders its `<form>`, and a first test (no browser) checks that table against
 * the source tree, so a new form without a case here fails the suite. Each case then runs in
 * headless Chromium against a real worker with the demo, signed in as Maya Lindqvist (a
 * facilitator of the demo partnership and an admin of Northwind Retail).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Accord } from "../browser/harness";
import {
  type ConsolePage,
  type ConsoleWorld,
  openConsole,
  pairingCode,
  sessionCall,
  signInWithCode,
  startConsoleWorld,
} from "./helpers";

const PID = "prt_demonorthwind";
const CONSOLE_SOURCE = join(import.meta.dirname, "../../widget/src/console");
/** An API field path shown to a person: `Invalid "…"`, a quoted dotted path, or a quoted camelCase name. */
const INTERNAL_PATH = /Invalid "|"[A-Za-z]+(\.[\w-]+)+"|"[a-z]+[A-Z]\w*"/;
const long = (n: number) => "x".repeat(n);

/** What a case gets: the signed-in page, a way to open a screen, and a fresh signed-out page. */
interface Ctx {
  page: Page;
  go: ConsoleWorld["go"];
  signedOut(): Promise<Page>;
  /** A demo principle agreed by every organization, with no open proposal. */
  agreed: { id: string; title: string };
}

/** A form opened, filled with a refused value, ready to submit. */
interface Filled {
  page: Page;
  /** Where the form's alert appears (the form, or the section or dialog around it). */
  scope: Locator;
  submit(): Promise<void>;
}

interface FormCase {
  /** The form as a person knows it. */
  form: string;
  /** The value the API refuses. */
  bad: string;
  /** The field's label as the form shows it: the message must say it, then a colon. */
  names: string;
  open(c: Ctx): Promise<Filled>;
}

/**
 * Types `value` into a control once it shows, past the browser's own limits (length, range,
 * required, pattern), so the API is the one to refuse it.
 */
async function enter(field: Locator, value: string) {
  await field.waitFor();
  await field.evaluate((el) => {
    for (const a of ["maxlength", "minlength", "min", "max", "required", "pattern"]) el.removeAttribute(a);
    const form = el.closest("form");
    if (form) form.noValidate = true;
  });
  await field.fill(value);
  expect(await field.inputValue()).toBe(value);
}

/** The form holding the control labelled `label`. */
const formWith = (scope: Page | Locator, label: string | RegExp) =>
  scope.locator("form").filter({ has: scope.getByLabel(label) });

/**
 * Every console form, by the file (under widget/src/console) that renders its `<form>`: one case
 * per `<form>` in the file. Every form today has a field the API can refuse, so every case sends
 * one; a form with nothing to refuse (only a button) needs a case that says why here and checks
 * instead that submitting it works.
 */
const FORMS: Record<string, FormCase[]> = {
  "components/action-form.tsx": [
    {
      form: "New action (actions board; also editing an action and planning one from results)",
      bad: "a title of 400 characters",
      names: "What will be done",
      async open({ page, go }) {
        await go(page, `/p/${PID}/actions`, "Actions");
        await page.getByRole("button", { name: "New action" }).click();
        const form = formWith(page, "What will be done");
        await enter(form.getByLabel("What will be done"), long(400));
        return { page, scope: form, submit: () => form.getByRole("button", { name: "Create action" }).click() };
      },
    },
  ],
  "components/note-form.tsx": [
    {
      form: "Add a comment on a principle (the same form adds an action's progress notes)",
      bad: "a comment of 2,100 characters",
      names: "Add a comment",
      async open({ page, go, agreed }) {
        await go(page, `/p/${PID}/principles/${agreed.id}`, agreed.title);
        const form = formWith(page, "Add a comment");
        await enter(form.getByLabel("Add a comment"), long(2100));
        return { page, scope: form, submit: () => form.getByRole("button", { name: "Post comment" }).click() };
      },
    },
  ],
  "components/principle-bits.tsx": [
    {
      form: "Propose a principle (also new wording for one)",
      bad: "a principle of 400 characters",
      names: "Principle",
      async open({ page, go }) {
        await go(page, `/p/${PID}/principles`, "Principles");
        await page.getByRole("button", { name: "Propose a principle" }).click();
        const form = formWith(page, "What good looks like");
        await enter(form.getByLabel("Principle", { exact: true }), long(400));
        await form.getByLabel("What good looks like").fill("Fine.");
        return { page, scope: form, submit: () => form.getByRole("button", { name: "Propose", exact: true }).click() };
      },
    },
  ],
  "screens/channels/index.tsx": [
    {
      form: "Connect the organization's channel (Nudges)",
      bad: "a webhook URL over plain http",
      names: "Webhook URL",
      async open({ page, go }) {
        await go(page, `/p/${PID}/channels`, "Nudges");
        const section = page.getByRole("region", { name: "Northwind Retail's channel" });
        const channel = await sessionCall<{ channel: unknown }>(page, "GET", `/api/v1/partnerships/${PID}/channel`);
        if (channel.json.channel) await section.getByRole("button", { name: "Replace" }).click();
        await enter(section.getByLabel("Webhook URL"), "http://hooks.example.com/services/T0/B0/x");
        return {
          page,
          scope: section,
          submit: () => section.getByRole("button", { name: /^(Connect|Replace) channel$/ }).click(),
        };
      },
    },
  ],
  "screens/cycles/schedule-form.tsx": [
    {
      form: "Schedule a cycle",
      bad: "a close before the opening",
      names: "Closes at",
      async open({ page, go }) {
        await go(page, `/p/${PID}/cycles`, "Cycles");
        await page.getByRole("button", { name: "Schedule a cycle" }).click();
        const form = page.getByRole("form", { name: "Schedule a cycle" });
        await enter(form.getByLabel("Opens at"), "2099-06-10T09:00");
        await enter(form.getByLabel("Closes at"), "2099-06-01T09:00");
        return { page, scope: form, submit: () => form.getByRole("button", { name: "Schedule", exact: true }).click() };
      },
    },
  ],
  "screens/new-partnership.tsx": [
    {
      form: "New partnership",
      bad: "a name of 400 characters",
      names: "Name",
      async open({ page, go }) {
        await go(page, "/partnerships/new", "New partnership");
        const form = formWith(page, "Purpose");
        await enter(form.getByLabel("Name", { exact: true }), long(400));
        return { page, scope: form, submit: () => form.getByRole("button", { name: "Create partnership" }).click() };
      },
    },
  ],
  "screens/organization/keys.tsx": [
    {
      form: "Create an embed key (Organization)",
      bad: "a label of 400 characters",
      names: "Label for a new key",
      async open({ page, go }) {
        await go(page, "/organization", "Northwind Retail");
        const section = page.getByRole("region", { name: "Embed keys" });
        await enter(section.getByLabel("Label for a new key"), long(400));
        return { page, scope: section, submit: () => section.getByRole("button", { name: "Create key" }).click() };
      },
    },
  ],
  "screens/organization/origins.tsx": [
    {
      form: "Add an allowed origin (Organization)",
      bad: "an origin over plain http off loopback",
      // The form names the entry it refused, as it is one of a list.
      names: "“http://public.example”",
      async open({ page, go }) {
        await go(page, "/organization", "Northwind Retail");
        const section = page.getByRole("region", { name: "Allowed origins" });
        await enter(section.getByLabel("Add an origin"), "http://public.example");
        return { page, scope: section, submit: () => section.getByRole("button", { name: "Add origin" }).click() };
      },
    },
  ],
  "screens/organization/person-panel.tsx": [
    {
      form: "A person's details (Organization → Manage)",
      bad: "a name of 400 characters",
      names: "Name",
      async open({ page, go }) {
        await go(page, "/organization", "Northwind Retail");
        const people = page.getByRole("region", { name: "People" });
        await people.getByRole("button", { name: "Manage Daniel Okafor" }).click();
        const dialog = page.getByRole("dialog", { name: "Daniel Okafor" });
        await enter(dialog.getByLabel("Name", { exact: true }), long(400));
        return { page, scope: dialog, submit: () => dialog.getByRole("button", { name: "Save details" }).click() };
      },
    },
  ],
  "screens/people.tsx": [
    {
      form: "Invite someone (People)",
      bad: "a name of 400 characters",
      names: "Name",
      async open({ page, go }) {
        await go(page, `/p/${PID}/people`, "People");
        await page.getByRole("button", { name: "Invite someone" }).click();
        const form = formWith(page, "Role");
        await enter(form.getByLabel("Name", { exact: true }), long(400));
        return { page, scope: form, submit: () => form.getByRole("button", { name: "Invite", exact: true }).click() };
      },
    },
  ],
  "screens/principle/index.tsx": [
    {
      form: "Propose retiring a principle",
      bad: "a reason of 700 characters",
      names: "Why retire it?",
      async open({ page, go, agreed }) {
        await go(page, `/p/${PID}/principles/${agreed.id}`, agreed.title);
        await page.getByRole("button", { name: "Propose retiring it" }).click();
        const form = formWith(page, "Why retire it?");
        await enter(form.getByLabel("Why retire it?"), long(700));
        return { page, scope: form, submit: () => form.getByRole("button", { name: "Propose retirement" }).click() };
      },
    },
  ],
  "screens/principle/stances.tsx": [
    {
      form: "A stance on a principle (objecting to an agreed one)",
      bad: "a note of 700 characters",
      names: "Note",
      async open({ page, go, agreed }) {
        await go(page, `/p/${PID}/principles/${agreed.id}`, agreed.title);
        const side = page.getByRole("complementary", { name: "Agreement" });
        await enter(side.getByLabel(/^Note/), long(700));
        return { page, scope: side, submit: () => side.getByRole("button", { name: "Object" }).click() };
      },
    },
  ],
  "screens/settings/form.tsx": [
    {
      form: "Partnership settings",
      bad: "k of 1 (below its minimum)",
      names: "Minimum responses to show a figure (k)",
      async open({ page, go }) {
        await go(page, `/p/${PID}/settings`, "Settings");
        const form = formWith(page, "Minimum responses to show a figure (k)");
        await enter(form.getByLabel("Minimum responses to show a figure (k)"), "1");
        return { page, scope: form, submit: () => form.getByRole("button", { name: /^Save/ }).click() };
      },
    },
  ],
  "screens/settings/organizations.tsx": [
    {
      form: "Invite an organization (Settings)",
      bad: "an organization name of 400 characters",
      names: "Organization name",
      async open({ page, go }) {
        await go(page, `/p/${PID}/settings`, "Settings");
        await page.getByRole("button", { name: "Invite an organization" }).click();
        const form = page.getByRole("form", { name: "Invite an organization" });
        await enter(form.getByLabel("Organization name"), long(400));
        await form.getByLabel("Their facilitator's name").fill("Ines Duarte");
        return {
          page,
          scope: form,
          submit: () => form.getByRole("button", { name: "Invite and get a code" }).click(),
        };
      },
    },
  ],
  "screens/sign-in.tsx": [
    {
      form: "Sign in (signed out)",
      bad: "a code of 2 characters",
      names: "Sign-in code",
      async open({ signedOut, go }) {
        const page = await signedOut();
        await go(page, "/sign-in", "Sign in");
        const form = formWith(page, "Sign-in code");
        await enter(form.getByLabel("Sign-in code"), "AB");
        return { page, scope: form, submit: () => form.getByRole("button", { name: "Sign in" }).click() };
      },
    },
  ],
};

/** Files under `dir` (relative to it) with how many `<form` elements each renders. */
function formsInSource(dir: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.[jt]sx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const count = readFileSync(path, "utf8").match(/<form\b/g)?.length ?? 0;
    if (count) found[relative(dir, path)] = count;
  }
  return found;
}

describe("console forms: the table", () => {
  it("has a case for every <form> in the console's source", () => {
    const table = Object.fromEntries(Object.entries(FORMS).map(([file, cases]) => [file, cases.length]));
    expect(table).toEqual(formsInSource(CONSOLE_SOURCE));
  });
});

describe("console forms: a refused value reads in the form's words, never as an internal field path", () => {
  let world: ConsoleWorld;
  let accord: Accord;
  let browser: Browser;
  let maya: ConsolePage;
  const signedOut: ConsolePage[] = [];
  let signingIn: Promise<Ctx> | undefined;

  beforeAll(async () => {
    world = await startConsoleWorld();
    ({ accord, browser } = world);
    maya = await openConsole(browser);
  }, 60_000);

  /** Maya, signed in once for the whole file (inside a test: signing in waits with expect.poll). */
  async function signIn(): Promise<Ctx> {
    const person = accord.demo.people.find((p) => p.name === "Maya Lindqvist");
    if (!person) throw new Error("The demo seed gives no token to Maya Lindqvist");
    await signInWithCode(maya.page, accord.baseUrl, await pairingCode(accord.baseUrl, person.token));
    const list = await sessionCall<{
      principles: { id: string; status: string; proposal: unknown; current: { title: string } }[];
    }>(maya.page, "GET", `/api/v1/partnerships/${PID}/principles`);
    const agreed = list.json.principles.find((p) => p.status === "agreed" && !p.proposal);
    if (!agreed) throw new Error("The demo has no agreed principle without a proposal");
    return {
      page: maya.page,
      go: world.go,
      agreed: { id: agreed.id, title: agreed.current.title },
      signedOut: async () => {
        const c = await openConsole(browser);
        signedOut.push(c);
        return c.page;
      },
    };
  }

  afterAll(async () => {
    await world?.stop();
  });

  for (const [file, cases] of Object.entries(FORMS)) {
    for (const c of cases) {
      it(`${file}: ${c.form}, given ${c.bad}`, async () => {
        signingIn ??= signIn();
        const { page, scope, submit } = await c.open(await signingIn);
        // The API is the one refusing: the value went past the browser and came back a 400.
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.url().includes("/api/") && r.request().method() !== "GET"),
          submit(),
        ]);
        expect(response.status(), `${file}: the API refuses ${c.bad}`).toBe(400);
        const alert = scope.getByRole("alert");
        await alert.waitFor();
        const text = (await alert.textContent()) ?? "";
        expect(text, `${file} shows an internal path: ${text}`).not.toMatch(INTERNAL_PATH);
        expect(text, `${file} names the field as the form labels it`).toContain(`${c.names}:`);
      });
    }
  }

  it("never tripped the CSP or threw in the page", () => {
    for (const c of [maya, ...signedOut]) {
      expect(c.cspViolations).toEqual([]);
      expect(c.pageErrors).toEqual([]);
    }
  });
});
