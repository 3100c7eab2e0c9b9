import assert from "node:assert/strict";
import { buildTestApp } from "../support/test_app.ts";

Deno.test("CORS is off unless origins are configured", async () => {
  const { app } = await buildTestApp();
  const response = await app.request("/api/v1/me", { headers: { origin: "https://ui.example" } });
  assert.equal(response.headers.get("access-control-allow-origin"), null);
});

Deno.test("configured origins get CORS headers, others do not", async () => {
  const { app } = await buildTestApp({ corsOrigins: ["https://ui.example"] });
  const preflight = await app.request("/api/v1/me", {
    method: "OPTIONS",
    headers: {
      origin: "https://ui.example",
      "access-control-request-method": "GET",
      "access-control-request-headers": "authorization",
    },
  });
  assert.ok(preflight.status < 300);
  assert.equal(preflight.headers.get("access-control-allow-origin"), "https://ui.example");
  const foreign = await app.request("/api/v1/me", { headers: { origin: "https://evil.example" } });
  assert.notEqual(foreign.headers.get("access-control-allow-origin"), "https://evil.example");
});
