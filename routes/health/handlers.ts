import { checkHealth, type DependencyCheck } from "../../domain/health/mod.ts";
import type { HttpMetrics } from "../../domain/observability/mod.ts";
import type { CircuitBreakers } from "../../domain/resilience/mod.ts";
import type { AppRouteHandler } from "../app/env.ts";
import type * as routes from "./routes.ts";

/** What the health handlers need. */
export interface HealthDeps {
  readonly checks: readonly DependencyCheck[];
  readonly timeoutMs: number;
  readonly mode: "embedded" | "production" | "mixed";
  readonly version: string;
  readonly startedAt: number;
  readonly metrics: HttpMetrics;
  /** False while shutting down, so the load balancer stops sending traffic. */
  readonly accepting: () => boolean;
  /** The circuit breakers of the outside systems, reported with the dependencies. */
  readonly breakers?: CircuitBreakers;
}

export function healthHandlers(deps: HealthDeps) {
  async function report() {
    const result = await checkHealth(deps.checks, { timeoutMs: deps.timeoutMs });
    for (const dep of result.dependencies) {
      deps.metrics.dependencyChecked(dep.name, dep.status === "up");
    }
    return result;
  }

  const health: AppRouteHandler<typeof routes.health> = async (c) => {
    const result = await report();
    const body = {
      ...result,
      dependencies: [...result.dependencies],
      breakers: (deps.breakers?.list() ?? []).map((breaker) => ({
        dependency: breaker.dependency,
        state: breaker.state(),
        since: new Date(breaker.since()).toISOString(),
      })),
      mode: deps.mode,
      version: deps.version,
      uptime_seconds: Math.round((Date.now() - deps.startedAt) / 1000),
    };
    return result.ready ? c.json(body, 200) : c.json(body, 503);
  };

  const live: AppRouteHandler<typeof routes.live> = (c) => c.json({ status: "up" as const }, 200);

  const ready: AppRouteHandler<typeof routes.ready> = async (c) => {
    if (!deps.accepting()) return c.json({ status: "down" as const }, 503);
    const result = await report();
    // Shutdown may have begun while the dependencies were checked: the answer
    // says what holds when it is sent.
    return result.ready && deps.accepting()
      ? c.json({ status: "up" as const }, 200)
      : c.json({ status: "down" as const }, 503);
  };

  return { health, live, ready };
}
