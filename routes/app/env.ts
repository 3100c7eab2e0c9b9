import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Principal } from "../../domain/access/mod.ts";
import type { Logger } from "../../domain/observability/mod.ts";

/** Variables every request carries through Hono's context. */
export interface AppVariables {
  requestId: string;
  logger: Logger;
  /** Set by the authentication middleware on routes that need a caller. */
  principal: Principal;
}

export interface AppEnv {
  Variables: AppVariables;
}

/** A handler typed by its route contract. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
