/**
 * Probes the readiness endpoint and exits 0 when it answers 200, 1 otherwise:
 *
 *   logging-audit healthcheck                       http://127.0.0.1:$PORT/health/ready
 *   logging-audit healthcheck --url http://svc:8080/health/ready
 *
 * The runtime image has no shell or curl, so the container's HEALTHCHECK and
 * the chart's `helm test` pod call the binary itself.
 */
import { loadConfigOrExit } from "../infra/config/mod.ts";
import { parseOptions, UsageError } from "./command_line.ts";

function options(args: readonly string[]) {
  return parseOptions(args, {
    url: { type: "string" },
    "timeout-ms": { type: "string", default: "3000" },
  });
}

/** Runs `healthcheck`. */
export async function run(args: readonly string[]): Promise<number> {
  const values = options(args);
  const timeoutMs = Number(values["timeout-ms"]);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) {
    throw new UsageError("--timeout-ms must be an integer of at least 100");
  }
  let url = values.url;
  if (!url) {
    const config = loadConfigOrExit();
    url = `http://127.0.0.1:${config.PORT}/health/ready`;
  }
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    if (response.status === 200) {
      console.log(`ready: ${url}`);
      return 0;
    }
    console.error(`not ready: ${url} answered ${response.status} ${body.slice(0, 300)}`);
    return 1;
  } catch (error) {
    console.error(`not ready: ${url}: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
}
