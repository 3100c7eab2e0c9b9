import postgres from "postgres";
import type { Logger } from "../logging/mod.ts";

/** The SQL client every repository receives. */
export type Sql = postgres.Sql;

/** Where the database is: a URL, or the embedded server's loopback address. */
export type SqlTarget =
  | { readonly kind: "url"; readonly url: string; readonly poolMax: number }
  | { readonly kind: "embedded"; readonly host: string; readonly port: number };

/** Pool and statement limits of one client (SPEC S10); defaults in parentheses. */
export interface SqlOptions {
  readonly logger?: Logger;
  /** Seconds to wait for a connection (10). */
  readonly connectTimeoutSeconds?: number;
  /** An idle connection is closed after this many seconds (60). */
  readonly idleTimeoutSeconds?: number;
  /** A connection is replaced after this many seconds, so failovers and DNS changes are picked up (1800). */
  readonly maxLifetimeSeconds?: number;
  /**
   * `statement_timeout` of every statement on the client's connections: the
   * server cancels a statement past it. One client per kind of statement
   * (API requests, maintenance) each with its own.
   */
  readonly statementTimeoutMs?: number;
}

/**
 * Creates the `postgres` client. The embedded database is a single session,
 * so its pool is exactly one connection (see the README's notes on PGlite).
 */
export function createSql(target: SqlTarget, options: SqlOptions = {}): Sql {
  const timeout = options.statementTimeoutMs;
  const common = {
    onnotice: (notice: postgres.Notice) =>
      options.logger?.debug("postgres notice", { message_text: notice.message }),
    transform: { undefined: null },
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    idle_timeout: options.idleTimeoutSeconds ?? 60,
    max_lifetime: options.maxLifetimeSeconds ?? 60 * 30,
    connection: {
      application_name: "logging-audit-service",
      ...(timeout !== undefined
        ? {
          statement_timeout: timeout,
          // A transaction left open (a crashed request) must not hold locks forever.
          idle_in_transaction_session_timeout: Math.max(timeout * 2, 60_000),
        }
        : {}),
    },
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
