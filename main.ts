/**
 * Entry point: read the configuration, listen at once (a gate answers until
 * the app is ready), compose the service, serve it, and shut down in order
 * on SIGTERM/SIGINT.
 */
import { composeService } from "./composition/service.ts";
import { type Config, loadConfigOrExit } from "./infra/config/mod.ts";
import { createLogger, type Logger } from "./infra/logging/mod.ts";
import { createApp } from "./routes/app/create_app.ts";
import { createServingGate } from "./routes/app/serving_gate.ts";
import { runCli } from "./tasks/cli.ts";

/** A started service, as tests and the entry point hold it. */
export interface RunningService {
  readonly url: string;
  readonly mode: "embedded" | "production" | "mixed";
  stop(): Promise<void>;
}

/** Starts the whole service from a parsed configuration. */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const started = performance.now();
  const gate = createServingGate();
  const server = Deno.serve(
    { hostname: config.HOST, port: config.PORT, onListen: () => {} },
    gate.fetch,
  );
  const url = `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${server.addr.port}`;
  logger.info(`starting on ${url}`, { "server.port": server.addr.port });

  let accepting = true;
  let service;
  try {
    service = await composeService(config, { logger, accepting: () => accepting });
  } catch (error) {
    await server.shutdown();
    throw error;
  }
  const composed = service;
  gate.open(createApp(composed.deps).fetch);
  logger.info(`ready on ${url} in ${composed.mode} mode`, {
    "service.mode": composed.mode,
    "auth.key_source": composed.keySources.auth,
    "audit.key_source": composed.keySources.audit,
    "event.duration": Math.round((performance.now() - started) * 1e6),
    ...(composed.mode === "embedded"
      ? {
        hint: `embedded mode: data in ${config.DATA_DIR}; ` +
          "get a token with `deno task token --role admin`",
      }
      : {}),
  });
  return {
    url,
    mode: composed.mode,
    async stop() {
      accepting = false;
      logger.info("shutting down: draining requests", { "http.in_flight": gate.inFlight() });
      // Requests in progress finish first (bodies still arriving are read to
      // the end) and late ones are still served until a quiet period has
      // passed; only then is the listener closed.
      const drainStarted = performance.now();
      await gate.drain({ graceMs: config.SHUTDOWN_GRACE_MS, quietMs: config.SHUTDOWN_QUIET_MS });
      const left = () => Math.max(0, config.SHUTDOWN_GRACE_MS - (performance.now() - drainStarted));
      // Live tails are streams that would hold the listener open: they get a
      // `closing` event (clients resume elsewhere with Last-Event-ID) and end.
      await composed.closeTails(Math.min(left(), 2_000));
      const grace = delay(left());
      await Promise.race([server.shutdown(), grace.done]);
      grace.cancel();
      logger.info("listener closed; flushing and closing connections");
      await composed.close();
      logger.info("stopped");
    },
  };
}

function delay(ms: number): { done: Promise<void>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return { done, cancel: () => clearTimeout(timer) };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({
    level: config.LOG_LEVEL,
    serviceName: config.SERVICE_NAME,
    environment: config.APP_ENV,
  });
  const service = await startService(config, logger);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await service.stop();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
}

// `logging-audit [command]`: no command is `serve` (this file's `main`); the
// other commands and `--help` are dispatched by tasks/cli.ts.
if (import.meta.main) {
  const status = await runCli(Deno.args, { serve: main });
  if (status !== undefined) Deno.exit(status);
}
