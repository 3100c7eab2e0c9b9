/**
 * Offline verification of an export file (CSV or NDJSON from
 * `GET /api/v1/audit/export`): read as a stream, parsed incrementally and
 * walked in chunks like the stored chain, so a file of any size is checked
 * in constant memory.
 * @module
 */
import {
  type AuditEvent,
  createExportReader,
  type ExportFormat,
  type WalkReport,
} from "../../domain/audit/mod.ts";
import { walkEvents, type WalkInputs } from "./chain_verification.ts";

/** The export format a file name says, if it says one. */
export function formatOfFile(path: string): ExportFormat | undefined {
  if (/\.csv$/i.test(path)) return "csv";
  if (/\.(nd)?jsonl?$/i.test(path)) return "ndjson";
  return undefined;
}

/** Options of {@linkcode verifyExportFile}. */
export interface ExportFileOptions extends WalkInputs {
  readonly format: ExportFormat;
  /** Events per walk task. */
  readonly chunkRows?: number;
}

/** Walks the events of an export file. */
export async function verifyExportFile(
  path: string,
  options: ExportFileOptions,
): Promise<WalkReport> {
  const { format, chunkRows = 2000 } = options;
  const file = await Deno.open(path, { read: true });
  const reader = createExportReader(format);
  async function* chunks(): AsyncGenerator<AuditEvent[]> {
    let pending: AuditEvent[] = [];
    for await (const text of file.readable.pipeThrough(new TextDecoderStream())) {
      pending.push(...reader.push(text));
      while (pending.length >= chunkRows) yield pending.splice(0, chunkRows);
    }
    pending.push(...reader.end());
    while (pending.length > 0) yield pending.splice(0, chunkRows);
    pending = [];
  }
  return await walkEvents(chunks(), options);
}
