import assert from "node:assert/strict";
import fc from "fast-check";
import {
  EVENT_OUTCOMES,
  LOG_CATEGORIES,
  LOG_LEVELS,
  type LogEvent,
  parseLogEvent,
  SCALAR_FIELDS,
} from "../../domain/logs/mod.ts";
import { LogEventSchema } from "./schemas.ts";

type Documented = import("zod").infer<typeof LogEventSchema>;
// Fails to type-check when the domain's event gains, loses or retypes a field
// the document does not describe (or describes and the domain lacks).
const everyDomainEventIsDocumented = (event: LogEvent): Documented => event;
const sameFields: [keyof Documented] extends [keyof LogEvent]
  ? [keyof LogEvent] extends [keyof Documented] ? true : false
  : false = true;

Deno.test("LogEvent schema: documents exactly the domain's fields", () => {
  assert.equal(sameFields, true);
  assert.equal(typeof everyDomainEventIsDocumented, "function");
  assert.deepEqual(
    Object.keys(LogEventSchema.shape).sort(),
    [...SCALAR_FIELDS, "labels", "attributes"].sort(),
  );
});

const now = new Date("2026-12-01T12:00:00.000Z");
const text = (max: number) => fc.string({ maxLength: max });
const rawEvent = fc.record({
  message: text(200),
  "log.level": fc.constantFrom(...LOG_LEVELS, "warning", "crit"),
  "service.name": fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,20}$/),
  "event.category": fc.constantFrom(...LOG_CATEGORIES),
  "event.outcome": fc.constantFrom(...EVENT_OUTCOMES),
  "@timestamp": fc.integer({ min: now.getTime() - 86_400_000, max: now.getTime() }),
  "trace.id": fc.stringMatching(/^[0-9a-f]{32}$/),
  "user.id": text(40),
  "http.response.status_code": fc.integer({ min: 100, max: 599 }),
  "error.stack_trace": text(500),
  labels: fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), text(30), { maxKeys: 5 }),
  extra: fc.jsonValue({ maxDepth: 2 }),
}, { requiredKeys: ["message", "service.name"] });

Deno.test("LogEvent schema: every event the parser accepts validates against the document", () => {
  let accepted = 0;
  fc.assert(
    fc.property(rawEvent, (raw) => {
      const parsed = parseLogEvent(raw, { now, newId: () => crypto.randomUUID() });
      if (!parsed.ok) return;
      accepted++;
      const checked = LogEventSchema.safeParse(parsed.event);
      assert.ok(checked.success, JSON.stringify(checked.error?.issues));
    }),
    { numRuns: 500 },
  );
  assert.ok(accepted > 100, `only ${accepted} generated events were accepted`);
});
