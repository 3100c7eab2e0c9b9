import assert from "node:assert/strict";
import { LOG_RETENTION_DAYS, logRetentionCutoffs } from "./log_retention.ts";

Deno.test("retention cutoffs: 30, 90 and 365 days before now", () => {
  assert.deepEqual(LOG_RETENTION_DAYS, { app: 30, error: 90, security: 365 });
  const cutoffs = logRetentionCutoffs(new Date("2026-06-15T12:00:00.000Z"));
  assert.deepEqual(
    Object.fromEntries(Object.entries(cutoffs).map(([k, v]) => [k, v.toISOString()])),
    {
      app: "2026-05-16T12:00:00.000Z",
      error: "2026-03-17T12:00:00.000Z",
      security: "2025-06-15T12:00:00.000Z",
    },
  );
});
