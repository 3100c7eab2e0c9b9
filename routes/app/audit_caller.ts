import type { Context } from "hono";
import type { AuditCaller } from "../../domain/audit/mod.ts";
import type { AppEnv } from "./env.ts";

/** Who calls, as the use cases that record their reads and changes in the trail take it. */
export function auditCaller(c: Context<AppEnv>): AuditCaller {
  return {
    principal: c.get("principal"),
    requestId: c.get("requestId"),
    userAgent: c.req.header("user-agent"),
  };
}
