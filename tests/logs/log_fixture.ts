/**
 * One shared data set and one table of queries with their expected hits.
 * Every log store adapter runs the same table (`log_store_contract.ts`), so
 * Elasticsearch, OpenSearch, Postgres and PGlite are proven to answer alike.
 * @module
 */
import type { LogSearchInput } from "../../domain/logs/mod.ts";

const MIN = 60_000;

/** The fixture's "now": whole seconds, so ISO texts are stable. */
export function fixtureNow(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

type Raw = Record<string, unknown>;

/** The events, by id; `at` is minutes before the fixture's now. */
export function fixtureEvents(now: Date): Raw[] {
  const t = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MIN).toISOString();
  const ev = (id: string, minutesAgo: number, fields: Raw): Raw => ({
    "event.id": id,
    "@timestamp": t(minutesAgo),
    ...fields,
  });
  return [
    ev("e01", 50, {
      "service.name": "checkout",
      "log.level": "info",
      message: "Order 1001 created for cart 77",
      "user.id": "u-1",
      "trace.id": "t-aaa",
      "url.path": "/api/orders",
      "http.request.method": "POST",
      "http.response.status_code": 201,
      labels: { team: "core" },
    }),
    ev("e02", 48, {
      service: { name: "checkout" },
      log: { level: "warn" },
      message: "Slow response from payments-api took 2300 ms",
      trace: { id: "t-aaa" },
    }),
    ev("e03", 47, {
      "service.name": "payments",
      "log.level": "error",
      message: "Payment authorization failed",
      "error.type": "CardDeclined",
      "error.message": "card declined by issuer",
      "user.id": "u-1",
      "trace.id": "t-aaa",
      "http.response.status_code": 402,
    }),
    ev("e04", 46, {
      "service.name": "payments",
      "log.level": "error",
      message: "Payment gateway timeout",
      "error.type": "TimeoutError",
      "error.message": "connection timeout after 30s",
      "http.response.status_code": 504,
    }),
    ev("e05", 45, {
      "service.name": "checkout",
      "log.level": "error",
      message: "Checkout failed: upstream timeout",
      "error.type": "TimeoutError",
      "error.message": "payments-api did not answer",
      "trace.id": "t-bbb",
      "http.response.status_code": 502,
    }),
    ev("e06", 44, {
      "service.name": "auth",
      "log.level": "info",
      "event.category": "security",
      message: "User login succeeded",
      "event.action": "user-login",
      "event.outcome": "success",
      "user.id": "u-2",
      "source.ip": "10.0.0.5",
    }),
    ev("e07", 43, {
      "service.name": "auth",
      "log.level": "warn",
      "event.category": "security",
      message: "User login failed: bad password",
      "event.action": "user-login",
      "event.outcome": "failure",
      "user.id": "u-3",
      "source.ip": "203.0.113.9",
    }),
    ev("e08", 42, {
      "service.name": "auth",
      "log.level": "warn",
      "event.category": "security",
      message: "User login failed: bad password",
      "event.action": "user-login",
      "event.outcome": "failure",
      "user.id": "u-3",
      "source.ip": "203.0.113.9",
    }),
    ev("e09", 41, {
      "service.name": "inventory",
      "log.level": "debug",
      message: "Cache refreshed for sku-4411",
      labels: { team: "stock" },
    }),
    ev("e10", 40, {
      "service.name": "inventory",
      "log.level": "info",
      message: "Stock level low for sku-4411",
      labels: { team: "stock" },
    }),
    ev("e11", 39, {
      "service.name": "inventory",
      "log.level": "fatal",
      message: "Database connection refused",
      "error.type": "ConnectionError",
      "error.message": "connection refused to db-primary:5432",
    }),
    ev("e12", 38, {
      "service.name": "checkout",
      "log.level": "info",
      message: "GET /api/orders/1001 answered",
      "url.path": "/api/orders/1001",
      "http.request.method": "GET",
      "http.response.status_code": 200,
    }),
    ev("e13", 37, {
      "service.name": "payments",
      "log.level": "info",
      message: "Refund issued for order 1001",
      "user.id": "u-1",
    }),
    ev("e14", 36, {
      "service.name": "checkout",
      "log.level": "trace",
      message: "checkout-api heartbeat",
    }),
    ev("e15", 35, {
      "service.name": "payments",
      "log.level": "error",
      message: "Payment gateway timeout",
      "error.type": "TimeoutError",
      "error.message": "connection timeout after 30s",
    }),
    ev("e16", 34, {
      "service.name": "auth",
      "log.level": "error",
      "event.category": "security",
      message: "Access denied to admin console",
      "event.action": "access-denied",
      "event.outcome": "failure",
      "user.id": "u-2",
      "url.path": "/admin",
      "http.response.status_code": 403,
    }),
    ev("e17", 33, {
      "service.name": "checkout",
      "log.level": "info",
      message: "Order 1002 created for cart 78",
      "user.id": "u-4",
      "http.response.status_code": 201,
    }),
    ev("e18", 32, {
      "service.name": "payments",
      "log.level": "warn",
      message: "Retrying payment capture (attempt 2)",
      "trace.id": "t-ccc",
    }),
    ev("e19", 31, { "service.name": "inventory", message: "Reserved 3 units of sku-9000" }),
    ev("e20", 30, {
      "service.name": "checkout",
      "log.level": "error",
      message: "Unhandled exception in order service",
      "error.type": "NullPointerException",
      "error.message": "order.customer was null",
      "error.stack_trace":
        "NullPointerException: order.customer was null\n    at OrderService.place",
    }),
    ev("e21", 29, { "service.name": "checkout", message: "Same timestamp A" }),
    ev("e22", 29, { "service.name": "checkout", message: "Same timestamp B" }),
    ev("e23", 120, { "service.name": "auth", message: "Token refreshed" }),
    ev("e24", 28, { "service.name": "payments", message: "Événement reçu: paiement validé" }),
    ev("e25", 5, { "service.name": "checkout", message: "Health check ok" }),
  ];
}

