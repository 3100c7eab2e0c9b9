/**
 * The sub-commands of the one binary (`logging-audit <command>`), each with
 * its usage line and summary for `--help`. Commands are loaded on demand, so
 * `--help` and `token` start fast and `serve` loads only the service. A new
 * command is one entry here: its module exports
 * `run(args: readonly string[]): Promise<number>` (the exit status), and the
 * `deno task` of the same name calls `main.ts <name>`.
 * @module
 */

/** What a command module exports. */
export interface CommandModule {
  run(args: readonly string[]): Promise<number>;
}

/** One sub-command. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** Loads the module (a literal `import()`, so `deno compile` includes it). */
  readonly load: () => Promise<CommandModule>;
}

/** `serve` is built by the entry point itself; the dispatcher is given it. */
export const SERVE_USAGE = "serve";

export const COMMANDS: readonly Command[] = [
  {
    name: "migrate",
    usage: "migrate up | down <N> | status",
    summary: "apply, revert or list the database migrations",
    load: () => import("./migrate.ts"),
  },
  {
    name: "setup-es",
    usage: "setup-es",
    summary: "install templates, lifecycle policies, data streams, snapshot repository and policy",
    load: () => import("./setup_es.ts"),
  },
  {
    name: "verify-audit",
    usage: "verify-audit [--database-url URL] [--file export.ndjson|csv] [--json] …",
    summary: "verify the audit hash chain and its signed checkpoints (exit 1 at a break)",
    load: () => import("./verify_audit.ts"),
  },
  {
    name: "verify-report",
    usage: "verify-report --file REPORT --signature JWS_FILE [--jwks KEYS_FILE] [--json]",
    summary: "check a report file against its detached signature, offline (exit 1 when invalid)",
    load: () => import("./verify_report.ts"),
  },
  {
    name: "verify-backup",
    usage: "verify-backup [--restore] [--max-age-hours H] [--json] [--metrics-file F]",
    summary: "check the newest search-engine snapshot (optionally restore it and count)",
    load: () => import("./verify_backup.ts"),
  },
  {
    name: "seed-logs",
    usage: "seed-logs [--count N] [--hours H] [--seed N]",
    summary: "fill the log store with realistic demo events",
    load: () => import("./seed_logs.ts"),
  },
  {
    name: "token",
    usage: "token --role <role> [--sub id] [--services a,b] [--ttl seconds]",
    summary: "sign a development JWT (refused in production)",
    load: () => import("./token.ts"),
  },
  {
    name: "healthcheck",
    usage: "healthcheck [--url URL]",
    summary: "exit 0 when /health/ready answers 200 (container and helm test probe)",
    load: () => import("./healthcheck.ts"),
  },
  {
    name: "openapi",
    usage: "openapi",
    summary: "print the OpenAPI document",
    load: () => import("./print_openapi.ts"),
  },
];
