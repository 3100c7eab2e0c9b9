import assert from "node:assert/strict";
import { LAYER_RULES, layerViolations } from "./check_layers.ts";

const rule = (dir: string) => LAYER_RULES.find((r) => r.dir === dir)!;
const violates = (dir: string, line: string) => layerViolations(line, rule(dir)).length > 0;

Deno.test("layers: routes may not import infra or composition, nor hold SQL", () => {
  assert.ok(violates("routes", `import { createSql } from "../../infra/postgres/mod.ts";`));
  assert.ok(violates("routes", `import type { Config } from "../../infra/config/mod.ts";`));
  assert.ok(violates("routes", `const m = await import("../../infra/search/mod.ts");`));
  assert.ok(violates("routes", `import { composeService } from "../../composition/service.ts";`));
  assert.ok(violates("routes", "await sql`select 1`;"));
  assert.ok(!violates("routes", `import { AppError } from "../../domain/errors/mod.ts";`));
});

Deno.test("layers: workers may not import infra or routes", () => {
  assert.ok(violates("workers", `import { walk } from "../infra/audit/chain_verification.ts";`));
  assert.ok(violates("workers", `import { createApp } from "../routes/app/create_app.ts";`));
  assert.ok(!violates("workers", `import { walkChunk } from "../domain/audit/chain_walk.ts";`));
});

Deno.test("layers: the domain imports only domain files and @noble/hashes", () => {
  assert.ok(!violates("domain", `import { hmac } from "@noble/hashes/hmac.js";`));
  assert.ok(!violates("domain", `import { AppError } from "../errors/mod.ts";`));
  assert.ok(violates("domain", `import { z } from "zod";`));
  assert.ok(violates("domain", `import { createHash } from "node:crypto";`));
  assert.ok(violates("domain", `import { LRUCache } from "lru-cache";`));
  assert.ok(violates("domain", `import { Redis } from "npm:@upstash/redis";`));
  assert.ok(violates("domain", `import { x } from "@noble/curves/ed25519.js";`));
  assert.ok(violates("domain", `import { x } from "../../infra/logging/mod.ts";`));
  assert.ok(violates("domain", `import { x } from "../../composition/service.ts";`));
  assert.ok(violates("domain", `const text = Deno.readTextFileSync("x");`));
});
