import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { sendDueNudges } from "../../worker/src/channels/nudges";
import { checkTarget } from "../../worker/src/channels/ssrf";
import { received, waitFor } from "./channels/mailbox";
import { verifyAccordSignature } from "./channels/verify-snippet";
import { type Actor, appWith, as, call, fails, ok, send, world } from "./helpers";

const receiver = inject("receiverUrl");
let boxes = 0;
/** A fresh mailbox on the real receiver; `query` sets its behaviour (?fail=2, ?status=404). */
const box = (query = "") => `${receiver}/box-${Date.now()}-${++boxes}${query}`;

function connect(pid: string, who: Actor, kind: "slack" | "teams" | "webhook", url: string) {
  return call(as(who), "put", "/api/v1/partnerships/{partnershipId}/channel", {
    params: { partnershipId: pid },
    body: { kind, url },
  });
}

const deliveries = async (pid: string, who: Actor) =>
  ok(
    await call(as(who), "get", "/api/v1/partnerships/{partnershipId}/channel/deliveries", {
      params: { partnershipId: pid },
    }),
  ).deliveries;

describe("connecting a channel", () => {
  it("keeps the URL sealed, shows it masked, audits connect, replace and remove, and shows the secret once", async () => {
    const w = await world();
    const url = box();
    const first = ok(await connect(w.pid, w.facA, "webhook", url), 200);
    expect(first.secret).toMatch(/^accord_whsec_[A-Za-z0-9_-]{43}$/);
    expect(first.channel).toMatchObject({ kind: "webhook", signed: true });
    expect(first.channel.target).toMatch(/^127\.0\.0\.1:\d+\/….{4}$/);

    const read = ok(
      await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/channel", {
        params: { partnershipId: w.pid },
      }),
    );
    expect(read.channel).toEqual(first.channel);
    expect(JSON.stringify(read)).not.toContain(url);
    expect(JSON.stringify(read)).not.toContain(first.secret as string);
    // Nothing in the database holds the URL or the secret in clear.
    const row = await env.DB.prepare("SELECT * FROM channels WHERE id = ?").bind(first.channel.id).first();
    expect(JSON.stringify(row)).not.toContain(url.slice(7));
    expect(JSON.stringify(row)).not.toContain(first.secret as string);

    const replaced = ok(await connect(w.pid, w.facA, "slack", box()), 200);
    expect(replaced.secret).toBeNull();
    expect(replaced.channel).toMatchObject({ id: first.channel.id, kind: "slack", signed: false });
    const again = ok(await connect(w.pid, w.facA, "webhook", box()), 200);
    expect(again.secret).not.toBe(first.secret);

    // Each organization sees only its own channel; members see none.
    expect(
      ok(
        await call(as(w.facB), "get", "/api/v1/partnerships/{partnershipId}/channel", {
          params: { partnershipId: w.pid },
        }),
      ).channel,
    ).toBeNull();
    fails(
      await call(as(w.membersA[0] as Actor), "get", "/api/v1/partnerships/{partnershipId}/channel", {
        params: { partnershipId: w.pid },
      }),
      403,
      "forbidden",
    );

    const removed = await send("DELETE", `/partnerships/${w.pid}/channel`, { token: w.facA.token });
    expect(removed.status).toBe(204);
    const audit = ok(
      await call(as(w.facA), "get", "/api/v1/partnerships/{partnershipId}/audit", {
        params: { partnershipId: w.pid },
        query: { limit: 10 },
      }),
    );
    expect(audit.entries.filter((e) => e.targetType === "channel").map((e) => e.action)).toEqual([
      "channel.removed",
      "channel.replaced",
      "channel.replaced",
      "channel.connected",
    ]);
    expect(JSON.stringify(audit)).not.toContain("box-");
    expect(await send("DELETE", `/partnerships/${w.pid}/channel`, { token: w.facA.token })).toMatchObject({
      status: 404,
    });
  });

  it("refuses URLs that point to private, loopback or link-local addresses in any spelling", async () => {
    const w = await world();
    const refused = [
      "http://example.com/hook",
      "https://10.0.0.7/hook",
      "https://172.20.1.1/hook",
      "https://192.168.1.10/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/",
      "https://0.0.0.0/",
      "https://[fd00::1]/hook",
      "https://[fe80::1]/hook",
      "https://[::ffff:10.0.0.1]/hook",
      "https://[64:ff9b::a9fe:a9fe]/",
      "https://167772161/hook", // 10.0.0.1 as one decimal number
      "https://0xa9.0xfe.0xa9.0xfe/", // 169.254.169.254 in hex
      "https://0251.0376.0251.0376/", // the same in octal
      "https://metadata.google.internal/",
      "https://intranet/hook",
      "https://printer.local/",
      "https://user:pass@hooks.slack.com/services/x",
      "not a url",
    ];
    for (const url of refused) {
      const r = fails(await connect(w.pid, w.facA, "webhook", url), 400, "invalid_request");
      expect(r.message, url).toMatch(/^Invalid "url": /);
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM channels").first("n")).toBe(0);
  });

  it("refuses loopback when deployed, in every spelling, and allows public https hosts", async () => {
    const deployed = { allowLoopback: false };
    for (const url of [
      "https://127.0.0.1/",
      "https://2130706433/",
      "https://0x7f000001/",
      "https://127.1/",
      "https://[::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://[0:0:0:0:0:0:0:1]/",
      "https://localhost/",
      "https://app.localhost/",
      "http://127.0.0.1:8788/inbox",
    ]) {
      expect(checkTarget(url, deployed).ok, url).toBe(false);
    }
    for (const url of [
      "https://hooks.slack.com/services/T000/B000/XXXX",
      "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x",
      "https://8.8.8.8/hook",
      "https://[2606:4700::1111]/hook",
    ]) {
      expect(checkTarget(url, deployed).ok, url).toBe(true);
    }
    // Local mode allows loopback only: private networks stay refused.
    expect(checkTarget("http://127.0.0.1:8788/inbox", { allowLoopback: true }).ok).toBe(true);
    expect(checkTarget("http://10.0.0.1/inbox", { allowLoopback: true }).ok).toBe(false);

    // Through the API of a deployed Worker (CHANNELS_ALLOW_LOOPBACK "false"): the receiver is refused.
    const w = await world();
    const deployedApp = appWith({ CHANNELS_ALLOW_LOOPBACK: "false" } as unknown as Partial<Env>);
    fails(
      await call(as(w.facA, { via: deployedApp }), "put", "/api/v1/partnerships/{partnershipId}/channel", {
        params: { partnershipId: w.pid },
        body: { kind: "webhook", url: box() },
      }),
      400,
      "invalid_request",
    );
  });
});

