/** One dependency the service talks to, checked by the health endpoints. */
export interface DependencyCheck {
  readonly name: string;
  /** Required dependencies decide readiness; optional ones only report. */
  readonly required: boolean;
  /** What backs it, shown to operators (`postgres`, `pglite`, `opensearch`…). */
  readonly kind: string;
  /** Resolves when healthy (optionally with a short detail), rejects otherwise. */
  check(signal: AbortSignal): Promise<string | void>;
}

export interface DependencyStatus {
  readonly name: string;
  readonly kind: string;
  readonly required: boolean;
  readonly status: "up" | "down";
  readonly latency_ms: number;
  readonly detail?: string;
}

export interface HealthReport {
  readonly status: "up" | "degraded" | "down";
  readonly ready: boolean;
  readonly dependencies: readonly DependencyStatus[];
}

/**
 * Checks every dependency concurrently, each bounded by `timeoutMs`. Ready
 * when every required dependency answered; degraded when only optional ones
 * did not.
 */
export async function checkHealth(
  checks: readonly DependencyCheck[],
  options: { timeoutMs: number; now?: () => number },
): Promise<HealthReport> {
  const now = options.now ?? (() => performance.now());
  const dependencies = await Promise.all(checks.map(async (dep): Promise<DependencyStatus> => {
    const started = now();
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const detail = await Promise.race([
        dep.check(signal),
        new Promise<never>((_, reject) =>
          signal.addEventListener("abort", () => reject(new Error("timed out")), { once: true })
        ),
      ]);
      return status(dep, "up", now() - started, detail ?? undefined);
    } catch (error) {
      return status(
        dep,
        "down",
        now() - started,
        error instanceof Error ? error.message : "failed",
      );
    }
  }));
  const ready = dependencies.every((d) => !d.required || d.status === "up");
  const allUp = dependencies.every((d) => d.status === "up");
  return { status: allUp ? "up" : ready ? "degraded" : "down", ready, dependencies };
}

function status(
  dep: DependencyCheck,
  state: "up" | "down",
  latency: number,
  detail: string | undefined,
): DependencyStatus {
  return {
    name: dep.name,
    kind: dep.kind,
    required: dep.required,
    status: state,
    latency_ms: Math.round(latency * 10) / 10,
    ...(detail ? { detail: detail.slice(0, 200) } : {}),
  };
}
