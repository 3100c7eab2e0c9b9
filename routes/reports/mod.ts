import { AppError } from "../../domain/errors/mod.ts";
import type { ReportDeps } from "../../domain/reports/mod.ts";
import { createRouter } from "../app/router.ts";
import { reportHandlers } from "./handlers.ts";
import { reportQueryHook } from "./report_query_hook.ts";
import * as routes from "./routes.ts";

/**
 * Compliance, GDPR, privacy and security reports and their jobs (SPEC S6).
 * The static report path is registered before the job template, so it
 * answers `/reports/compliance`. Without report dependencies the routes
 * exist, validate, and answer 503.
 */
export function reportsRouter(deps?: ReportDeps) {
  const handlers = reportHandlers(deps ?? notConfigured());
  return createRouter()
    .openapi(routes.complianceReport, handlers.complianceReport, reportQueryHook({ gdpr: false }))
    .openapi(routes.gdprReport, handlers.gdprReport, reportQueryHook({ gdpr: true }))
    .openapi(routes.reportJob, handlers.reportJob)
    .openapi(routes.downloadReport, handlers.downloadReport);
}

function notConfigured(): ReportDeps {
  return new Proxy({} as ReportDeps, {
    get: () => {
      throw new AppError("SERVICE_UNAVAILABLE", { detail: "reports are not configured" });
    },
  });
}
