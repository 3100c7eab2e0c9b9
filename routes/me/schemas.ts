import { z } from "@hono/zod-openapi";
import { PERMISSIONS, ROLES } from "../../domain/access/mod.ts";

export const CallerSchema = z.object({
  id: z.string().openapi({ example: "u-1024" }),
  roles: z.array(z.enum(ROLES)).openapi({ example: ["developer"] }),
  services: z.array(z.string()).openapi({ example: ["checkout", "payments"] }),
  permissions: z.array(z.enum(PERMISSIONS)).openapi({ example: ["self:read", "logs:read:app"] }),
}).openapi("Caller");
