import type { Context } from "hono";
import { matchedRoutes } from "hono/route";

/**
 * The template of the route that will answer (`/api/v1/logs/recent/:service`),
 * or `undefined` when only middleware matched (a 404). Metrics and access
 * control key on templates, never on raw paths. Where a static path and a
 * template both match (`/reports/compliance`, `/reports/:id`), the handler
 * registered first answers, so its template is the one named.
 */
export function routeTemplate(c: Context): string | undefined {
  for (const route of matchedRoutes(c)) {
    if (route.method !== "ALL" && !route.path.endsWith("*")) return route.path;
  }
  return undefined;
}
