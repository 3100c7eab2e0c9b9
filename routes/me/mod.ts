import { createRouter } from "../app/router.ts";
import type { AppRouteHandler } from "../app/env.ts";
import * as routes from "./routes.ts";

const me: AppRouteHandler<typeof routes.me> = (c) => {
  const principal = c.get("principal");
  return c.json({
    id: principal.id,
    roles: [...principal.roles],
    services: [...principal.services],
    permissions: [...principal.permissions].sort(),
  }, 200);
};

/** `/api/v1/me`. */
export function meRouter() {
  return createRouter().openapi(routes.me, me);
}
