import assert from "node:assert/strict";
import { ilmPolicy, ismPolicy, LIFECYCLE_STREAMS, RETENTION } from "./lifecycle_policies.ts";

// Shapes as in the engines' documented examples: Elasticsearch "Create a
// lifecycle policy" (phases → min_age + actions) and OpenSearch ISM "Sample
// policy with ISM template for auto rollover" (states → actions + transitions
// with min_index_age conditions, ism_template with index_patterns + priority).

Deno.test("ILM: application logs — hot with rollover, deleted after 30 days", () => {
  assert.deepEqual(ilmPolicy("app").phases, {
    hot: {
      min_age: "0ms",
      actions: {
        rollover: { max_age: "1d", max_primary_shard_size: "50gb" },
        set_priority: { priority: 100 },
      },
    },
    delete: { min_age: "30d", actions: { delete: {} } },
  });
});

Deno.test("ILM: error logs — hot → warm after 7 days → delete after 90", () => {
  const phases = ilmPolicy("error").phases;
  assert.deepEqual(Object.keys(phases), ["hot", "warm", "delete"]);
  assert.equal(phases.warm?.min_age, "7d");
  assert.deepEqual(phases.warm?.actions?.forcemerge, { max_num_segments: 1 });
  assert.equal(phases.delete?.min_age, "90d");
});

Deno.test("ILM: security 1 year with a cold phase; audit mirror 7 years hot → warm → cold", () => {
  const security = ilmPolicy("security").phases;
  assert.deepEqual(Object.keys(security), ["hot", "cold", "delete"]);
  assert.equal(security.delete?.min_age, "365d");
  const audit = ilmPolicy("audit").phases;
  assert.deepEqual(Object.keys(audit), ["hot", "warm", "cold", "delete"]);
  assert.equal(audit.delete?.min_age, "2555d");
});

Deno.test("ISM: the same retention as states and transitions, attached to backing indices", () => {
  const policy = ismPolicy("error");
  assert.equal(policy.default_state, "hot");
  assert.deepEqual(policy.states, [
    {
      name: "hot",
      actions: [{ rollover: { min_index_age: "1d", min_primary_shard_size: "50gb" } }],
      transitions: [{ state_name: "warm", conditions: { min_index_age: "7d" } }],
    },
    {
      name: "warm",
      actions: [{ force_merge: { max_num_segments: 1 } }, { read_only: {} }],
      transitions: [{ state_name: "delete", conditions: { min_index_age: "90d" } }],
    },
    { name: "delete", actions: [{ delete: {} }], transitions: [] },
  ]);
  assert.deepEqual(policy.ism_template, [{ index_patterns: [".ds-logs-error-*"], priority: 100 }]);
});

Deno.test("every stream's ILM and ISM policies end in delete at its retention", () => {
  for (const stream of LIFECYCLE_STREAMS) {
    const days = `${RETENTION[stream].deleteDays}d`;
    assert.equal(ilmPolicy(stream).phases.delete?.min_age, days);
    const states = ismPolicy(stream).states!;
    assert.equal(states.at(-1)?.name, "delete");
    assert.equal(states.at(-2)?.transitions?.[0]?.conditions?.min_index_age, days);
  }
});
