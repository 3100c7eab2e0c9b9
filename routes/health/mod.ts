import { createRouter } from "../app/router.ts";
import { type HealthDeps, healthHandlers } from "./handlers.ts";
import * as routes from "./routes.ts";

export type { HealthDeps } from "./handlers.ts";

/** `/health`, `/health/live`, `/health/ready`. */
export function healthRouter(deps: HealthDeps) {
  const handlers = healthHandlers(deps);
  return createRouter()
    .openapi(routes.health, handlers.health)
    .openapi(routes.live, handlers.live)
    .openapi(routes.ready, handlers.ready);
}
