import assert from "node:assert/strict";
import {
  CORPUS_ENTITIES,
  type CorpusEntity,
  generateCorpus,
  lineText,
  type NegativeKind,
} from "../../bench/masking_corpus.ts";
import { createMasker } from "./masker.ts";

/** Card numbers, tokens and keys, e-mail, cookies: the entities held to the stricter recall bar. */
const STRICT: ReadonlySet<CorpusEntity> = new Set([
  "card",
  "email",
  "jwt",
  "bearer_token",
  "aws_access_key",
  "aws_secret",
  "aws_secret_key_unnamed",
  "github_token",
  "slack_token",
  "private_key",
  "secret_assignment",
  "cookie_value",
]);

interface Score {
  readonly recall: ReadonlyMap<CorpusEntity, number>;
  /** Per entity: masked secrets over masked secrets plus altered parts of its lines. */
  readonly precisionOf: ReadonlyMap<CorpusEntity, number>;
  readonly precision: number;
  readonly negativesAltered: ReadonlyMap<NegativeKind, number>;
}

/**
 * A secret counts as found when it no longer appears in the output; a
 * false positive is any filler or look-alike (cookie names and attributes
 * included) that does not survive intact.
 */
function score(mask: (text: string) => string, perEntity: number): Score {
  const found = new Map<CorpusEntity, [number, number]>();
  const falseOf = new Map<CorpusEntity, number>();
  const negativesAltered = new Map<NegativeKind, number>();
  for (const line of generateCorpus(perEntity)) {
    const out = mask(lineText(line));
    let cursor = 0;
    for (const part of line.parts) {
      if (part.kind === "context") continue;
      if (part.kind === "secret") {
        const [hit, total] = found.get(part.entity) ?? [0, 0];
        found.set(part.entity, [hit + (out.includes(part.text) ? 0 : 1), total + 1]);
        continue;
      }
      const at = out.indexOf(part.text, cursor);
      if (at >= 0) {
        cursor = at + part.text.length;
        continue;
      }
      falseOf.set(line.entity, (falseOf.get(line.entity) ?? 0) + 1);
      if (part.kind === "negative") {
        negativesAltered.set(part.negative, (negativesAltered.get(part.negative) ?? 0) + 1);
      }
    }
  }
  const hits = (entity: CorpusEntity) => found.get(entity)?.[0] ?? 0;
  const recall = new Map([...found].map(([entity, [hit, total]]) => [entity, hit / total]));
  const precisionOf = new Map(
    CORPUS_ENTITIES.map((e) => [e, hits(e) / (hits(e) + (falseOf.get(e) ?? 0))]),
  );
  const truePositives = CORPUS_ENTITIES.reduce((sum, e) => sum + hits(e), 0);
  const falsePositives = [...falseOf.values()].reduce((sum, n) => sum + n, 0);
  const precision = truePositives / (truePositives + falsePositives);
  return { recall, precisionOf, precision, negativesAltered };
}

Deno.test("labelled corpus: recall and precision per entity, look-alikes untouched", () => {
  const masker = createMasker({ ip: "full" });
  const result = score((text) => masker.maskText(text), 1000);
  const table = CORPUS_ENTITIES.map((entity) =>
    `${entity}=${result.recall.get(entity)?.toFixed(4)}/${
      result.precisionOf.get(entity)?.toFixed(4)
    }`
  );
  console.log(`recall/precision: ${table.join(" ")}\nprecision: ${result.precision.toFixed(4)}`);
  for (const entity of CORPUS_ENTITIES) {
    const recall = result.recall.get(entity) ?? 0;
    assert.ok(recall >= (STRICT.has(entity) ? 0.99 : 0.97), `${entity} recall ${recall}`);
    const precision = result.precisionOf.get(entity) ?? 0;
    assert.ok(precision >= 0.95, `${entity} precision ${precision}`);
  }
  assert.ok(result.precision >= 0.95, `precision ${result.precision}`);
  assert.deepEqual(
    [...result.negativesAltered],
    [],
    "Luhn-invalid numbers, order ids, UUIDs, timestamps, hashes, etags and trace ids are left alone",
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

Deno.test("labelled corpus, structured: cookie names and attributes survive", () => {
  const masker = createMasker({ ip: "full" });
  const altered: string[] = [];
  const cookieLines = generateCorpus(200).filter((l) =>
    l.format === "json" && l.entity === "cookie_value"
  );
  for (const line of cookieLines) {
    const out = JSON.stringify(masker.maskLogEvent(JSON.parse(lineText(line))));
    // The text parts between two cookie values: names, separators, attributes.
    for (const part of line.parts) {
      if (part.kind === "text" && /[=;]/.test(part.text) && !out.includes(part.text)) {
        altered.push(part.text);
      }
    }
  }
  assert.ok(cookieLines.length > 50);
  assert.deepEqual(altered, []);
});
