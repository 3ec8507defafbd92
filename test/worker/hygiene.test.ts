import { describe, expect, it } from "vitest";
import { isOrigin } from "../../worker/src/domain/settings";
import { verifyEmbedToken } from "../../worker/src/embed/jwt";
import { csvCell, text } from "../../worker/src/http/text";
import { as, call, embedToken, fails, ok, partnership, send, snapshot } from "./helpers";

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues[0]?.message;

// The sequencer (test/sequencer.ts) runs slower and larger files first, so this one follows others in its workerd.
describe("a test file's database", () => {
  it("starts migrated and empty, whatever ran before it in this workerd (test/worker/setup.ts)", async () => {
    const counts = await snapshot();
    expect(Object.keys(counts)).toContain("ratings");
    expect(Object.entries(counts).filter(([, n]) => n !== 0)).toEqual([]);
  });
});

describe("text()", () => {
  const title = text({ max: 20 });
  const description = text({ max: 200, multiline: true });
  const optionalNote = text({ max: 20, min: 0, multiline: true });

  it("trims and keeps ordinary text, including non-Latin scripts and emoji", () => {
    expect(title.parse("  Shared goals ")).toBe("Shared goals");
    expect(title.parse("Zusammenarbeit ü")).toBe("Zusammenarbeit ü");
    expect(title.parse("協力 🤝")).toBe("協力 🤝");
    expect(title.parse("שיתוף פעולה")).toBe("שיתוף פעולה");
  });

  it("enforces min and max after trimming", () => {
    expect(title.safeParse("x".repeat(21)).success).toBe(false);
    expect(title.safeParse(`  ${"x".repeat(20)}  `).success).toBe(true);
    expect(title.safeParse("   ").success).toBe(false);
    expect(title.safeParse("").success).toBe(false);
    expect(text({ max: 20, min: 3 }).safeParse("ab").success).toBe(false);
  });

  it("rejects NUL, other C0 controls, DEL and C1 controls", () => {
    for (const bad of ["a\u0000b", "a\u0007b", "a\u001Bb", "a\u007Fb", "a\u0085b", "a\u009Fb"]) {
      expect(firstMessage(title.safeParse(bad)), JSON.stringify(bad)).toBe("must not contain control characters");
      expect(firstMessage(description.safeParse(bad)), JSON.stringify(bad)).toBe("must not contain control characters");
    }
  });

  it("allows newline and tab only in multiline text, normalising CRLF", () => {
    expect(title.safeParse("a\nb").success).toBe(false);
    expect(title.safeParse("a\tb").success).toBe(false);
    expect(description.parse("line 1\r\nline 2\n\tindented")).toBe("line 1\nline 2\n\tindented");
    expect(description.parse("old\rmac")).toBe("old\nmac");
  });

  it("rejects bidirectional embeddings, overrides and isolates", () => {
    for (const c of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(firstMessage(description.safeParse(`abc${c}def`))).toBe(
        "must not contain bidirectional override characters",
      );
    }
  });

  it("rejects unpaired surrogates but keeps paired ones", () => {
    expect(firstMessage(title.safeParse("a\uD800b"))).toBe("must not contain unpaired surrogate characters");
    expect(firstMessage(title.safeParse("a\uDC00"))).toBe("must not contain unpaired surrogate characters");
    expect(firstMessage(title.safeParse("\uDE00\uD83D"))).toBe("must not contain unpaired surrogate characters");
    expect(title.parse("a\uD83D\uDE00")).toBe("a😀");
  });

  it("rejects text with nothing visible in it", () => {
    const invisible = [
      "\u200B",
      "\u200C\u200D",
      "\u2060",
      "\uFEFF\u00AD",
      "\u180E",
      "\u3164",
      "\u115F\u1160",
      " \u200B ",
    ];
    for (const s of invisible) {
      expect(firstMessage(title.safeParse(s)), JSON.stringify(s)).toBe("must contain visible text");
      expect(firstMessage(optionalNote.safeParse(s)), JSON.stringify(s)).toBe("must contain visible text");
    }
    expect(optionalNote.parse("")).toBe("");
    expect(optionalNote.parse("  ")).toBe("");
    expect(title.parse("a\u200Bb")).toBe("a\u200Bb");
  });
});

