import assert from "node:assert/strict";
import { renderLogstashFiles, renderRubyScript } from "./generate_logstash_masking.ts";
import { MASK_RULES } from "../domain/masking/rules.ts";

const root = new URL("../", import.meta.url);

Deno.test("the committed Logstash masking files are what the generator writes", async () => {
  for (const [path, expected] of renderLogstashFiles()) {
    const committed = await Deno.readTextFile(new URL(path, root));
    assert.equal(committed, expected, `${path} is stale: run \`deno task generate-logstash\``);
  }
});

Deno.test("every rule is in the Ruby rule table", () => {
  const script = renderRubyScript();
  for (const rule of MASK_RULES) assert.ok(script.includes(`id: "${rule.id}"`), rule.id);
  assert.ok(!script.includes("<SENSITIVE_KEYS>"));
});

Deno.test("rule sources stay in the regex subset Onigmo/Joni shares with V8", () => {
  for (const rule of MASK_RULES) {
    assert.ok(!/\(\?<[A-Za-z]/.test(rule.source), `${rule.id}: no named groups`);
    assert.ok(!/(?<!\\)[\^$]/.test(rule.source.replace(/\[\^/g, "[")), `${rule.id}: no anchors`);
    assert.ok(!/\\[pPu]/.test(rule.source), `${rule.id}: no Unicode escapes`);
    for (const lookbehind of rule.source.matchAll(/\(\?<[!=](.*?)\)/g)) {
      assert.match(
        lookbehind[1]!,
        /^(?:\[[^\]]+\]|\\w|[A-Za-z]+)$/,
        `${rule.id}: fixed-width lookbehind`,
      );
    }
  }
});
