/**
 * The two export formats. Both carry every stored field, so an export can be
 * verified offline (`deno task verify-audit --file`) and parsed back to the
 * exact events. NDJSON is one event object per line; CSV flattens `actor` and
 * `resource` into columns and holds `changes` and `metadata` as JSON text.
 * @module
 */
import { createCsvParser, csvRecord, unguardCsvValue } from "./csv.ts";
import type { AuditEvent } from "./types.ts";

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: "text/csv; charset=utf-8; header=present",
  ndjson: "application/x-ndjson; charset=utf-8",
};

/**
 * The flat fields of a stored audit event, in table and export order: the
 * `audit_log` columns and the CSV header are this one list.
 */
export const AUDIT_RECORD_FIELDS = [
  "seq",
  "id",
  "occurred_at",
  "recorded_at",
  "recorded_by",
  "tenant_id",
  "actor_id",
  "actor_type",
  "actor_ip",
  "actor_user_agent",
  "action",
  "action_type",
  "resource_type",
  "resource_id",
  "outcome",
  "reason",
  "request_id",
  "trace_id",
  "changes",
  "metadata",
  "prev_hash",
  "hash",
] as const;

/** CSV columns, in order; the first record of a CSV export names them. */
export const CSV_COLUMNS = AUDIT_RECORD_FIELDS;

/** Text written before the first event. */
export function exportPreamble(format: ExportFormat): string {
  return format === "csv" ? csvRecord(CSV_COLUMNS) : "";
}

/** One event as export text (a CSV record or an NDJSON line). */
export function exportEvent(format: ExportFormat, event: AuditEvent): string {
  if (format === "ndjson") return JSON.stringify(event) + "\n";
  return csvRecord([
    String(event.seq),
    event.id,
    event.occurred_at,
    event.recorded_at,
    event.recorded_by,
    event.tenant_id,
    event.actor.id,
    event.actor.type,
    event.actor.ip,
    event.actor.user_agent,
    event.action,
    event.action_type,
    event.resource.type,
    event.resource.id,
    event.outcome,
    event.reason,
    event.request_id,
    event.trace_id,
    event.changes === null ? null : JSON.stringify(event.changes),
    JSON.stringify(event.metadata),
    event.prev_hash,
    event.hash,
  ]);
}

/**
 * An incremental reader of an export: feed text, get events. Throws
 * `SyntaxError` on text that is not an export of this service.
 */
export function createExportReader(format: ExportFormat) {
  if (format === "ndjson") {
    let rest = "";
    const lines = (text: string) =>
      text.split("\n").filter((line) => line.trim() !== "").map((line) =>
        JSON.parse(line) as AuditEvent
      );
    return {
      push(text: string): AuditEvent[] {
        const all = rest + text;
        const cut = all.lastIndexOf("\n");
        rest = all.slice(cut + 1);
        return cut < 0 ? [] : lines(all.slice(0, cut));
      },
      end(): AuditEvent[] {
        const last = lines(rest);
        rest = "";
        return last;
      },
    };
  }
  const parser = createCsvParser();
  let header = true;
  const toEvents = (records: (string | null)[][]) => {
    const events: AuditEvent[] = [];
    for (const record of records) {
      if (header) {
        header = false;
        if (record.join(",") !== CSV_COLUMNS.join(",")) {
          throw new SyntaxError("CSV header does not match the audit export columns");
        }
        continue;
      }
      events.push(eventFromCsv(record));
    }
    return events;
  };
  return {
    push: (text: string) => toEvents(parser.push(text)),
    end: () => toEvents(parser.end()),
  };
}

function eventFromCsv(raw: readonly (string | null)[]): AuditEvent {
  if (raw.length !== CSV_COLUMNS.length) {
    throw new SyntaxError(`CSV record has ${raw.length} fields, expected ${CSV_COLUMNS.length}`);
  }
  const v = raw.map(unguardCsvValue);
  const text = (i: number) => {
    const value = v[i];
    if (value == null) throw new SyntaxError(`CSV column ${CSV_COLUMNS[i]} is empty`);
    return value;
  };
  const changes = v[18];
  return {
    seq: Number(text(0)),
    id: text(1),
    occurred_at: text(2),
    recorded_at: text(3),
    recorded_by: text(4),
    tenant_id: text(5),
    actor: {
      id: text(6),
      type: text(7) as AuditEvent["actor"]["type"],
      ip: v[8] ?? null,
      user_agent: v[9] ?? null,
    },
    action: text(10),
    action_type: text(11) as AuditEvent["action_type"],
    resource: { type: text(12), id: v[13] ?? null },
    outcome: text(14) as AuditEvent["outcome"],
    reason: v[15] ?? null,
    request_id: v[16] ?? null,
    trace_id: v[17] ?? null,
    changes: changes == null ? null : JSON.parse(changes),
    metadata: JSON.parse(text(19)),
    prev_hash: text(20),
    hash: text(21),
  };
}
