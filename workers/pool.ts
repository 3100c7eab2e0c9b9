/**
 * A bounded pool of module workers (SPEC S11). Workers are started once and
 * reused; a task runs on the first idle worker or waits in a bounded queue.
 * Failure handling: a worker that dies is replaced and its task fails with
 * {@linkcode WorkerCrashedError}; a task over its time budget has its worker
 * terminated and replaced and fails with `TIMEOUT`; a full queue fails fast
 * with `OVERLOADED` (503), so callers shed load instead of piling it up.
 */
import { AppError, type ErrorCode, LoggingErrorCode } from "../domain/errors/mod.ts";
import { WorkerCrashedError } from "./errors.ts";
import {
  inputTransferables,
  type RunMessage,
  type Task,
  type TaskOutput,
  type WorkerFailure,
  type WorkerMessage,
} from "./protocol.ts";

/** Minimal logger the pool reports replacements through. */
export interface PoolLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Options of {@linkcode createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Number of workers; see {@linkcode defaultPoolSize}. */
  readonly size: number;
  /** Budget of one task, from dispatch to result. */
  readonly taskTimeoutMs: number;
  /** Tasks allowed to wait for a worker; one more is refused with `OVERLOADED`. */
  readonly maxQueue: number;
  readonly logger?: PoolLogger;
  /** Worker entry module; defaults to `task_worker.ts`. Tests pass their own. */
  readonly workerUrl?: string | URL;
}

/** Pool counters, as plain numbers for the metrics exporter. */
export interface PoolStats {
  readonly size: number;
  readonly busy: number;
  readonly idle: number;
  readonly queued: number;
  readonly completed: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly crashed: number;
  readonly rejected: number;
}

/** Per-call options of {@linkcode WorkerPool.run}. */
export interface RunOptions {
  /** Abort while queued removes the task; abort while running discards its result. */
  readonly signal?: AbortSignal;
  readonly requestId?: string;
}

/** The pool. */
export interface WorkerPool {
  run<T extends Task>(task: T, options?: RunOptions): Promise<TaskOutput<T>>;
  stats(): PoolStats;
  /** Refuse new tasks, fail queued ones, wait up to `graceMs` for running ones, stop the workers. */
  shutdown(options?: { readonly graceMs?: number }): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly task: Task;
  readonly requestId?: string;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly signal?: AbortSignal;
  detach?: () => void;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: ReturnType<typeof setTimeout>;
}

/** Cores − 1 (the request thread keeps one), at least 1. */
export function defaultPoolSize(cores: number = navigator.hardwareConcurrency): number {
  return Math.max(1, cores - 1);
}

function failureToError(failure: WorkerFailure): AppError {
  const code = failure.code && failure.code in LoggingErrorCode
    ? (failure.code as ErrorCode)
    : "INTERNAL";
  return new AppError(code, { cause: new Error(`${failure.name}: ${failure.message}`) });
}

const shuttingDown = () =>
  new AppError("SERVICE_UNAVAILABLE", { detail: "The worker pool is shutting down" });

