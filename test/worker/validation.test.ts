import { describe, expect, it } from "vitest";
import { partnership, send, snapshot } from "./helpers";

describe("validation at the edge", () => {
  it("rejects unknown keys, wrong types and over-long text naming the field, writing nothing", async () => {
    const { pid, facA } = await partnership();
    const before = await snapshot();
    const cases: [unknown, RegExp][] = [
      [{ title: "T", description: "D", status: "agreed" }, /"status"/],
      [{ title: 42, description: "D" }, /"title"/],
      [{ title: "x".repeat(81), description: "D" }, /"title"/],
      [{ title: "T", description: "d".repeat(601) }, /"description"/],
      [{ title: "T" }, /"description"/],
      [[], /body/],
      ["just text", /body/],
    ];
    for (const [body, field] of cases) {
      const res = await send("POST", `/partnerships/${pid}/principles`, { token: facA.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.error?.code).toBe("invalid_request");
      expect(res.error?.message).toMatch(field);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers malformed JSON with 400, other media types with 415 and huge bodies with 413", async () => {
    const { pid, facA } = await partnership();
    const before = await snapshot();
    const broken = await send("POST", `/partnerships/${pid}/principles`, {
      token: facA.token,
      raw: "{not json",
      headers: { "Content-Type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(broken.error).toEqual({ code: "invalid_request", message: expect.stringMatching(/JSON/) });
    const form = await send("POST", `/partnerships/${pid}/principles`, {
      token: facA.token,
      raw: "title=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.error?.code).toBe("unsupported_media_type");
    const huge = await send("POST", `/partnerships/${pid}/principles`, {
      token: facA.token,
      body: { title: "T", description: "x".repeat(70 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(huge.error?.code).toBe("payload_too_large");
    expect(await snapshot()).toEqual(before);
  });

  it("rejects a query parameter it does not know", async () => {
    const { pid, facA } = await partnership();
    const res = await send("GET", `/partnerships/${pid}/principles?status=maybe`, { token: facA.token });
    expect(res.status).toBe(400);
    expect(res.error?.message).toMatch(/"status"/);
  });

  it("answers unknown API routes with the error envelope", async () => {
    const res = await send("GET", "/nowhere");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "not_found", message: "No such route" } });
  });
});
