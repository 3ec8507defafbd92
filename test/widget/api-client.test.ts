/**
 * The typed client's edge: an answer whose body is cut off (the page navigated away and aborted
 * the load, or the connection dropped mid-body) is a failure, never a success with no value that
 * a screen would then read as data. Plain Node: the client takes any fetch.
 */
import { describe, expect, it } from "vitest";
import { type Client, call } from "../../widget/src/api";

/** A client whose every answer is a 200 JSON response whose body breaks after a few bytes with `reason`. */
function clientCutOffBy(reason: Error): Client {
  return {
    base: "http://accord.test",
    auth: { kind: "session" },
    fetch: async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"principles":['));
            controller.error(reason);
          },
        }),
        { status: 200, headers: { "Content-Type": "application/json" } },
      ),
  };
}

const principles = (client: Client) =>
  call(client, "get", "/api/v1/partnerships/{partnershipId}/principles", { params: { partnershipId: "prt_x" } });

describe("the API client", () => {
  it("reports a body lost mid-read as offline, not as an empty success", async () => {
    const r = await principles(clientCutOffBy(new TypeError("network error")));
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ status: 0, code: "offline" }) });
  });

  it("reports a body aborted mid-read as aborted, which screens ignore", async () => {
    const r = await principles(clientCutOffBy(new DOMException("The operation was aborted.", "AbortError")));
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ status: 0, code: "aborted" }) });
  });

  it("still answers a whole body as data", async () => {
    const client: Client = {
      base: "http://accord.test",
      auth: { kind: "session" },
      fetch: async () => Response.json({ principles: [] }),
    };
    expect(await principles(client)).toMatchObject({ ok: true, status: 200, value: { principles: [] } });
  });
});