/** Start a pool of `size` workers. */
export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const { size, taskTimeoutMs, maxQueue, logger } = options;
  if (!Number.isInteger(size) || size < 1) throw new RangeError("worker pool size must be ≥ 1");
  const url = String(options.workerUrl ?? new URL("./task_worker.ts", import.meta.url));
  const queue: Job[] = [];
  const counters = { completed: 0, failed: 0, timedOut: 0, crashed: 0, rejected: 0 };
  let nextId = 1;
  let closing = false;
  let onIdle: (() => void) | undefined;

  const settle = (job: Job, outcome: { output: unknown } | { error: unknown }) => {
    if (job.settled) return;
    job.settled = true;
    job.detach?.();
    if ("error" in outcome) job.reject(outcome.error);
    else job.resolve(outcome.output);
  };

  const finish = (slot: Slot) => {
    clearTimeout(slot.timer);
    slot.job = undefined;
    dispatch();
    if (!slots.some((s) => s.job)) onIdle?.();
  };

  const replace = (slot: Slot, reason: string) => {
    slot.worker.terminate();
    logger?.warn("worker replaced", {
      reason,
      task: slot.job?.task.kind,
      requestId: slot.job?.requestId,
    });
    if (!closing) slot.worker = spawn(slot);
  };

  const spawn = (slot: Slot): Worker => {
    const worker = new Worker(url, { type: "module" });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === "ready" || !slot.job || slot.job.id !== message.id) return;
      const job = slot.job;
      if (message.type === "done") {
        counters.completed++;
        settle(job, { output: message.output });
      } else {
        counters.failed++;
        settle(job, { error: failureToError(message.error) });
      }
      finish(slot);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      counters.crashed++;
      const job = slot.job;
      replace(slot, "crashed");
      if (job) settle(job, { error: new WorkerCrashedError({ cause: new Error(event.message) }) });
      finish(slot);
    };
    worker.onmessageerror = () => {
      counters.failed++;
      const job = slot.job;
      replace(slot, "unreadable message");
      if (job) {
        settle(job, {
          error: new AppError("INTERNAL", { detail: "A worker reply could not be read" }),
        });
      }
      finish(slot);
    };
    return worker;
  };

  const slots: Slot[] = [];
  for (let i = 0; i < size; i++) {
    const slot = {} as Slot;
    slot.worker = spawn(slot);
    slots.push(slot);
  }

  const start = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.timer = setTimeout(() => {
      counters.timedOut++;
      replace(slot, "timed out");
      settle(job, {
        error: new AppError("TIMEOUT", {
          detail: `Task ${job.task.kind} exceeded ${taskTimeoutMs} ms`,
        }),
      });
      finish(slot);
    }, taskTimeoutMs);
    const message: RunMessage = {
      type: "run",
      id: job.id,
      requestId: job.requestId,
      task: job.task,
    };
    slot.worker.postMessage(message, inputTransferables(job.task));
  };

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.job || closing) continue;
      let job = queue.shift();
      while (job?.settled) job = queue.shift();
      if (!job) return;
      start(slot, job);
    }
  }

  return {
    run(task, runOptions = {}) {
      const { signal, requestId } = runOptions;
      return new Promise((resolve, reject) => {
        if (closing) return reject(shuttingDown());
        signal?.throwIfAborted();
        const job: Job = {
          id: nextId++,
          task,
          requestId,
          resolve: resolve as Job["resolve"],
          reject,
          signal,
          settled: false,
        };
        const idle = slots.find((slot) => !slot.job);
        if (!idle && queue.length >= maxQueue) {
          counters.rejected++;
          return reject(
            new AppError("OVERLOADED", {
              detail: "All workers are busy and the task queue is full",
              extensions: { retry_after_seconds: 1 },
            }),
          );
        }
        if (signal) {
          const onAbort = () => settle(job, { error: signal.reason });
          signal.addEventListener("abort", onAbort, { once: true });
          job.detach = () => signal.removeEventListener("abort", onAbort);
        }
        if (idle) start(idle, job);
        else queue.push(job);
      });
    },

    stats() {
      const busy = slots.filter((slot) => slot.job).length;
      const queued = queue.filter((job) => !job.settled).length;
      return { size, busy, idle: size - busy, queued, ...counters };
    },

    async shutdown({ graceMs = 10_000 } = {}) {
      closing = true;
      for (const job of queue.splice(0)) settle(job, { error: shuttingDown() });
      if (slots.some((slot) => slot.job)) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          new Promise<void>((resolve) => (onIdle = resolve)),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
        ]);
        clearTimeout(timer);
      }
      for (const slot of slots) {
        clearTimeout(slot.timer);
        slot.worker.terminate();
        if (slot.job) settle(slot.job, { error: shuttingDown() });
        slot.job = undefined;
      }
    },
  };
}
