import assert from "node:assert/strict";
import fc from "fast-check";
import { createCsvParser, csvRecord, unguardCsvValue } from "./csv.ts";
import { createExportReader, exportEvent, exportPreamble } from "./export_format.ts";
import { linkEvents } from "./hash_chain.ts";
import { type AuditEvent, GENESIS_HASH } from "./types.ts";

const cell = fc.option(fc.string({ unit: "grapheme", maxLength: 12 }), { nil: null });

/** Parses `text` fed in pieces cut at `cuts`. */
function parseInPieces(text: string, cuts: number[]): (string | null)[][] {
  const parser = createCsvParser();
  const records: (string | null)[][] = [];
  let at = 0;
  for (const cut of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
    records.push(...parser.push(text.slice(at, cut)));
    at = cut;
  }
  records.push(...parser.push(text.slice(at)), ...parser.end());
  return records;
}

Deno.test("CSV round trip: any values, null versus empty, fed in any pieces", () => {
  fc.assert(fc.property(
    fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
    fc.array(fc.nat(), { maxLength: 6 }),
    (rows, cuts) => {
      const text = rows.map(csvRecord).join("");
      const parsed = parseInPieces(text, cuts).map((r) => r.map(unguardCsvValue));
      assert.deepEqual(parsed, rows);
    },
  ));
});

Deno.test("CSV follows RFC 4180 and guards formula cells", () => {
  assert.equal(csvRecord(["a", "b,c", 'say "hi"', "x\r\ny"]), 'a,"b,c","say ""hi""","x\r\ny"\r\n');
  assert.equal(csvRecord([null, ""]), ',""\r\n');
  for (const risky of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted"]) {
    const field = csvRecord([risky]).replace(/\r\n$/, "");
    assert.ok(/^"?'/.test(field), `${JSON.stringify(risky)} is guarded: ${field}`);
    const [[back]] = createCsvParser().push(csvRecord([risky])) as [[string]];
    assert.equal(unguardCsvValue(back), risky);
  }
  assert.throws(() => {
    const parser = createCsvParser();
    parser.push('"open');
    parser.end();
  }, SyntaxError);
});

Deno.test("exports parse back to the same events, in both formats", () => {
  const events: AuditEvent[] = linkEvents({ seq: 0, hash: GENESIS_HASH }, [
    {
      id: "0190a6f4-8c2e-7a55-9b1e-2f0c9d1e4a77",
      occurred_at: "2026-01-01T00:00:00.000Z",
      tenant_id: "t",
      recorded_by: "svc",
      actor: { id: "=cmd|' /C calc'!A0", type: "user", ip: "::1", user_agent: 'UA "x", y' },
      action: "document.update",
      action_type: "update",
      resource: { type: "document", id: null },
      outcome: "failure",
      reason: "-bad\nline",
      request_id: "",
      trace_id: null,
      changes: { before: { a: [1, "two"] }, after: null },
      metadata: { "é": "漢字", nested: { deep: true } },
    },
  ], { recordedAt: "2026-01-01T00:00:01.000Z" });
  for (const format of ["csv", "ndjson"] as const) {
    const text = exportPreamble(format) + events.map((e) => exportEvent(format, e)).join("");
    const reader = createExportReader(format);
    const parsed = [
      ...reader.push(text.slice(0, 50)),
      ...reader.push(text.slice(50)),
      ...reader.end(),
    ];
    assert.deepEqual(parsed, events, format);
  }
  assert.throws(() => createExportReader("csv").push("not,the,header\r\n"), SyntaxError);
});
