import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inlineParams, SqlScript, sqlLiteral } from "../../worker/scripts/demo/sql-script";
import { ratingWriteStatements } from "../../worker/src/ratings/queries";
import { type Accord, startAccord } from "../browser/harness";

describe("recording D1 renderer", () => {
  it("writes literals as SQLite reads them", () => {
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(true)).toBe("1");
    expect(sqlLiteral(false)).toBe("0");
    expect(sqlLiteral(-2.5)).toBe("-2.5");
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(() => sqlLiteral(Number.NaN)).toThrow(/NaN/);
    expect(() => sqlLiteral("a\u0000b")).toThrow(/NUL/);
  });

  it("numbers bare placeholders after the largest so far, as SQLite does", () => {
    expect(inlineParams("SELECT ?, ?, ?", [1, "b", null])).toBe("SELECT 1, 'b', NULL");
    expect(inlineParams("SELECT ?2, ?1, ?2, ?", ["a", "b", "c"])).toBe("SELECT 'b', 'a', 'b', 'c'");
    expect(
      inlineParams(
        "SELECT ?10",
        Array.from({ length: 10 }, (_, i) => i),
      ),
    ).toBe("SELECT 9");
  });

  it("leaves question marks in strings, quoted names and comments alone", () => {
    const sql = `SELECT 'why?', "col?", [odd?], \`b?\`, 'it''s ?', ? -- really?\n/* ?1 */ FROM t WHERE x = ?`;
    expect(inlineParams(sql, ["a", 2])).toBe(
      `SELECT 'why?', "col?", [odd?], \`b?\`, 'it''s ?', 'a' -- really?\n/* ?1 */ FROM t WHERE x = 2`,
    );
  });

  it("refuses what it cannot render faithfully", () => {
    expect(() => inlineParams("SELECT ?", [])).toThrow(/no parameter/);
    expect(() => inlineParams("SELECT ?2", ["a"])).toThrow(/\?2/);
    expect(() => inlineParams("SELECT ?", [undefined])).toThrow(/undefined/);
    expect(() => inlineParams("SELECT ?", [{}])).toThrow(/object/);
    expect(() => inlineParams("SELECT :name", [])).toThrow(/Named/);
    expect(() => inlineParams("SELECT 'open", [])).toThrow(/Unterminated/);
    expect(() => new SqlScript().db.prepare("SELECT 1").first()).toThrow(/only records/);
  });

  it("renders an app builder's statements in order, one per line-ending semicolon", () => {
    const script = new SqlScript();
    script.add(
      ...ratingWriteStatements(script.db, {
        cycleId: "cyc_a",
        respondent: "r1",
        principleId: "pri_a",
        organizationId: "org_a",
        performance: 4,
      }),
    );
    const text = script.render();
    expect(script.length).toBe(3);
    expect(text.match(/;\n/g)).toHaveLength(3);
    expect(text).toContain("SELECT 'cyc_a', 'r1', 'pri_a', 'org_a', 4, NULL, NULL WHERE true");
    expect(text).not.toMatch(/\?\d/);
  });
});

describe("rendered scripts on a real D1", () => {
  let accord: Accord;
  beforeAll(async () => {
    accord = await startAccord({ seed: false });
  });
  afterAll(async () => {
    await accord?.stop();
  });

  it("stores every value exactly as bound", async () => {
    const values = ["O'Brien; DROP TABLE x; --", "why?", "Tomás × Ærø 🚚", "", "a\nb", 'say "hi"', "?1 ?"];
    const script = new SqlScript();
    const { db } = script;
    script.add(db.prepare("CREATE TABLE t (i INTEGER, v)"));
    values.forEach((v, i) => {
      script.add(db.prepare("INSERT INTO t (i, v) VALUES (?, ?)").bind(i, v));
    });
    script.add(db.prepare("INSERT INTO t (i, v) VALUES (?2, ?1)").bind(null, 100));
    script.add(db.prepare("INSERT INTO t (i, v) VALUES (?1, ?2), (?1 + 1, ?3)").bind(101, true, -0.125));
    await accord.sql(script.render());
    const rows = await accord.query<{ i: number; v: unknown }>("SELECT i, v FROM t ORDER BY i");
    expect(rows).toEqual([
      ...values.map((v, i) => ({ i, v })),
      { i: 100, v: null },
      { i: 101, v: 1 },
      { i: 102, v: -0.125 },
    ]);
  });
});

describe("the demo replayed through the app", () => {
  let accord: Accord;
  beforeAll(async () => {
    accord = await startAccord();
  });
  afterAll(async () => {
    await accord?.stop();
  });

  it("leaves agreement to the consensus guard and snapshots what was agreed when each cycle opened", async () => {
    const principles = await accord.query<{ id: string; status: string }>(
      "SELECT id, status FROM principles ORDER BY id",
    );
    expect(principles.filter((p) => p.status === "agreed").map((p) => p.id)).toEqual([
      "pri_demo01",
      "pri_demo02",
      "pri_demo03",
      "pri_demo04",
      "pri_demo07",
    ]);
    const agreedEntries = await accord.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'principle.agreed'",
    );
    expect(agreedEntries[0]?.n).toBe(5);
    const snapshots = await accord.query<{ kind: string; title: string; principles: string }>(
      `SELECT c.kind, c.title, (SELECT group_concat(principle_id) FROM (
         SELECT principle_id FROM cycle_principles WHERE cycle_id = c.id ORDER BY position)) AS principles
       FROM cycles c ORDER BY c.opens_at`,
    );
    expect(snapshots.map((s) => s.principles)).toContain("pri_demo01,pri_demo02,pri_demo03");
    expect(snapshots.filter((s) => s.kind === "assessment").at(-1)).toMatchObject({
      title: "Mid-year check-in",
      principles: "pri_demo01,pri_demo02,pri_demo03,pri_demo04",
    });
  });

  it("keeps aggregates and counters as the rating writes do", async () => {
    const drift = await accord.query(
      `SELECT a.cycle_id FROM aggregates a LEFT JOIN (
         SELECT cycle_id, principle_id, organization_id, SUM(performance BETWEEN 1 AND 5) AS n,
                SUM(iif(performance BETWEEN 1 AND 5, performance, 0)) AS s, SUM(comment IS NOT NULL) AS c
         FROM ratings GROUP BY 1, 2, 3) r USING (cycle_id, principle_id, organization_id)
       WHERE a.perf_n IS NOT r.n OR a.perf_sum IS NOT r.s OR a.comments IS NOT r.c`,
    );
    expect(drift).toEqual([]);
    const counts = await accord.query(
      `SELECT p.cycle_id FROM participation_counts p LEFT JOIN (
         SELECT cycle_id, organization_id, COUNT(DISTINCT respondent) AS n FROM ratings GROUP BY 1, 2) r
         USING (cycle_id, organization_id) WHERE p.responded IS NOT r.n`,
    );
    expect(counts).toEqual([]);
    const audit = await accord.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log a JOIN audit_log b ON b.id = a.id + 1 WHERE b.at < a.at",
    );
    expect(audit[0]?.n, "audit entries are written in the order they happened").toBe(0);
  });
});
