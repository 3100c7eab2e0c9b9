import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import type { AuditDeps } from "../../domain/audit/mod.ts";
import type { ReportDeps } from "../../domain/reports/mod.ts";
import { AppError } from "../../domain/errors/mod.ts";
import { DEFAULT_AUDIT_MAX_BATCH } from "../../domain/audit/mod.ts";
import { DEFAULT_INGEST_MAX_EVENTS, DEFAULT_SEARCH_LIMITS } from "../../domain/logs/mod.ts";
import type { TokenVerifier } from "../../domain/access/mod.ts";
import type { HttpMetrics, Logger } from "../../domain/observability/mod.ts";
import { type AlertsRouteDeps, alertsRouter } from "../alerts/mod.ts";
import { auditRouter } from "../audit/mod.ts";
import { type CacheAdminDeps, cacheRouter } from "../cache/mod.ts";
import { docsRouter } from "../docs/mod.ts";
import { type HealthDeps, healthRouter } from "../health/mod.ts";
import { type LogsDeps, logsRouter } from "../logs/mod.ts";
import { meRouter } from "../me/mod.ts";
import { type AccessDenial, authorize } from "../middleware/authorize.ts";
import { httpMetrics } from "../middleware/http_metrics.ts";
import { logSearchMetrics } from "../middleware/log_search_metrics.ts";
import { requestContext } from "../middleware/request_context.ts";
import { parameterText } from "../middleware/parameter_text.ts";
import { requestSize, type RequestSizeLimits } from "../middleware/request_size.ts";
import { strictJsonBody } from "../middleware/strict_json_body.ts";
import { metricsRouter } from "../ops/mod.ts";
import { reportsRouter } from "../reports/mod.ts";
import { type SearchesDeps, searchesRouter } from "../searches/mod.ts";
import { allowedMethods } from "./allowed_methods.ts";
import { errorToResponse } from "./problem.ts";
import { createRouter } from "./router.ts";

/** Everything the HTTP layer needs, built by the composition root. */
export interface AppDeps {
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
  readonly verifyToken: TokenVerifier;
  readonly onDenied?: (denial: AccessDenial) => void | Promise<void>;
  readonly health: Omit<HealthDeps, "metrics">;
  readonly version: string;
  readonly bodyLimitBytes: number;
  /** Request target and header block limits (414 / 431 beyond). */
  readonly requestSize: RequestSizeLimits;
  readonly corsOrigins: readonly string[];
  /** Log search, ingestion and tail; without it the log routes answer 503. */
  readonly logs?: LogsDeps;
  /** Saved and frequent searches; without it those routes answer 503. */
  readonly searches?: SearchesDeps;
  /** Body limit of `POST /api/v1/logs` (batches are larger than other bodies). */
  readonly ingestBodyLimitBytes?: number;
  /** The audit trail; without it the audit routes answer 503. */
  readonly audit?: AuditDeps;
  /** Cache administration (pattern delete); without it the route answers 503. */
  readonly cacheAdmin?: CacheAdminDeps;
  /** Alerts, silences and alert rules; without them those routes answer 503. */
  readonly alerts?: AlertsRouteDeps;
  /** Reports and report jobs; without them the report routes answer 503. */
  readonly reports?: ReportDeps;
}

/**
 * Builds the whole HTTP application: cross-cutting middleware in a fixed
 * order (context → sizes → metrics → headers → CORS → body limit → access
 * control → parameter text → strict JSON bodies), then one sub-app per
 * resource, then the documentation of all of them.
 */
export function createApp(deps: AppDeps) {
  const app = createRouter();

  app.use("*", requestContext({ logger: deps.logger }));
  app.use("*", requestSize(deps.requestSize));
  app.use("*", httpMetrics({ metrics: deps.metrics }));
  app.use("*", secureHeaders({ crossOriginEmbedderPolicy: false }));
  if (deps.corsOrigins.length > 0) {
    app.use("/api/*", cors({ origin: [...deps.corsOrigins], exposeHeaders: ["x-request-id"] }));
  }
  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", { detail: `the body limit is ${maxSize} bytes` });
      },
    });
  const apiBodyLimit = limitBody(deps.bodyLimitBytes);
  const ingestBodyLimit = limitBody(deps.ingestBodyLimitBytes ?? deps.bodyLimitBytes);
  const isIngest = (method: string, path: string) => method === "POST" && path === "/api/v1/logs";
  app.use("/api/*", function apiBodyLimits(c, next) {
    return isIngest(c.req.method, c.req.path) ? ingestBodyLimit(c, next) : apiBodyLimit(c, next);
  });
  app.use("*", authorize({ verifyToken: deps.verifyToken, onDenied: deps.onDenied }));
  app.use("/api/*", parameterText());
  app.use("/api/*", strictJsonBody({ skip: isIngest }));
  app.use("/api/v1/logs/*", logSearchMetrics({ metrics: deps.metrics }));

  app.route("/", healthRouter({ ...deps.health, metrics: deps.metrics }));
  app.route("/", metricsRouter({ metrics: deps.metrics }));
  app.route("/", meRouter());
  app.route("/", logsRouter(deps.logs));
  app.route("/", searchesRouter(deps.searches));
  app.route("/", reportsRouter(deps.reports));
  app.route("/", auditRouter(deps.audit));
  app.route("/", cacheRouter(deps.cacheAdmin));
  app.route("/", alertsRouter(deps.alerts));
  app.route(
    "/",
    docsRouter(app, {
      version: deps.version,
      limits: {
        pageSize: deps.logs?.limits.maxPageSize ?? DEFAULT_SEARCH_LIMITS.maxPageSize,
        ingestEvents: deps.logs?.ingestMaxEvents ?? DEFAULT_INGEST_MAX_EVENTS,
        auditBatch: deps.audit?.limits.maxBatch ?? DEFAULT_AUDIT_MAX_BATCH,
      },
    }),
  );

  const methodsOf = allowedMethods(() => app.routes);
  app.notFound((c) => {
    const allowed = methodsOf(c.req.path);
    if (allowed.length === 0 || allowed.includes(c.req.method)) {
      return errorToResponse(new AppError("NOT_FOUND"), c);
    }
    const response = errorToResponse(
      new AppError("METHOD_NOT_ALLOWED", { detail: `${c.req.path} answers ${allowed.join(", ")}` }),
      c,
    );
    response.headers.set("allow", allowed.join(", "));
    return response;
  });
  app.onError((error, c) => errorToResponse(error, c));
  return app;
}

export type App = ReturnType<typeof createApp>;
