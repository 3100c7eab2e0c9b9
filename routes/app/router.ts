import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";
import { validationHook } from "./validation_hook.ts";

/** A sub-app whose validation failures all go through the one hook. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ strict: true, defaultHook: validationHook });
}
