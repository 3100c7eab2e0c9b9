/**
 * Where a payload is masked: inline on the request thread when small (a
 * round trip to a worker costs more than masking it), in the pool when large
 * (so one big request cannot stall every other request on the event loop).
 * The crossover default comes from `bench/masking_bench.ts`.
 */
import type { Masker } from "../domain/masking/mod.ts";
import { maskBytes } from "./mask_task.ts";
import type { WorkerPool } from "./pool.ts";
import type { MaskPayloadFormat, MaskPayloadShape } from "./protocol.ts";

/**
 * Payloads below this size are masked inline. Measured (bench, 2-core VM):
 * a pool round trip adds ~0.1–0.7 ms, and inline masking of a 16 KiB JSON
 * payload already blocks the event loop for ~1.6 ms; from there on offloading
 * costs less latency than it saves.
 */
export const DEFAULT_INLINE_MAX_BYTES = 16 * 1024;

/** Options of {@linkcode maskPayload}. */
export interface MaskPayloadOptions {
  readonly inlineBelowBytes?: number;
  readonly format?: MaskPayloadFormat;
  readonly shape?: MaskPayloadShape;
  readonly signal?: AbortSignal;
  readonly requestId?: string;
}

/**
 * Mask a UTF-8 payload (JSON, NDJSON or text) inline or in the pool. The
 * bytes handed to the pool are transferred: callers must not reuse `bytes`
 * after a pooled call (pass a copy if they need it).
 */
export async function maskPayload(
  pool: WorkerPool,
  masker: Masker,
  bytes: Uint8Array,
  options: MaskPayloadOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const {
    inlineBelowBytes = DEFAULT_INLINE_MAX_BYTES,
    format = "json",
    shape = "log_events",
    signal,
    requestId,
  } = options;
  if (bytes.byteLength < inlineBelowBytes) return maskBytes(masker, bytes, format, shape);
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const payload = (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
  const output = await pool.run(
    { kind: "mask", input: { payload, format, shape, masking: masker.options } },
    { signal, requestId },
  );
  return new Uint8Array(output.payload);
}
