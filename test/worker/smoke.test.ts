import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("serves the openapi document", async () => {
  const res = await exports.default.fetch("http://x/api/v1/openapi.json");
  expect(res.status).toBe(200);
  const doc = await res.json<{ openapi: string; paths: Record<string, unknown> }>();
  expect(doc.openapi).toBe("3.1.0");
  console.log(Object.keys(doc.paths));
});
