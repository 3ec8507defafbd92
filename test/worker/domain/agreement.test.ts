import { describe, expect, it } from "vitest";
import { awaiting, decide, isSameWording } from "../../../worker/src/domain/agreement";
import { isOrigin, isReminderSitePattern, settingsProblem } from "../../../worker/src/domain/settings";

describe("agreement", () => {
  const parties = ["a", "b", "c"];
  it("accepts only when every party endorses", () => {
    expect(decide(parties, [{ organizationId: "a", stance: "endorse" }])).toBe("pending");
    expect(
      decide(
        parties,
        parties.map((organizationId) => ({ organizationId, stance: "endorse" as const })),
      ),
    ).toBe("accepted");
  });
  it("is blocked by any objection, whatever else", () => {
    expect(
      decide(parties, [
        { organizationId: "a", stance: "endorse" },
        { organizationId: "b", stance: "object" },
        { organizationId: "c", stance: "endorse" },
      ]),
    ).toBe("blocked");
  });
  it("ignores stances of organizations no longer party and never accepts with no parties", () => {
    expect(
      decide(
        ["a"],
        [
          { organizationId: "a", stance: "endorse" },
          { organizationId: "z", stance: "object" },
        ],
      ),
    ).toBe("accepted");
    expect(decide([], [])).toBe("pending");
  });
  it("lists who has not spoken", () => {
    expect(awaiting(parties, [{ organizationId: "b", stance: "object" }])).toEqual(["a", "c"]);
  });
  it("compares wording including the origin", () => {
    const v = { title: "T", description: "D", origin: null };
    expect(isSameWording(v, { title: "T", description: "D" })).toBe(true);
    expect(isSameWording(v, { title: "T", description: "D", origin: "O" })).toBe(false);
  });
});

describe("settings and roles", () => {
  it("keeps k at least 3 and the comment threshold at least k", () => {
    expect(settingsProblem({ k: 2, commentThreshold: 5 })).toMatch(/k/);
    expect(settingsProblem({ k: 5, commentThreshold: 4 })).toMatch(/commentThreshold/);
    expect(settingsProblem({ k: 3, commentThreshold: 3 })).toBeNull();
  });
  it("accepts reminder-site match patterns but never all URLs", () => {
    expect(isReminderSitePattern("https://*.atlassian.net/*")).toBe(true);
    expect(isReminderSitePattern("https://app.slack.com/*")).toBe(true);
    expect(isReminderSitePattern("<all_urls>")).toBe(false);
    expect(isReminderSitePattern("https://*/*")).toBe(false);
    expect(isReminderSitePattern("*://*.example.com/*")).toBe(false);
  });
  it("accepts bare origins only", () => {
    expect(isOrigin("https://intranet.example.com")).toBe(true);
    expect(isOrigin("http://localhost:8788")).toBe(true);
    expect(isOrigin("https://intranet.example.com/")).toBe(false);
    expect(isOrigin("javascript:alert(1)")).toBe(false);
  });
});