/** One query and the ids it must return, in order. */
export interface QueryCase {
  readonly name: string;
  readonly input: LogSearchInput;
  /** Leave out to use the fixture window (the last hour). */
  readonly window?: "default";
  readonly expect: readonly string[];
}

const ALL_IN_HOUR = [
  "e25",
  "e24",
  "e22",
  "e21",
  "e20",
  "e19",
  "e18",
  "e17",
  "e16",
  "e15",
  "e14",
  "e13",
  "e12",
  "e11",
  "e10",
  "e09",
  "e08",
  "e07",
  "e06",
  "e05",
  "e04",
  "e03",
  "e02",
  "e01",
];

/** The shared table. */
export const QUERY_CASES: readonly QueryCase[] = [
  { name: "everything in range, newest first, ties by id", input: {}, expect: ALL_IN_HOUR },
  { name: "default range is the last 15 minutes", input: {}, window: "default", expect: ["e25"] },
  {
    name: "word in message or error message",
    input: { q: "timeout" },
    expect: ["e15", "e05", "e04"],
  },
  { name: "phrase", input: { q: '"connection refused"' }, expect: ["e11"] },
  { name: "two words are ANDed", input: { q: "connection refused" }, expect: ["e11"] },
  { name: "phrase order matters", input: { q: '"refused connection"' }, expect: [] },
  { name: "phrase in error message only", input: { q: '"card declined"' }, expect: ["e03"] },
  { name: "OR", input: { q: "timeout OR declined" }, expect: ["e15", "e05", "e04", "e03"] },
  {
    name: "NOT with a field filter",
    input: { q: "timeout NOT service:checkout" },
    expect: ["e15", "e04"],
  },
  {
    name: "-word with level filter",
    input: { q: "-timeout level:error" },
    expect: ["e20", "e16", "e03"],
  },
  { name: "word prefix", input: { q: "time*" }, expect: ["e22", "e21", "e15", "e05", "e04"] },
  { name: "numeric range", input: { q: "status:>=500" }, expect: ["e05", "e04"] },
  { name: "keyword prefix", input: { q: "url.path:/api/orders*" }, expect: ["e12", "e01"] },
  { name: "label", input: { q: "labels.team:stock" }, expect: ["e10", "e09"] },
  {
    name: "service parameter",
    input: { service: ["payments"] },
    expect: ["e24", "e18", "e15", "e13", "e04", "e03"],
  },
  { name: "level parameter", input: { level: ["warn"] }, expect: ["e18", "e08", "e07", "e02"] },
  {
    name: "category parameter",
    input: { category: "security" },
    expect: ["e16", "e08", "e07", "e06"],
  },
  { name: "trace id", input: { trace_id: "t-aaa" }, expect: ["e03", "e02", "e01"] },
  { name: "user id", input: { user_id: "u-1" }, expect: ["e13", "e03", "e01"] },
  { name: "word, not the service name", input: { q: "checkout" }, expect: ["e14", "e05"] },
  { name: "hyphenated word as a phrase", input: { q: '"checkout-api"' }, expect: ["e14"] },
  { name: "hyphenated word in either field", input: { q: "payments-api" }, expect: ["e05", "e02"] },
  { name: "accents and case", input: { q: "ÉVÉNEMENT" }, expect: ["e24"] },
  { name: "word inside sku-4411", input: { q: "sku" }, expect: ["e19", "e10", "e09"] },
  { name: "number inside a word", input: { q: "4411" }, expect: ["e10", "e09"] },
  {
    name: "oldest first",
    input: { service: ["auth"], sort: "oldest" },
    expect: ["e06", "e07", "e08", "e16"],
  },
  {
    name: "grouping",
    input: { q: "(timeout OR refused) AND service:payments" },
    expect: ["e15", "e04"],
  },
  { name: "error type", input: { q: "error.type:TimeoutError" }, expect: ["e15", "e05", "e04"] },
  {
    name: "action and outcome",
    input: { q: "action:user-login outcome:failure" },
    expect: ["e08", "e07"],
  },
  { name: "quoted keyword value", input: { q: 'user.id:"u-3"' }, expect: ["e08", "e07"] },
  {
    name: "NOT keeps events without the field",
    input: { q: "NOT status:>=400", service: ["checkout"] },
    expect: ["e25", "e22", "e21", "e20", "e17", "e14", "e12", "e02", "e01"],
  },
  {
    name: "keyword values are exact and case-sensitive",
    input: { q: "error.type:timeouterror" },
    expect: [],
  },
  { name: "service prefix", input: { q: "service:inv*" }, expect: ["e19", "e11", "e10", "e09"] },
];
