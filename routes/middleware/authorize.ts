import type { MiddlewareHandler } from "hono";
import { can, type Principal, PUBLIC, routeRequirement } from "../../domain/access/mod.ts";
import { AppError, isAppError } from "../../domain/errors/mod.ts";
import type { TokenVerifier } from "../../domain/access/mod.ts";
import type { AppEnv } from "../app/env.ts";
import { routeTemplate } from "./route_template.ts";

/** A refused request, handed to whoever records denials (the audit trail). */
export interface AccessDenial {
  readonly principal: Principal;
  readonly method: string;
  /** The route template (`/api/v1/audit/trail/:user_id`). */
  readonly route: string;
  /** The path asked for (`/api/v1/audit/trail/u-1`): what an auditor wants to see. */
  readonly path: string;
  readonly requestId: string;
  /**
   * `missing_permission`: the role may not call the route at all;
   * `out_of_scope`: it may, but not for what was asked (another user's trail,
   * a service or category outside the token's scope).
   */
  readonly reason: "missing_permission" | "route_not_in_matrix" | "out_of_scope";
}

/** Options of {@linkcode authorize}. */
export interface AuthorizeOptions {
  readonly verifyToken: TokenVerifier;
  readonly onDenied?: (denial: AccessDenial) => void | Promise<void>;
}

/**
 * Looks up what the matched route requires in the access matrix, verifies
 * the bearer token when needed and checks the permission. Routes missing from
 * the matrix are refused to everyone: forgetting an entry fails closed.
 */
export function authorize(options: AuthorizeOptions): MiddlewareHandler<AppEnv> {
  return async function authorizeMiddleware(c, next) {
    const route = routeTemplate(c);
    if (route === undefined) return next(); // no route: the 404 handler answers
    const requirement = routeRequirement(c.req.method === "HEAD" ? "GET" : c.req.method, route);
    if (requirement === PUBLIC) return next();

    const header = c.req.header("authorization");
    const match = header ? /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)\s*$/i.exec(header) : null;
    if (!match) throw new AppError("AUTH_REQUIRED");
    const principal = await options.verifyToken(match[1]!);
    c.set("principal", principal);
    const recordDenial = (reason: AccessDenial["reason"]) =>
      options.onDenied?.({
        principal,
        method: c.req.method,
        route,
        path: c.req.path,
        requestId: c.get("requestId"),
        reason,
      });

    if (requirement === undefined || !can(principal, requirement)) {
      if (requirement === undefined) {
        c.get("logger").error("route missing from the access matrix", { "http.route": route });
      }
      await recordDenial(requirement === undefined ? "route_not_in_matrix" : "missing_permission");
      throw new AppError("FORBIDDEN");
    }
    await c.get("logger").withContext({ userId: principal.id }, () => next());
    // A use case refusing the request for its scope is a denial too (SPEC S8).
    if (isAppError(c.error) && c.error.code === "FORBIDDEN") await recordDenial("out_of_scope");
  };
}
