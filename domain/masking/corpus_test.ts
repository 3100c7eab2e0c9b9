import assert from "node:assert/strict";
import {
  CORPUS_ENTITIES,
  type CorpusEntity,
  generateCorpus,
  lineText,
  type NegativeKind,
} from "../../bench/masking_corpus.ts";
import { createMasker } from "./masker.ts";

/** Card numbers, tokens and keys, e-mail: the entities held to the stricter recall bar. */
const STRICT: ReadonlySet<CorpusEntity> = new Set([
  "card",
  "email",
  "jwt",
  "bearer_token",
  "aws_access_key",
  "aws_secret",
  "github_token",
  "slack_token",
  "private_key",
  "secret_assignment",
]);

interface Score {
  readonly recall: ReadonlyMap<CorpusEntity, number>;
  readonly precision: number;
  readonly negativesAltered: ReadonlyMap<NegativeKind, number>;
}

/**
 * A secret counts as found when it no longer appears in the output; a
 * false positive is any filler or look-alike that does not survive intact.
 */
function score(mask: (text: string) => string, perEntity: number): Score {
  const found = new Map<CorpusEntity, [number, number]>();
  const negativesAltered = new Map<NegativeKind, number>();
  let truePositives = 0;
  let falsePositives = 0;
  for (const line of generateCorpus(perEntity)) {
    const out = mask(lineText(line));
    let cursor = 0;
    for (const part of line.parts) {
      if (part.kind === "context") continue;
      if (part.kind === "secret") {
        const [hit, total] = found.get(part.entity) ?? [0, 0];
        const masked = !out.includes(part.text);
        found.set(part.entity, [hit + (masked ? 1 : 0), total + 1]);
        if (masked) truePositives++;
        continue;
      }
      const at = out.indexOf(part.text, cursor);
      if (at >= 0) {
        cursor = at + part.text.length;
        continue;
      }
      falsePositives++;
      if (part.kind === "negative") {
        negativesAltered.set(part.negative, (negativesAltered.get(part.negative) ?? 0) + 1);
      }
    }
  }
  const recall = new Map([...found].map(([entity, [hit, total]]) => [entity, hit / total]));
  return { recall, precision: truePositives / (truePositives + falsePositives), negativesAltered };
}

Deno.test("labelled corpus: recall and precision per entity, look-alikes untouched", () => {
  const masker = createMasker({ ip: "full" });
  const result = score((text) => masker.maskText(text), 1000);
  const table = CORPUS_ENTITIES.map((entity) =>
    `${entity}=${result.recall.get(entity)?.toFixed(4)}`
  );
  console.log(`recall: ${table.join(" ")}\nprecision: ${result.precision.toFixed(4)}`);
  for (const entity of CORPUS_ENTITIES) {
    const recall = result.recall.get(entity) ?? 0;
    assert.ok(recall >= (STRICT.has(entity) ? 0.99 : 0.97), `${entity} recall ${recall}`);
  }
  assert.ok(result.precision >= 0.95, `precision ${result.precision}`);
  assert.deepEqual(
    [...result.negativesAltered],
    [],
    "Luhn-invalid numbers, order ids, UUIDs and epoch-ms timestamps are left alone",
  );
});

Deno.test("labelled corpus, structured: JSON lines masked as values lose every secret", () => {
  const masker = createMasker({ ip: "full" });
  const missed: string[] = [];
  for (const line of generateCorpus(200).filter((l) => l.format === "json")) {
    const out = JSON.stringify(masker.maskLogEvent(JSON.parse(lineText(line))));
    for (const part of line.parts) {
      if (part.kind === "secret" && out.includes(part.text)) {
        missed.push(`${part.entity}: ${part.text}`);
      }
    }
  }
  assert.deepEqual(missed, []);
});