describe("delivering", () => {
  it("signs generic webhooks so that the README's snippet verifies them", async () => {
    const w = await world();
    const url = box();
    const { secret } = ok(await connect(w.pid, w.facA, "webhook", url), 200);
    const queued = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/channel/test", {
        params: { partnershipId: w.pid },
      }),
      201,
    );
    expect(queued).toMatchObject({ type: "channel.test", status: "queued", attempts: 0 });
    const [got] = await waitFor(url, 1);
    if (!got) throw new Error("nothing arrived");
    const header = got.headers["accord-signature"] ?? null;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(await verifyAccordSignature(secret as string, header, got.body)).toBe(true);
    // Any change to the body, or another secret, fails verification.
    expect(await verifyAccordSignature(secret as string, header, got.body.replace("test", "tast"))).toBe(false);
    expect(await verifyAccordSignature(`${secret}x`, header, got.body)).toBe(false);
    const event = JSON.parse(got.body) as { id: string; type: string; time: string; data: unknown };
    expect(Object.keys(event)).toEqual(["id", "type", "time", "data"]);
    expect(event).toMatchObject({ id: queued.eventId, type: "channel.test" });
    expect(got.headers["accord-event-id"]).toBe(queued.eventId);

    const log = await deliveries(w.pid, w.facA);
    expect(log).toEqual([
      expect.objectContaining({ id: queued.id, status: "delivered", attempts: 1, lastStatus: 200 }),
    ]);
  });

  it("retries a receiver that answers 500 twice and delivers the event exactly once", async () => {
    const w = await world({ principles: 1 });
    const url = box("?fail=2");
    ok(await connect(w.pid, w.facA, "slack", url), 200);
    const cycle = ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/cycles", {
        params: { partnershipId: w.pid },
        body: { kind: "assessment", title: "Spring check-in" },
      }),
      201,
    );
    const got = await waitFor(url, 3);
    expect(got.map((r) => r.status)).toEqual([500, 500, 200]);
    // The same message each time: one event, tried three times.
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(got[0]?.body).toContain(cycle.id);

    // Finding it again (the cron, another change) and the queue handing it out again change nothing.
    await sendDueNudges(env, w.pid);
    await sendDueNudges(env, null);
    const [row] = (await deliveries(w.pid, w.facA)).filter((d) => d.type === "cycle.opened");
    await env.NUDGES.send({ deliveryId: row?.id });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await received(url)).map((r) => r.status)).toEqual([500, 500, 200]);
    expect(await deliveries(w.pid, w.facA)).toEqual([
      expect.objectContaining({
        type: "cycle.opened",
        status: "delivered",
        attempts: 3,
        lastStatus: 200,
        lastError: null,
      }),
    ]);
  });

  it("gives up on a client error at once and records only the status, never the receiver's words", async () => {
    const w = await world();
    const url = box("?status=410");
    ok(await connect(w.pid, w.facA, "teams", url), 200);
    ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/channel/test", {
        params: { partnershipId: w.pid },
      }),
      201,
    );
    await waitFor(url, 1);
    expect((await received(url)).length).toBe(1);
    const log = await deliveries(w.pid, w.facA);
    expect(log).toEqual([
      expect.objectContaining({ status: "failed", attempts: 1, lastStatus: 410, lastError: "http_error" }),
    ]);
    const raw = await send("GET", `/partnerships/${w.pid}/channel/deliveries`, { token: w.facA.token });
    expect(raw.text).not.toContain("receiver-said");
    const stored = await env.DB.prepare("SELECT * FROM channel_deliveries").all();
    expect(JSON.stringify(stored.results)).not.toContain("receiver-said");
  });

  it("moves an event that keeps failing to the dead-letter queue and logs it as failed", async () => {
    const w = await world();
    const url = box("?status=503");
    ok(await connect(w.pid, w.facA, "webhook", url), 200);
    ok(
      await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/channel/test", {
        params: { partnershipId: w.pid },
      }),
      201,
    );
    // 1 + max_retries (5) attempts, then the dead-letter consumer records the failure.
    await waitFor(url, 6);
    expect((await received(url)).length).toBe(6);
    const until = Date.now() + 10_000;
    let log = await deliveries(w.pid, w.facA);
    while (log[0]?.status !== "failed" && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 300));
      log = await deliveries(w.pid, w.facA);
    }
    expect(log).toEqual([expect.objectContaining({ status: "failed", attempts: 6, lastStatus: 503 })]);
  });
});
