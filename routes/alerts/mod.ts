import type { AlertDeps, RuleDeps } from "../../domain/alerts/mod.ts";
import { AppError } from "../../domain/errors/mod.ts";
import { createRouter } from "../app/router.ts";
import { alertHandlers } from "./handlers.ts";
import { ruleHandlers } from "./rule_handlers.ts";
import * as ruleRoutes from "./rule_routes.ts";
import * as routes from "./routes.ts";
import { silenceHandlers } from "./silence_handlers.ts";
import * as silenceRoutes from "./silence_routes.ts";

/** What the alert routes need: the alert and rule use cases' dependencies. */
export interface AlertsRouteDeps {
  readonly alerts: AlertDeps;
  readonly rules: RuleDeps;
}

/**
 * `/api/v1/alerts*`: alerts, silences and log-based rules (SPEC S6 Alerts,
 * S12). Silences and rules are registered before `/alerts/{id}` so their
 * paths are not taken for an id. Without alerting the routes validate and
 * answer 503.
 */
export function alertsRouter(deps?: AlertsRouteDeps) {
  const ready = deps ?? unconfigured();
  const alerts = alertHandlers(ready.alerts);
  const silences = silenceHandlers(ready.alerts);
  const rules = ruleHandlers(ready.rules);
  return createRouter()
    .openapi(silenceRoutes.listSilences, silences.listSilences)
    .openapi(silenceRoutes.createSilence, silences.create)
    .openapi(silenceRoutes.expireSilence, silences.expire)
    .openapi(ruleRoutes.listRules, rules.list)
    .openapi(ruleRoutes.createRule, rules.create)
    .openapi(ruleRoutes.getRule, rules.get)
    .openapi(ruleRoutes.updateRule, rules.update)
    .openapi(ruleRoutes.deleteRule, rules.remove)
    .openapi(routes.list, alerts.list)
    .openapi(routes.create, alerts.create)
    .openapi(routes.get, alerts.get)
    .openapi(routes.acknowledge, alerts.acknowledge)
    .openapi(routes.resolve, alerts.resolve);
}

function unconfigured(): AlertsRouteDeps {
  const refuse = () =>
    Promise.reject(new AppError("SERVICE_UNAVAILABLE", { detail: "alerting is not configured" }));
  const store = new Proxy({}, { get: () => refuse });
  const alerts = {
    store,
    silences: store,
    routes: [],
    configuredChannels: new Set(),
    audit: refuse,
    mask: { text: (t: string) => t, value: (v: unknown) => v },
    metrics: { alertCreated() {}, notification() {}, openAlerts() {} },
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    reportError: () => {},
  } as unknown as AlertDeps;
  return {
    alerts,
    rules: {
      rules: store as RuleDeps["rules"],
      limits: { maxWindowMs: 86_400_000, minIntervalMs: 10_000, maxGroups: 100, sampleLines: 5 },
      alerts,
    },
  };
}
