/**
 * What the HTTP layer needs from the service's own logging and metrics, as
 * ports: `infra/logging/` and `infra/metrics/` implement them, so routes
 * depend on these shapes and never on the adapters.
 * @module
 */

/** Fields of one structured log line. */
export type LogFields = Record<string, unknown>;

/** What every log line written while serving one request carries. */
export interface LogContext {
  readonly requestId?: string;
  readonly traceId?: string;
  readonly userId?: string;
}

type LogFn = (message: string, fields?: LogFields) => void;

/** The service's structured logger. */
export interface Logger {
  readonly trace: LogFn;
  readonly debug: LogFn;
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
  readonly fatal: LogFn;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
  /** Runs `fn` with `context` on every line logged beneath it, across awaits. */
  withContext<T>(context: LogContext, fn: () => T): T;
}

/** Labels of one answered request. */
export interface RequestLabels {
  readonly method: string;
  readonly route: string;
  readonly status: string;
}

/** The request-level metrics of SPEC S13 and their exposition. */
export interface HttpMetrics {
  /** One answered request and how long it took. */
  requestServed(labels: RequestLabels, seconds: number): void;
  /** The outcome of one dependency health check. */
  dependencyChecked(dependency: string, up: boolean): void;
  /** A log search began; call the result with its status when it ends. */
  logSearchStarted(route: string): (status: number) => void;
  /** The Prometheus text exposition of every metric. */
  exposition(): Promise<{ readonly contentType: string; readonly body: string }>;
}