describe("csvCell()", () => {
  it("quotes cells with commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("neutralises text a spreadsheet would run as a formula, but not numbers", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("+x")).toBe("'+x");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(4.25)).toBe("4.25");
    expect(csvCell("a=b")).toBe("a=b");
  });
});

describe("isOrigin()", () => {
  it("accepts https origins and http only for loopback", () => {
    expect(isOrigin("https://intranet.example.com")).toBe(true);
    expect(isOrigin("http://intranet.example.com")).toBe(false);
    expect(isOrigin("http://localhost:8788")).toBe(true);
    expect(isOrigin("http://127.0.0.1:3000")).toBe(true);
    expect(isOrigin("http://127.8.9.10")).toBe(true);
    expect(isOrigin("http://[::1]:8080")).toBe(true);
    expect(isOrigin("http://localhost.evil.example")).toBe(false);
    expect(isOrigin("http://127.0.0.1.evil.example")).toBe(false);
    expect(isOrigin("ftp://intranet.example.com")).toBe(false);
  });
});

describe("embed token issued-at", () => {
  const secret = "s".repeat(32);
  const keyId = "ek_test";
  const secretFor = async (id: string) => (id === keyId ? secret : null);
  const now = Date.now();
  const nowS = Math.floor(now / 1000);
  const claims = { iss: keyId, sub: "sam@a.example", aud: "accord", exp: nowS + 600 };

  it("refuses a token issued in the future and an iat that is not a number", async () => {
    const future = await verifyEmbedToken(await embedToken({ ...claims, iat: nowS + 86_400 }, secret), secretFor, now);
    expect(future).toEqual({ ok: false, reason: "The embed token was issued in the future" });
    const text = await verifyEmbedToken(await embedToken({ ...claims, iat: String(nowS) }, secret), secretFor, now);
    expect(text.ok).toBe(false);
  });

  it("accepts a token issued now, within the clock skew, or without iat", async () => {
    for (const extra of [{ iat: nowS }, { iat: nowS + 30 }, {}]) {
      const res = await verifyEmbedToken(await embedToken({ ...claims, ...extra }, secret), secretFor, now);
      expect(res.ok, JSON.stringify(extra)).toBe(true);
    }
  });
});

describe("text hygiene through the API", () => {
  it("rejects control, bidi-override, unpaired-surrogate and invisible text naming the field, writing nothing", async () => {
    const { pid, facA } = await partnership();
    const before = await snapshot();
    const cases: [string, RegExp][] = [
      [JSON.stringify({ title: "Be\u0000fair", description: "D" }), /"title".*control characters/],
      [JSON.stringify({ title: "Fair", description: "Pay \u202Eexcel" }), /"description".*bidirectional/],
      // JSON.stringify escapes the lone surrogate as \ud800; JSON.parse in the worker restores it.
      [JSON.stringify({ title: "Fair\ud800", description: "D" }), /"title".*surrogate/],
      [JSON.stringify({ title: "\u200B", description: "D" }), /"title".*visible text/],
      [JSON.stringify({ title: "Fair", description: "D", origin: "\u200B\u200B" }), /"origin".*visible text/],
    ];
    for (const [raw, message] of cases) {
      const res = await send("POST", `/partnerships/${pid}/principles`, {
        token: facA.token,
        raw,
        headers: { "Content-Type": "application/json" },
      });
      expect(res.status, raw).toBe(400);
      expect(res.error?.code).toBe("invalid_request");
      expect(res.error?.message).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("accepts newlines and tabs in a description", async () => {
    const { pid, facA } = await partnership();
    const res = ok(
      await call(as(facA), "post", "/api/v1/partnerships/{partnershipId}/principles", {
        params: { partnershipId: pid },
        body: { title: "Share plans early", description: "Why:\r\n\t- fewer surprises\n\t- better plans" },
      }),
      201,
    );
    expect(res.current.description).toBe("Why:\n\t- fewer surprises\n\t- better plans");
  });

  it("refuses a plain-http allowed origin that is not loopback", async () => {
    const { facA, orgA } = await partnership();
    const origins = (origin: string) =>
      call(as(facA), "put", "/api/v1/organizations/{organizationId}/allowed-origins", {
        params: { organizationId: orgA },
        body: { origins: [origin] },
      });
    expect(fails(await origins("http://intranet.example.com"), 400).message).toMatch(/https origin/);
    ok(await origins("http://localhost:8788"), 200);
  });
});
