import client from "prom-client";
import type { LookupResultLabel } from "../users/user_service_client.ts";

/** User service lookups by result, and whether its circuit is open. */
export function registerUserServiceMetrics(registry: client.Registry) {
  const lookups = new client.Counter({
    name: "user_service_lookups_total",
    help: "User service lookups by result (found, unknown, cached, stale, unavailable)",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const circuitOpen = new client.Gauge({
    name: "user_service_circuit_open",
    help: "1 while the user service circuit breaker is open",
    registers: [registry],
  });
  return {
    onLookup: (result: LookupResultLabel) => lookups.inc({ result }),
    onCircuitChange: (open: boolean) => circuitOpen.set(open ? 1 : 0),
  };
}
