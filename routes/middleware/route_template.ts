import type { Context } from "hono";
import { matchedRoutes } from "hono/route";

/**
 * The template of the route that will answer (`/api/v1/logs/recent/:service`),
 * or `undefined` when only middleware matched (a 404). Metrics and access
 * control key on templates, never on raw paths.
 */
export function routeTemplate(c: Context): string | undefined {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!;
    if (route.method !== "ALL" && !route.path.endsWith("*")) return route.path;
  }
  return undefined;
}
