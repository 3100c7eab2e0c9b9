import { createReportRowSource } from "../infra/postgres/reports/report_row_source.ts";
import { accumulateReportRows } from "../workers/report_task.ts";
import { DEFAULT_REPORT_SETTINGS, emptyPartial, mergePartial, REPORT_COLUMNS, rowFocus } from "../domain/reports/mod.ts";
import { createSql } from "../infra/postgres/mod.ts";
const [url, type] = Deno.args as [string, "security"];
const sql = createSql({ kind: "url", url, poolMax: 2 });
const src = createReportRowSource(sql);
const scope = { from: "2026-01-01T00:00:00Z", to: "2026-01-31T00:00:00Z", focus: rowFocus(type, DEFAULT_REPORT_SETTINGS), columns: REPORT_COLUMNS[type], purposePath: ["purpose"], countPath: ["rows"] };
const total = emptyPartial(type);
const gc = (globalThis as any).gc;
for (let w = 0; w < 1000000; w += 10000) {
  const chunk = await src.chunk(scope, { afterSeq: w, throughSeq: w + 10000 });
  const p = accumulateReportRows({ type, settings: DEFAULT_REPORT_SETTINGS, rows: chunk.rows });
  mergePartial(type, total, structuredClone(p), { settings: DEFAULT_REPORT_SETTINGS });
  if (w % 200000 === 0) { gc(); console.log(w, Math.round(Deno.memoryUsage().heapUsed / 1048576), JSON.stringify(total, (k, v) => v instanceof Map ? v.size : v).slice(0, 300)); }
}
Deno.exit(0);
