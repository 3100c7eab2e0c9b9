import assert from "node:assert/strict";
import { generateCorpus, lineText, typicalLogEvents } from "../bench/masking_corpus.ts";
import { createMasker } from "../domain/masking/mod.ts";
import { maskBytes } from "./mask_task.ts";
import { maskPayload } from "./mask_service.ts";
import { createWorkerPool } from "./pool.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

Deno.test("pool masking gives byte-identical results to inline masking", async () => {
  const pool = createWorkerPool({ size: 1, taskTimeoutMs: 30_000, maxQueue: 8 });
  try {
    for (
      const masker of [
        createMasker(),
        createMasker({ ip: "full", deterministicKey: new Uint8Array(32).fill(3) }),
      ]
    ) {
      const events = encoder.encode(JSON.stringify(typicalLogEvents(300)));
      const ndjson = encoder.encode(typicalLogEvents(100).map((e) => JSON.stringify(e)).join("\n"));
      const text = encoder.encode(generateCorpus(20).map(lineText).join("\n"));
      for (
        const [bytes, format] of [[events, "json"], [ndjson, "ndjson"], [text, "text"]] as const
      ) {
        const inline = maskBytes(masker, bytes, format, "log_events");
        const pooled = await maskPayload(pool, masker, bytes.slice(), {
          inlineBelowBytes: 0,
          format,
        });
        assert.equal(decoder.decode(pooled), decoder.decode(inline), format);
        assert.notEqual(decoder.decode(inline), decoder.decode(bytes), "something was masked");
      }
    }
    assert.equal(pool.stats().completed, 6);
  } finally {
    await pool.shutdown({ graceMs: 1_000 });
  }
});

Deno.test("payloads below the threshold are masked inline without touching the pool", async () => {
  const pool = createWorkerPool({ size: 1, taskTimeoutMs: 30_000, maxQueue: 8 });
  try {
    const masker = createMasker();
    const bytes = encoder.encode(JSON.stringify({ message: "mail jane.doe@example.com" }));
    const masked = await maskPayload(pool, masker, bytes, { inlineBelowBytes: 1024 });
    assert.equal(decoder.decode(masked), '{"message":"mail j***@example.com"}');
    assert.equal(pool.stats().completed, 0);
  } finally {
    await pool.shutdown({ graceMs: 1_000 });
  }
});

Deno.test("invalid JSON is still masked, as text", () => {
  const masker = createMasker();
  const out = maskBytes(
    masker,
    encoder.encode('{"broken": "jane.doe@example.com"'),
    "json",
    "value",
  );
  assert.equal(decoder.decode(out), '{"broken": "j***@example.com"');
});
