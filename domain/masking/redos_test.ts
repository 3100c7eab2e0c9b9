import assert from "node:assert/strict";
import { checkSync } from "recheck";
import { ADVERSARIAL_UNITS, adversarialInput } from "../../bench/adversarial_inputs.ts";
import { createMasker } from "./masker.ts";
import { MASK_RULES, resolveSource } from "./rules.ts";
import { DEFAULT_SENSITIVE_KEYS, sensitiveKeyAlternation } from "./sensitive_keys.ts";

const alternation = sensitiveKeyAlternation(DEFAULT_SENSITIVE_KEYS);

for (const rule of MASK_RULES) {
  Deno.test(`ReDoS checker: rule ${rule.id} is linear`, () => {
    const result = checkSync(resolveSource(rule, alternation), rule.ignoreCase ? "gi" : "g", {
      randomSeed: 20261127,
      timeout: 60_000,
    });
    assert.equal(result.status, "safe", JSON.stringify(result, null, 1).slice(0, 600));
  });
}

Deno.test("ReDoS checker: the sensitive-key gate is linear", () => {
  assert.equal(checkSync(alternation, "i", { randomSeed: 1, timeout: 30_000 }).status, "safe");
});

Deno.test("every rule has adversarial inputs, and 256 KiB of each is masked", () => {
  const masker = createMasker();
  for (const rule of MASK_RULES) {
    const units = ADVERSARIAL_UNITS[rule.id];
    assert.ok(units && units.length > 0, `adversarial units for ${rule.id}`);
    for (const unit of units) {
      const input = adversarialInput(unit, 256 * 1024);
      assert.equal(typeof masker.maskText(input), "string");
    }
  }
});
