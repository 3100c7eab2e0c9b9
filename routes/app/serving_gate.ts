import { AppError } from "../../domain/errors/mod.ts";
import { toProblem } from "./problem.ts";

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * Lets the server listen before the application is built and drain before it
 * stops. Until `open`, liveness answers 200 (the process is fine, just
 * starting) while readiness and everything else answer 503 — so an
 * orchestrator neither kills a slow-starting pod nor sends it traffic. While
 * draining (readiness already says down), requests are still served — one
 * whose body is still arriving is read to the end, not cut — until none has
 * been in progress for a quiet period or the grace is over; after that the
 * gate closes and what still comes gets a 503 with `Retry-After`.
 */
export function createServingGate() {
  let target: Fetch | undefined;
  let closed = false;
  let inFlight = 0;
  let changed: (() => void) | undefined;

  function refuse(request: Request, detail: string, headers: Record<string, string>) {
    const { pathname } = new URL(request.url);
    const requestId = headers["x-request-id"]!;
    if (pathname === "/health/live") return Response.json({ status: "up" }, { headers });
    if (pathname === "/health/ready") {
      return Response.json({ status: "down" }, { status: 503, headers });
    }
    const problem = toProblem(
      new AppError("SERVICE_UNAVAILABLE", { detail }),
      requestId,
      pathname.slice(0, 512),
    );
    return new Response(JSON.stringify(problem), {
      status: 503,
      headers: { ...headers, "content-type": "application/problem+json" },
    });
  }

  async function serve(app: Fetch, request: Request): Promise<Response> {
    inFlight++;
    changed?.();
    try {
      return await app(request);
    } finally {
      inFlight--;
      changed?.();
    }
  }

  function fetch(request: Request): Response | Promise<Response> {
    const requestId = crypto.randomUUID();
    if (closed) {
      return refuse(request, "the service is shutting down; retry on another instance", {
        "x-request-id": requestId,
        "retry-after": "1",
        connection: "close",
      });
    }
    if (target) return serve(target, request);
    return refuse(request, "the service is starting", {
      "x-request-id": requestId,
      "retry-after": "1",
    });
  }

  return {
    fetch,
    open(app: Fetch) {
      target = app;
    },
    /**
     * Resolves once no request has been in progress for `quietMs`, or after
     * `graceMs`; from then on the gate answers 503.
     */
    drain(options: { graceMs: number; quietMs: number }): Promise<void> {
      return new Promise<void>((resolve) => {
        let quiet: ReturnType<typeof setTimeout> | undefined;
        const finish = () => {
          clearTimeout(grace);
          clearTimeout(quiet);
          changed = undefined;
          closed = true;
          resolve();
        };
        const grace = setTimeout(finish, options.graceMs);
        changed = () => {
          clearTimeout(quiet);
          if (inFlight === 0) quiet = setTimeout(finish, options.quietMs);
        };
        changed();
      });
    },
    /** Requests being answered now. */
    inFlight: () => inFlight,
  };
}
