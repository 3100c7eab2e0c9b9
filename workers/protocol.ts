/**
 * The typed messages between the pool and its workers (SPEC S11), shared by
 * both sides. A task kind is one entry of {@linkcode TaskKinds}: its input and
 * its output. To add a kind, add an entry here, a handler in `task_worker.ts`, and
 * list its transferable buffers in {@linkcode inputTransferables} /
 * {@linkcode outputTransferables}.
 */
import type {
  AuditEvent,
  ChunkContext,
  FinishContext,
  WalkReport,
  WalkState,
} from "../domain/audit/mod.ts";
import type { MaskerOptions } from "../domain/masking/mod.ts";
import type {
  AccumulateInput,
  ReportDocument,
  ReportFormat,
  ReportPartial,
} from "../domain/reports/mod.ts";

/** How a `mask` payload is to be read. */
export type MaskPayloadFormat = "json" | "ndjson" | "text";

/** What the JSON in a `mask` payload holds: ECS log events (or arrays of them), or any value. */
export type MaskPayloadShape = "log_events" | "value";

/** Input of the `mask` task. */
export interface MaskTaskInput {
  /** UTF-8 bytes; transferred to the worker, not copied. */
  readonly payload: ArrayBuffer;
  readonly format: MaskPayloadFormat;
  readonly shape: MaskPayloadShape;
  /** The masker configuration (workers build and cache maskers per configuration). */
  readonly masking: MaskerOptions;
}

/** Output of the `mask` task. */
export interface MaskTaskOutput {
  /** Masked UTF-8 bytes, same format as the input; transferred back. */
  readonly payload: ArrayBuffer;
}

/** Input of `audit_walk_chunk`: the audit chain walk's state and its next events. */
export interface AuditWalkChunkInput {
  readonly state: WalkState;
  readonly events: readonly AuditEvent[];
  readonly context: ChunkContext;
}

/** Input of `audit_finish_walk`. */
export interface AuditFinishWalkInput {
  readonly state: WalkState;
  readonly context: FinishContext;
}

/** Input of `write_cache_generations`: new tag tokens to store in the shared cache tier. */
export interface WriteGenerationsInput {
  readonly redis: { readonly url: string; readonly token: string; readonly timeoutMs: number };
  /** (generation key, token) pairs. */
  readonly pairs: readonly (readonly [string, string])[];
  readonly ttlMs: number;
}

/** Output of `write_cache_generations`. */
export interface WriteGenerationsOutput {
  readonly written: number;
}

/** Input of `report_render`: a finished report and the format to draw it in. */
export interface ReportRenderInput {
  readonly document: ReportDocument;
  readonly format: ReportFormat;
}

/** Output of `report_render`: the file's bytes, transferred back. */
export interface ReportRenderOutput {
  readonly content: ArrayBuffer;
}

/** Every task kind: `input` goes to the worker, `output` comes back. */
export interface TaskKinds {
  mask: { input: MaskTaskInput; output: MaskTaskOutput };
  audit_walk_chunk: { input: AuditWalkChunkInput; output: WalkState };
  audit_finish_walk: { input: AuditFinishWalkInput; output: WalkReport };
  write_cache_generations: { input: WriteGenerationsInput; output: WriteGenerationsOutput };
  /** Folds one chunk of report rows (columnar JSON text) into a partial result. */
  report_accumulate: { input: AccumulateInput; output: ReportPartial };
  report_render: { input: ReportRenderInput; output: ReportRenderOutput };
}

/** A task kind name. */
export type TaskKind = keyof TaskKinds;

/** A task: a discriminated union over the kinds. */
export type Task = {
  [K in TaskKind]: { readonly kind: K; readonly input: TaskKinds[K]["input"] };
}[TaskKind];

/** The output type of a given task. */
export type TaskOutput<T extends Task> = TaskKinds[T["kind"]]["output"];

/** Pool → worker. */
export interface RunMessage {
  readonly type: "run";
  readonly id: number;
  /** Propagated for the worker's own logs. */
  readonly requestId?: string;
  readonly task: Task;
}

/** A failure reported by a handler, carried across the thread boundary as plain data. */
export interface WorkerFailure {
  readonly name: string;
  readonly message: string;
  /** An `AppError` code when the handler threw one. */
  readonly code?: string;
}

/** Worker → pool. */
export type WorkerMessage =
  | { readonly type: "ready" }
  | { readonly type: "done"; readonly id: number; readonly output: TaskKinds[TaskKind]["output"] }
  | { readonly type: "failed"; readonly id: number; readonly error: WorkerFailure };

/** Buffers of an input that are moved rather than copied. */
export function inputTransferables(task: Task): Transferable[] {
  switch (task.kind) {
    case "mask":
      return [task.input.payload];
    case "audit_walk_chunk":
    case "audit_finish_walk":
    case "write_cache_generations":
    case "report_accumulate":
    case "report_render":
      return [];
  }
}

/** Buffers of an output that are moved rather than copied. */
export function outputTransferables(
  kind: TaskKind,
  output: TaskKinds[TaskKind]["output"],
): Transferable[] {
  switch (kind) {
    case "mask":
      return [(output as MaskTaskOutput).payload];
    case "report_render":
      return [(output as ReportRenderOutput).content];
    case "audit_walk_chunk":
    case "audit_finish_walk":
    case "write_cache_generations":
    case "report_accumulate":
      return [];
  }
}
