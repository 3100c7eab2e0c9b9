/**
 * Realistic synthetic log events — several services, every level, errors
 * with stack traces, security events, some personal data for the masker —
 * for `deno task seed-logs` and the log search benchmark. Seeded, so two
 * runs with the same seed produce the same events.
 * @module
 */
import { base, en, Faker } from "@faker-js/faker";

/** Options of {@linkcode demoLogEvents}. */
export interface DemoOptions {
  readonly count: number;
  readonly now: Date;
  /** Events spread over this many hours before `now`… */
  readonly hours: number;
  /** …except this share, which falls in the last 15 minutes (the default search range). */
  readonly recentShare?: number;
  readonly seed?: number;
  /** Prefix of the generated event ids (ids are idempotency keys). */
  readonly idPrefix?: string;
}

type Raw = Record<string, unknown>;

/** `count` demo events, oldest first. */
export function demoLogEvents(options: DemoOptions): Raw[] {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(options.seed ?? 42);
  const spanMs = options.hours * 3_600_000;
  const recentShare = options.recentShare ?? 0.2;
  const prefix = options.idPrefix ?? `demo-${options.seed ?? 42}`;
  const events: Raw[] = [];
  const next = pick(faker);
  for (let i = 0; i < options.count; i++) {
    const ageMs = faker.number.float() < recentShare
      ? faker.number.int({ min: 0, max: 14 * 60_000 })
      : faker.number.int({ min: 0, max: spanMs });
    const at = new Date(options.now.getTime() - ageMs).toISOString();
    const body = next();
    events.push({
      "event.id": `${prefix}-${String(i).padStart(7, "0")}`,
      "@timestamp": at,
      "service.environment": "demo",
      "host.name": `${body["service.name"]}-${faker.number.int({ min: 1, max: 3 })}`,
      "trace.id": faker.string.hexadecimal({ length: 32, casing: "lower", prefix: "" }),
      ...body,
    });
  }
  return events.sort((a, b) => String(a["@timestamp"]).localeCompare(String(b["@timestamp"])));
}

function pick(faker: Faker): () => Raw {
  const user = () => `u-${faker.number.int({ min: 1000, max: 1099 })}`;
  const order = () => faker.number.int({ min: 10_000, max: 99_999 });
  const sku = () => `sku-${faker.number.int({ min: 1000, max: 9999 })}`;
  const ms = () => faker.number.int({ min: 3, max: 2500 });
  const stack = (type: string, fn: string) =>
    `${type}: ${fn} failed\n    at ${fn} (src/${fn.toLowerCase()}.ts:${
      faker.number.int(400)
    }:11)\n` +
    `    at handle (src/server.ts:${faker.number.int(200)}:5)\n    at processTicksAndRejections`;
  const kinds: [number, () => Raw][] = [
    [20, () => ({
      "service.name": "checkout",
      message: `Order ${order()} created for cart ${faker.number.int(999)}`,
      "user.id": user(),
      "http.request.method": "POST",
      "url.path": "/api/orders",
      "http.response.status_code": 201,
      labels: { team: "commerce" },
    })],
    [16, () => {
      const status = faker.helpers.weightedArrayElement([
        { weight: 8, value: 200 },
        { weight: 1, value: 404 },
        { weight: 1, value: 503 },
      ]);
      const path = faker.helpers.arrayElement([
        "/api/orders",
        "/api/cart",
        "/api/products",
        "/api/users/me",
      ]);
      return {
        "service.name": "gateway",
        "log.level": status >= 500 ? "error" : status >= 400 ? "warn" : "info",
        message: `GET ${path} answered ${status} in ${ms()} ms`,
        "http.request.method": "GET",
        "url.path": path,
        "http.response.status_code": status,
        "user_agent.original": faker.internet.userAgent(),
        "source.ip": faker.internet.ipv4(),
      };
    }],
    [10, () => ({
      "service.name": "inventory",
      "log.level": faker.helpers.arrayElement(["debug", "info"]),
      message: faker.helpers.arrayElement([
        `Reserved ${faker.number.int({ min: 1, max: 9 })} units of ${sku()}`,
        `Cache refreshed for ${sku()}`,
        `Stock level low for ${sku()}`,
      ]),
      labels: { team: "stock" },
    })],
    [8, () => ({
      "service.name": "checkout",
      "log.level": "warn",
      message: `Slow response from payments-api took ${ms() + 1000} ms`,
    })],
    [6, () => ({
      "service.name": "payments",
      "log.level": "error",
      message: "Payment gateway timeout",
      "error.type": "TimeoutError",
      "error.message": `connection timeout after ${faker.number.int({ min: 5, max: 30 })}s`,
      "error.stack_trace": stack("TimeoutError", "CapturePayment"),
      "http.response.status_code": 504,
    })],
    [4, () => ({
      "service.name": "payments",
      "log.level": "error",
      message: `Payment authorization failed for card ${faker.finance.creditCardNumber("visa")}`,
      "error.type": "CardDeclined",
      "error.message": "card declined by issuer",
      "user.id": user(),
    })],
    [2, () => ({
      "service.name": "search",
      "log.level": faker.helpers.arrayElement(["error", "fatal"]),
      message: "Unhandled exception in query planner",
      "error.type": "NullPointerException",
      "error.message": "plan.root was null",
      "error.stack_trace": stack("NullPointerException", "PlanQuery"),
    })],
    [8, () => {
      const ok = faker.number.float() < 0.7;
      return {
        "service.name": "auth",
        "log.level": ok ? "info" : "warn",
        "event.category": "security",
        "event.action": "user-login",
        "event.outcome": ok ? "success" : "failure",
        message: ok ? "User login succeeded" : "User login failed: bad password",
        "user.id": user(),
        "source.ip": faker.internet.ipv4(),
        "user_agent.original": faker.internet.userAgent(),
      };
    }],
    [2, () => ({
      "service.name": "auth",
      "log.level": "error",
      "event.category": "security",
      "event.action": "access-denied",
      "event.outcome": "failure",
      message: "Access denied to admin console",
      "user.id": user(),
      "url.path": "/admin",
      "http.response.status_code": 403,
      "source.ip": faker.internet.ipv4(),
    })],
    [6, () => ({
      "service.name": "notifications",
      message: faker.helpers.arrayElement([
        `Sent receipt to ${faker.internet.email()}`,
        `SMS sent to ${faker.phone.number({ style: "international" })}`,
        `Password reset requested with token=${faker.string.alphanumeric(24)}`,
      ]),
      "user.id": user(),
      attributes: { channel: faker.helpers.arrayElement(["email", "sms"]), attempt: 1 },
    })],
  ];
  const weighted = kinds.map(([weight, value]) => ({ weight, value }));
  return () => faker.helpers.weightedArrayElement(weighted)();
}
