import { AppError } from "../../domain/errors/mod.ts";
import { toProblem } from "./problem.ts";

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * Lets the server listen before the application is built. Until `open` is
 * called, liveness answers 200 (the process is fine, just starting), while
 * readiness and everything else answer 503 — so an orchestrator neither kills
 * a slow-starting pod nor sends it traffic.
 */
export function createStartupGate() {
  let target: Fetch | undefined;

  function fetch(request: Request): Response | Promise<Response> {
    if (target) return target(request);
    const { pathname } = new URL(request.url);
    const requestId = crypto.randomUUID();
    const headers = { "x-request-id": requestId, "retry-after": "1" };
    if (pathname === "/health/live") return Response.json({ status: "up" }, { headers });
    if (pathname === "/health/ready") {
      return Response.json({ status: "down" }, { status: 503, headers });
    }
    const problem = toProblem(
      new AppError("SERVICE_UNAVAILABLE", { detail: "the service is starting" }),
      requestId,
      pathname,
    );
    return new Response(JSON.stringify(problem), {
      status: 503,
      headers: { ...headers, "content-type": "application/problem+json" },
    });
  }

  return {
    fetch,
    open(app: Fetch) {
      target = app;
    },
  };
}
