/**
 * HTTP receivers on loopback standing in for Slack's incoming webhook,
 * PagerDuty's Events API v2 and a webhook consumer. Each checks every
 * payload against the documented format (a malformed one is answered 400
 * and recorded as a problem) and can be told to fail its next N requests.
 */
import { webhookSignature } from "../../infra/alerts/mod.ts";

export interface Received {
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

export interface Receiver extends AsyncDisposable {
  readonly url: string;
  readonly received: Received[];
  /** Format violations seen (must stay empty). */
  readonly problems: string[];
  /** Requests answered (failed or not). */
  requests: number;
  /** When each request arrived (`performance.now()`), failed or not. */
  readonly arrivals: number[];
  /** Answer the next `count` requests with `status` (and `headers`, e.g. `Retry-After`). */
  failNext(count: number, status?: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

type Check = (body: Record<string, unknown>, headers: Headers, raw: string) => Promise<string[]>;

function startReceiver(check: Check, okStatus = 200): Receiver {
  let failures = 0;
  let failStatus = 503;
  let failHeaders: Record<string, string> = {};
  const received: Received[] = [];
  const arrivals: number[] = [];
  const problems: string[] = [];
  const state = { requests: 0 };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    state.requests++;
    arrivals.push(performance.now());
    const raw = await req.text();
    if (failures > 0) {
      failures--;
      return new Response("unavailable", { status: failStatus, headers: failHeaders });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw);
    } catch {
      problems.push("body is not JSON");
      return new Response("bad json", { status: 400 });
    }
    const found = await check(body, req.headers, raw);
    if (found.length > 0) {
      problems.push(...found);
      return new Response(found.join("; "), { status: 400 });
    }
    received.push({ body, headers: req.headers });
    return new Response(okStatus === 202 ? '{"status":"success"}' : "ok", { status: okStatus });
  });
  const close = () => server.shutdown();
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    received,
    problems,
    arrivals,
    get requests() {
      return state.requests;
    },
    set requests(n) {
      state.requests = n;
    },
    failNext(count, status = 503, headers = {}) {
      failures = count;
      failStatus = status;
      failHeaders = headers;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** Slack incoming webhook: `text` plus Block Kit `blocks` of known types with valid parts. */
export function slackReceiver(): Receiver {
  return startReceiver((body) => {
    const problems: string[] = [];
    if (!isString(body.text)) problems.push("slack: text missing");
    const blocks = body.blocks;
    if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50) {
      problems.push("slack: blocks must be 1..50");
      return Promise.resolve(problems);
    }
    for (const block of blocks as Record<string, unknown>[]) {
      switch (block.type) {
        case "header": {
          const text = block.text as Record<string, unknown>;
          if (text?.type !== "plain_text" || !isString(text.text) || text.text.length > 150) {
            problems.push("slack: header needs plain_text of at most 150 characters");
          }
          break;
        }
        case "section": {
          const text = block.text as Record<string, unknown>;
          if (text?.type !== "mrkdwn" || String(text.text).length > 3000) {
            problems.push("slack: section text must be mrkdwn up to 3000 characters");
          }
          const fields = block.fields as unknown[] | undefined;
          if (
            fields &&
            (fields.length > 10 || fields.some((f) => (f as { type?: string }).type !== "mrkdwn"))
          ) {
            problems.push("slack: at most 10 mrkdwn fields");
          }
          break;
        }
        case "actions":
          for (const el of block.elements as Record<string, unknown>[]) {
            if (el.type !== "button" || !isString(el.url) || !isString(el.action_id)) {
              problems.push("slack: action elements must be buttons with url and action_id");
            }
          }
          break;
        case "divider":
        case "context":
          break;
        default:
          problems.push(`slack: unknown block type ${String(block.type)}`);
      }
    }
    return Promise.resolve(problems);
  });
}

const PD_SEVERITIES = ["critical", "error", "warning", "info"];

/** PagerDuty Events API v2 (`/v2/enqueue`), answered 202 like the real one. */
export function pagerDutyReceiver(routingKey: string): Receiver {
  return startReceiver((body) => {
    const problems: string[] = [];
    if (body.routing_key !== routingKey) problems.push("pagerduty: wrong routing_key");
    if (!["trigger", "acknowledge", "resolve"].includes(String(body.event_action))) {
      problems.push("pagerduty: bad event_action");
    }
    if (!isString(body.dedup_key) || body.dedup_key.length > 255) {
      problems.push("pagerduty: dedup_key must be 1..255 characters");
    }
    if (body.event_action === "trigger") {
      const payload = body.payload as Record<string, unknown> | undefined;
      if (!payload) problems.push("pagerduty: trigger needs a payload");
      else {
        if (!isString(payload.summary) || payload.summary.length > 1024) {
          problems.push("pagerduty: payload.summary must be 1..1024 characters");
        }
        if (!isString(payload.source)) problems.push("pagerduty: payload.source missing");
        if (!PD_SEVERITIES.includes(String(payload.severity))) {
          problems.push("pagerduty: payload.severity not one of critical|error|warning|info");
        }
        if (typeof payload.custom_details !== "object") {
          problems.push("pagerduty: custom_details missing");
        }
      }
    }
    return Promise.resolve(problems);
  }, 202);
}

/** A webhook consumer verifying the HMAC-SHA256 signature over `<timestamp>.<body>`. */
export function webhookReceiver(secret: string): Receiver {
  return startReceiver(async (body, headers, raw) => {
    const timestamp = headers.get("x-alert-timestamp") ?? "";
    const expected = await webhookSignature(secret, timestamp, raw);
    const problems: string[] = [];
    if (headers.get("x-alert-signature") !== expected) problems.push("webhook: bad signature");
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) problems.push("webhook: stale");
    if (!Array.isArray(body.alerts)) problems.push("webhook: alerts missing");
    return problems;
  });
}
