import type { DependencyCheck } from "../../domain/health/mod.ts";
import type { Sql } from "./client.ts";

/** Health check: one round trip through the driver. */
export function postgresHealthCheck(sql: Sql, kind: "postgres" | "pglite"): DependencyCheck {
  return {
    name: "database",
    kind,
    required: true,
    async check() {
      const [row] = await sql<
        { version: string }[]
      >`select current_setting('server_version') as version`;
      return `server ${row?.version ?? "unknown"}`;
    },
  };
}
