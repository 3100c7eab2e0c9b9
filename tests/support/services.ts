/**
 * Locating the integration-test services started by `deno task services`
 * (`tests/services/start.sh`).
 *
 * Why this exists: integration tests need real Postgres, Redis (behind an Upstash-REST front),
 * OpenSearch and the Elasticsearch compatibility proxy. On a developer machine those may simply
 * not be running, and a whole test run should not turn red because of that — the test is skipped
 * with one loud line saying how to start them. In CI (`CI=true`) the same situation is a broken
 * pipeline, so a missing service throws and fails the run; a silently skipped suite would let
 * regressions through.
 *
 * Usage — probe at the top level of the test module, then gate each test on the result:
 *
 * ```ts
 * import { requireService } from "../support/services.ts";
 *
 * const pg = await requireService("postgres"); // URL, or undefined outside CI when it is down
 *
 * Deno.test({ name: "audit store appends", ignore: !pg, fn: async () => {
 *   const sql = postgres(pg!);
 *   // ...
 * } });
 * ```
 *
 * or, for one test that needs several services:
 *
 * ```ts
 * await integration("search through ES client", ["opensearch", "elasticsearch"], async (urls) => {
 *   const client = new Client({ node: urls.elasticsearch });
 *   // ...
 * });
 * ```
 *
 * Addresses come from the `TEST_*` variables written to `.services/env` by the start script; the
 * defaults below are the same fixed loopback ports, so `source .services/env` is optional.
 *
 * @module
 */

/** The services `tests/services/start.sh` provides. */
export type ServiceName =
  | "postgres"
  | "scratch_postgres"
  | "redis_rest"
  | "opensearch"
  | "elasticsearch"
  | "smtp"
  | "mailpit"
  | "alertmanager";

interface ServiceSpec {
  /** Environment variable holding the URL. */
  readonly env: string;
  /** URL used when the variable is not set (the start script's fixed port). */
  readonly fallback: string;
  /** How to tell that it is up: a TCP connect, or any HTTP answer below 500. */
  readonly probe: "tcp" | "http";
}

const SERVICES: Readonly<Record<ServiceName, ServiceSpec>> = {
  postgres: {
    env: "TEST_DATABASE_URL",
    fallback: "postgres://postgres:postgres@127.0.0.1:55432/logging_audit",
    probe: "tcp",
  },
  scratch_postgres: {
    env: "TEST_SCRATCH_DATABASE_URL",
    fallback: "postgres://postgres:postgres@127.0.0.1:55432/logging_audit_scratch",
    probe: "tcp",
  },
  redis_rest: { env: "TEST_REDIS_REST_URL", fallback: "http://127.0.0.1:58079", probe: "http" },
  opensearch: { env: "TEST_OPENSEARCH_URL", fallback: "http://127.0.0.1:59200", probe: "http" },
  smtp: { env: "TEST_SMTP_URL", fallback: "smtp://127.0.0.1:51025", probe: "tcp" },
  mailpit: { env: "TEST_MAILPIT_URL", fallback: "http://127.0.0.1:58025", probe: "http" },
  alertmanager: {
    env: "TEST_ALERTMANAGER_URL",
    fallback: "http://127.0.0.1:59093",
    probe: "http",
  },
  elasticsearch: {
    env: "TEST_ELASTICSEARCH_URL",
    fallback: "http://127.0.0.1:59201",
    probe: "http",
  },
};

/** A probe must answer within this time; the services are on loopback. */
const PROBE_TIMEOUT_MS = 1500;

const probes = new Map<ServiceName, Promise<boolean>>();
const reported = new Set<ServiceName>();

/** True when running under CI, where a missing service is an error rather than a skip. */
export function isCi(): boolean {
  return Deno.env.get("CI") === "true";
}

/** The configured URL of a service, whether or not it is up. */
export function configuredUrl(name: ServiceName): string {
  const spec = SERVICES[name];
  const value = Deno.env.get(spec.env)?.trim();
  return value ? value : spec.fallback;
}

/** Bearer token of the Upstash-REST front (`TEST_REDIS_REST_TOKEN`, default `local-dev-token`). */
export function redisRestToken(): string {
  return Deno.env.get("TEST_REDIS_REST_TOKEN")?.trim() || "local-dev-token";
}

/**
 * The URL of a service if it answers, `undefined` otherwise. The probe runs once per name per
 * process; later calls reuse its result.
 */
export async function serviceUrl(name: ServiceName): Promise<string | undefined> {
  const url = configuredUrl(name);
  let probe = probes.get(name);
  if (!probe) {
    probe = SERVICES[name].probe === "tcp" ? probeTcp(url) : probeHttp(url);
    probes.set(name, probe);
  }
  return (await probe) ? url : undefined;
}

/**
 * Like {@link serviceUrl}, but applies the CI rule: when the service is down, throws under
 * `CI=true`, and otherwise prints one `SKIPPED (...)` line to stderr (once per service) and
 * returns `undefined` so the caller can register its tests with `ignore: true`.
 */
export async function requireService(name: ServiceName): Promise<string | undefined> {
  const url = await serviceUrl(name);
  if (url) return url;
  const message = `no ${name} at ${hostPort(configuredUrl(name))} — run \`deno task services\``;
  if (isCi()) {
    throw new Error(`CI=true and integration service missing: ${message}`);
  }
  if (!reported.has(name)) {
    reported.add(name);
    console.error(`SKIPPED (${message})`);
  }
  return undefined;
}

/**
 * Registers one test that needs the given services. Must be awaited at the top level of the
 * test module (the services are probed before the test is registered). Outside CI the test is
 * registered as ignored when any service is missing; under CI a missing service throws.
 */
export async function integration<const D extends readonly ServiceName[]>(
  name: string,
  deps: D,
  fn: (urls: Record<D[number], string>, t: Deno.TestContext) => void | Promise<void>,
): Promise<void> {
  const urls: Partial<Record<ServiceName, string>> = {};
  let missing = false;
  for (const dep of deps) {
    const url = await requireService(dep);
    if (url) urls[dep] = url;
    else missing = true;
  }
  Deno.test({
    name,
    ignore: missing,
    fn: (t) => fn(urls as Record<D[number], string>, t),
  });
}

function hostPort(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host || url;
  } catch {
    return url;
  }
}

async function probeTcp(url: string): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const hostname = parsed.hostname || "127.0.0.1";
  const port = Number(parsed.port || "5432");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connecting = Deno.connect({ hostname, port });
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), PROBE_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([connecting, timeout]);
    if (result === "timeout") {
      // Close the socket should the connect still succeed later.
      connecting.then((conn) => conn.close(), () => {});
      return false;
    }
    result.close();
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function probeHttp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status < 500;
  } catch {
    return false;
  }
}
