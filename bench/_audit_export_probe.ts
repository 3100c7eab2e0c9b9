/**
 * Child process of `audit_bench.ts`: streams one export through the HTTP app
 * and prints its peak resident memory, so the figure is not mixed up with
 * the parent's own allocations.
 *
 *   deno run -A [--v8-flags=…] bench/_audit_export_probe.ts <database-url | pglite:DIR> <csv|ndjson> [to-iso]
 */
import { createPrincipal } from "../domain/access/mod.ts";
import { keepAuditPayload } from "../domain/audit/mod.ts";
import { baseAppDeps } from "../composition/app_deps.ts";
import { buildAuditRuntime } from "../composition/audit_trail.ts";
import { parseConfig } from "../infra/config/mod.ts";
import { inlineWalkRunner } from "../infra/audit/chain_verification.ts";
import { loadCheckpointKeys } from "../infra/audit/checkpoint_keys.ts";
import { createLogger } from "../infra/logging/mod.ts";
import { createMetrics } from "../infra/metrics/mod.ts";
import { createSql, startEmbeddedPostgres } from "../infra/postgres/mod.ts";
import { createApp } from "../routes/app/create_app.ts";

const [target = "", format = "csv", to] = Deno.args;
const embedded = target.startsWith("pglite:")
  ? await startEmbeddedPostgres({ dataDir: target.slice("pglite:".length) })
  : undefined;
const sql = embedded
  ? createSql({ kind: "embedded", host: embedded.host, port: embedded.port })
  : createSql({ kind: "url", url: target, poolMax: 2 });
const logger = createLogger({ level: "fatal", serviceName: "bench" });
const metrics = createMetrics({ collectDefault: false });
// Generated history reaches years back: keep all of it readable.
const config = parseConfig({ AUDIT_RETENTION_DAYS: "36500" });
const audit = await buildAuditRuntime(config, {
  sql,
  runner: inlineWalkRunner,
  cursorKey: crypto.randomUUID().repeat(2),
  keys: await loadCheckpointKeys({ production: false }),
  metrics,
  logger,
  maskAuditPayload: keepAuditPayload,
});
const app = createApp({
  ...baseAppDeps(config, {
    logger,
    metrics,
    verifyToken: () => Promise.resolve(createPrincipal("bench-auditor", { roles: ["auditor"] })),
  }),
  bodyLimitBytes: 1024 * 1024,
  audit: audit.deps,
});

// With --v8-flags=--expose-gc the live heap before and after is measured too.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = Deno.memoryUsage().heapUsed;
const before = Deno.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, Deno.memoryUsage().rss)), 5);
const started = performance.now();
const query = `format=${format}${to ? `&to=${encodeURIComponent(to)}` : ""}`;
const response = await app.request(`/api/v1/audit/export?${query}`, {
  headers: { authorization: "Bearer bench" },
});
let bytes = 0;
for await (const chunk of response.body!) {
  bytes += chunk.byteLength;
  peak = Math.max(peak, Deno.memoryUsage().rss);
}
clearInterval(sampler);
gc?.();
const heapRetained = Deno.memoryUsage().heapUsed - heapBefore;
const seconds = (performance.now() - started) / 1000;
await audit.close();
await sql.end({ timeout: 1 });
await embedded?.stop();
console.log(JSON.stringify({
  status: response.status,
  bytes,
  seconds,
  rssBeforeBytes: before,
  rssPeakBytes: peak,
  heapRetainedBytes: gc ? heapRetained : null,
}));
