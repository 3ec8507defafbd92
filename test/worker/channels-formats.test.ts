import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { sendDueNudges } from "../../worker/src/channels/nudges";
import { isoNow } from "../../worker/src/db/ids";
import { received, waitFor } from "./channels/mailbox";
import { type Actor, answer, as, call, endCycle, ok, world } from "./helpers";

const receiver = inject("receiverUrl");
const DAY = 86_400_000;

/** Ids, times and dates vary per run; the snapshot keeps their shape only. */
function normalize(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/\b(prt|cyc|pri|org|act|spr|prp|evt|per|ver|tst|chn|dlv)_[a-z0-9]+/g, "$1_…")
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, "<time>")
      .replace(/\d{4}-\d{2}-\d{2}/g, "<date>")
      .replace(/t=\d+,v1=[0-9a-f]{64}/g, "t=<unix>,v1=<hmac>"),
  );
}

const post = (who: Actor, path: string, pid: string, body: Record<string, unknown>) =>
  // biome-ignore lint/suspicious/noExplicitAny: one helper for several typed routes of the same shape
  call(as(who), "post", path as any, { params: { partnershipId: pid }, body } as any);

/**
 * Drives a partnership through every kind of nudge, with A's channel of `kind` on the real
 * receiver, and returns what the receiver got, normalized and in a stable order.
 */
async function everyEvent(kind: "slack" | "teams" | "webhook") {
  const w = await world({ members: 3, principles: 2, settings: { k: 3, commentThreshold: 4 } });
  const url = `${receiver}/formats-${kind}-${Date.now()}`;
  ok(
    await call(as(w.facA), "put", "/api/v1/partnerships/{partnershipId}/channel", {
      params: { partnershipId: w.pid },
      body: { kind, url },
    }),
  );
  // Connected a week ago, so an action that fell overdue since is news to it.
  await env.DB.prepare("UPDATE channels SET created_at = ? WHERE partnership_id = ?")
    .bind(isoNow(Date.now() - 7 * DAY), w.pid)
    .run();

  const cycle = ok(
    await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/cycles", {
      params: { partnershipId: w.pid },
      body: { kind: "assessment", title: "Spring check-in" },
    }),
    201,
  );
  const [p1, p2] = w.principles as [string, string];
  const rate = (who: Actor, a: [number, number], b: [number, number]) =>
    answer(w.pid, cycle.id, who, [
      { principleId: p1, performance: a[0], importance: a[1] },
      { principleId: p2, performance: b[0], importance: b[1] },
    ]);
  for (const who of [w.facA, ...w.membersA]) ok(await rate(who, [5, 5], [2, 5]));
  for (const who of [w.facB, ...w.membersB]) ok(await rate(who, [4, 4], [3, 5]));

  // Two days to go (it has run for five): closing soon, with participation.
  await env.DB.prepare("UPDATE cycles SET opens_at = ?, closes_at = ?, planned_closes_at = ? WHERE id = ?")
    .bind(isoNow(Date.now() - 5 * DAY), isoNow(Date.now() + DAY), isoNow(Date.now() + DAY), cycle.id)
    .run();
  await sendDueNudges(env, w.pid);
  await endCycle(cycle.id);
  await sendDueNudges(env, w.pid);

  ok(
    await post(w.facA, "/api/v1/partnerships/{partnershipId}/principles", w.pid, {
      title: "We share forecasts early",
      description: "Forecast changes reach the other side within a day.",
    }),
    201,
  );
  ok(
    await post(w.facB, "/api/v1/partnerships/{partnershipId}/settings-proposals", w.pid, { commentThreshold: 3 }),
    201,
  );
  const day = (offset: number) => isoNow(Date.now() + offset * DAY).slice(0, 10);
  ok(
    await post(w.facA, "/api/v1/partnerships/{partnershipId}/actions", w.pid, {
      kind: "improve",
      title: "Weekly forecast call",
      principleId: p2,
      dueOn: day(2),
    }),
    201,
  );
  ok(
    await post(w.facB, "/api/v1/partnerships/{partnershipId}/actions", w.pid, {
      kind: "celebrate",
      title: "Thank the night shift",
      dueOn: day(-1),
    }),
    201,
  );
  await sendDueNudges(env, w.pid);
  ok(
    await call(as(w.facA), "post", "/api/v1/partnerships/{partnershipId}/channel/test", {
      params: { partnershipId: w.pid },
    }),
    201,
  );
  const got = await waitFor(url, 8);
  return got
    .map((r) =>
      normalize({
        headers: Object.fromEntries(
          Object.entries(r.headers).filter(([k]) => k === "content-type" || k.startsWith("accord-")),
        ),
        body: JSON.parse(r.body) as unknown,
      }),
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe("the payload of every event, per format", () => {
  it.each(["slack", "teams", "webhook"] as const)("%s", async (kind) => {
    const messages = await everyEvent(kind);
    expect(messages).toHaveLength(8);
    expect(messages).toMatchSnapshot();
    const text = JSON.stringify(messages);
    // Never a person's name, nor anything of B's alone (B's stance is B's business).
    for (const name of ["Fay A", "Fay B", "Member A0", "Member B0"]) expect(text).not.toContain(name);
  });

  it("sends each organization only its own awaiting items", async () => {
    const w = await world({ principles: 1 });
    const proposed = ok(
      await post(w.facA, "/api/v1/partnerships/{partnershipId}/principles", w.pid, {
        title: "Escalate within a day",
        description: "Problems reach the other side's lead within a day.",
      }),
      201,
    ) as unknown as { id: string };
    // A endorses: only B still awaits.
    ok(
      await call(as(w.facA), "put", "/api/v1/partnerships/{partnershipId}/principles/{principleId}/stance", {
        params: { partnershipId: w.pid, principleId: proposed.id },
        body: { stance: "endorse" },
      }),
    );
    const urls = { A: `${receiver}/own-a-${Date.now()}`, B: `${receiver}/own-b-${Date.now()}` };
    for (const [who, url] of [
      [w.facA, urls.A],
      [w.facB, urls.B],
    ] as const) {
      ok(
        await call(as(who), "put", "/api/v1/partnerships/{partnershipId}/channel", {
          params: { partnershipId: w.pid },
          body: { kind: "webhook", url },
        }),
      );
    }
    await sendDueNudges(env, w.pid);
    const b = await waitFor(urls.B, 1);
    expect(b.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual(["principle.awaiting_stance"]);
    expect(JSON.parse(b[0]?.body ?? "{}")).toMatchObject({
      data: {
        organization: { id: w.orgB, name: "Org B" },
        principle: { id: proposed.id, title: "Escalate within a day" },
      },
    });
    const a = await received(urls.A);
    expect(a).toEqual([]);
  });
});
