import { z } from "@hono/zod-openapi";
import { SIGNED_CURSOR, SIGNED_CURSOR_MAX_CHARS } from "../../domain/logs/mod.ts";

/** A signed page cursor (log and audit trail pages): only ever one the service handed out. */
export const CursorSchema = z.string().max(SIGNED_CURSOR_MAX_CHARS).regex(SIGNED_CURSOR).openapi({
  description: "`next_cursor` of the previous page; only valid for the same caller and query",
});
