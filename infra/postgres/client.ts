import postgres from "postgres";
import type { Logger } from "../logging/mod.ts";

/** The SQL client every repository receives. */
export type Sql = postgres.Sql;

/** Where the database is: a URL, or the embedded server's loopback address. */
export type SqlTarget =
  | { readonly kind: "url"; readonly url: string; readonly poolMax: number }
  | { readonly kind: "embedded"; readonly host: string; readonly port: number };

/**
 * Creates the `postgres` client. The embedded database is a single session,
 * so its pool is exactly one connection (see the README's notes on PGlite).
 */
export function createSql(target: SqlTarget, options: { logger?: Logger } = {}): Sql {
  const common = {
    onnotice: (notice: postgres.Notice) =>
      options.logger?.debug("postgres notice", { message_text: notice.message }),
    transform: { undefined: null },
    connect_timeout: 10,
    idle_timeout: 60,
    max_lifetime: 60 * 30,
    connection: { application_name: "logging-audit-service" },
  } as const;
  if (target.kind === "url") return postgres(target.url, { ...common, max: target.poolMax });
  return postgres({
    ...common,
    host: target.host,
    port: target.port,
    username: "postgres",
    password: "postgres",
    database: "postgres",
    max: 1,
  });
}
