import { z } from "@hono/zod-openapi";
import { CACHE_PATTERN } from "../../domain/cache/mod.ts";

export const CacheDeleteQuerySchema = z.object({
  pattern: z.string().regex(CACHE_PATTERN).openapi({
    description: "Keys to delete, without the deployment prefix: `<kind>:<services>:<digest>`, " +
      "`*` matching any characters. Kinds: `search`, `recent`, `errors`, `security`, `frequent`.",
    example: "recent:checkout:*",
  }),
}).strict();

export const CacheDeletionSchema = z.object({
  pattern: z.string().openapi({ example: "recent:checkout:*" }),
  deleted: z.number().int().openapi({ example: 12 }),
  memory: z.number().int().openapi({ description: "Entries removed from this instance's memory" }),
  redis: z.number().int().openapi({ description: "Entries removed from Redis" }),
}).openapi("CacheDeletion");
