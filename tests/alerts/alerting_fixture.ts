/**
 * The whole service composed over a fresh Postgres database (Postgres log
 * store), its app served in-process, alerting's drain and evaluator driven
 * by the test (the evaluator job is off, the drain's timer far apart).
 */
import { type ComposedService, composeService } from "../../composition/service.ts";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { createMetrics, type Metrics } from "../../infra/metrics/mod.ts";
import { createApp } from "../../routes/app/create_app.ts";
import { openPostgres, type TestDatabase } from "../support/databases.ts";
import { authHeader, TEST_JWT_SETTINGS } from "../support/tokens.ts";

export interface AlertingFixture extends AsyncDisposable {
  readonly db: TestDatabase;
  readonly service: ComposedService;
  readonly metrics: Metrics;
  request(
    path: string,
    init?: RequestInit & { role?: "admin" | "service" | "viewer" | "security_analyst" },
  ): Promise<Response>;
  close(): Promise<void>;
  /** Drains the outbox until nothing is due. */
  drain(): Promise<number>;
}

export const WEBHOOK_SECRET = "webhook-secret-0123456789-abcdefghij";

/** Settings that send every alert to the Slack receiver at `slackUrl` at once (no grouping). */
export function slackOnly(slackUrl: string): Record<string, string> {
  return {
    ALERT_SLACK_WEBHOOK_URL: slackUrl,
    ALERT_ROUTES: JSON.stringify([{ match: {}, channels: ["slack"], group_window: "0s" }]),
  };
}

export async function alertingFixture(
  pgUrl: string,
  env: Record<string, string>,
  options: { db?: TestDatabase } = {},
): Promise<AlertingFixture> {
  const db = options.db ?? await openPostgres(pgUrl, { migrate: false, poolMax: 8 });
  const dataDir = await Deno.makeTempDir({ prefix: "alerting-" });
  const config = parseConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: db.url!,
    ...TEST_JWT_SETTINGS,
    // Upkeep runs once at start; the test drives the drain and the evaluator itself.
    ALERT_OUTBOX_POLL_MS: "60000",
    ALERT_RULES_ENABLED: "false",
    ALERT_RULE_MIN_INTERVAL_MS: "1000",
    ALERT_CHANNEL_TIMEOUT_MS: "2000",
    ALERT_RETRY_MIN_DELAY_MS: "10",
    ALERT_RETRY_MAX_DELAY_MS: "50",
    ...env,
  });
  const metrics = createMetrics({ collectDefault: false });
  const service = await composeService(config, {
    logger: createLogger({ level: "fatal", serviceName: "test" }),
    metrics,
  });
  const app = createApp(service.deps);
  const close = async () => {
    await service.close();
    if (!options.db) await db.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  };
  return {
    db,
    service,
    metrics,
    async request(path, init = {}) {
      const { role = "admin", ...rest } = init;
      return await app.request(path, {
        ...rest,
        headers: {
          "content-type": "application/json",
          ...await authHeader(role, { sub: `${role}-1` }),
          ...(rest.headers as Record<string, string> | undefined),
        },
      });
    },
    async drain() {
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const n = await service.alerting.drainOnce();
        total += n;
        if (n === 0) break;
      }
      return total;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Mailpit's API: messages sent to `to` (newest first). */
export async function mailpitMessages(mailpitUrl: string, to: string) {
  const response = await fetch(
    `${mailpitUrl}/api/v1/search?query=${encodeURIComponent(`to:"${to}"`)}`,
  );
  const body = await response.json() as { messages: { ID: string; Subject: string }[] };
  return body.messages;
}

export async function mailpitMessage(mailpitUrl: string, id: string) {
  const response = await fetch(`${mailpitUrl}/api/v1/message/${id}`);
  return await response.json() as {
    Subject: string;
    To: { Address: string }[];
    From: { Address: string };
    Text: string;
    HTML: string;
  };
}
