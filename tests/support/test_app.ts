/**
 * The real application, built in-process for route tests (`app.request()`),
 * with a production-style verifier and no external services unless given.
 */
import { baseAppDeps } from "../../composition/app_deps.ts";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { createMetrics } from "../../infra/metrics/mod.ts";
import { type AppDeps, createApp } from "../../routes/app/create_app.ts";
import { testVerifier } from "./tokens.ts";

/** Builds the app with defaults suitable for tests; `overrides` replace any dependency. */
export async function buildTestApp(overrides: Partial<AppDeps> = {}) {
  const logs: string[] = [];
  const deps: AppDeps = {
    ...baseAppDeps(parseConfig({}), {
      logger: createLogger({
        level: "debug",
        serviceName: "test",
        write: (line) => logs.push(line),
      }),
      metrics: createMetrics({ collectDefault: false }),
      verifyToken: await testVerifier(),
    }),
    version: "test",
    bodyLimitBytes: 64 * 1024,
    corsOrigins: [],
    ...overrides,
  };
  return { app: createApp(deps), logs, deps };
}
