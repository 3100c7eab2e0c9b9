import { AppError } from "../domain/errors/mod.ts";
import { parseConfig } from "../infra/config/mod.ts";
import { createLogger } from "../infra/logging/mod.ts";
import { createMetrics } from "../infra/metrics/mod.ts";
import { createApp } from "../routes/app/create_app.ts";
import { baseAppDeps } from "./app_deps.ts";

/**
 * A stand-in for a dependency that the document build never calls: any use
 * fails loudly instead of pretending to work.
 */
export function unavailable<T extends object>(name: string): T {
  const fail = () => {
    throw new AppError("SERVICE_UNAVAILABLE", { detail: `${name} is not available here` });
  };
  return new Proxy(fail, { get: () => fail, apply: fail }) as unknown as T;
}

/** The full application with no dependency behind it, to read its OpenAPI document. */
export function buildDocumentApp() {
  const deps = baseAppDeps(parseConfig({}), {
    logger: createLogger({ level: "fatal", serviceName: "openapi" }),
    metrics: createMetrics({ collectDefault: false }),
    verifyToken: unavailable("token verification"),
    accepting: () => false,
  });
  return Promise.resolve(createApp(deps));
}
