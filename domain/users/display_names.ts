import type { UserDirectory, UserLookup } from "./ports.ts";

/**
 * Display names for the ids of an answer, and whether they are all there:
 * `complete` (every known id named), `degraded` (the user service could not
 * be asked for some, or answered from an expired cache entry: those ids come
 * without a name or with the old one), `disabled` (no user service).
 */
export interface DisplayNames {
  readonly status: "complete" | "degraded" | "disabled";
  readonly names: Readonly<Record<string, string>>;
  /** Why the names are incomplete, when `degraded`. */
  readonly detail?: string;
}

/** Most lookups in flight at once for one answer. */
const CONCURRENCY = 8;

/** Looks the distinct `ids` up; never rejects, whatever the user service does. */
export async function displayNames(
  directory: UserDirectory | undefined,
  ids: Iterable<string>,
): Promise<DisplayNames> {
  if (!directory) return { status: "disabled", names: {} };
  const distinct = [...new Set(ids)].filter((id) => id !== "");
  const results = new Map<string, UserLookup>();
  let next = 0;
  const worker = async () => {
    while (next < distinct.length) {
      const id = distinct[next++]!;
      results.set(
        id,
        await directory.getUserInfo(id).catch((error: unknown) => ({
          status: "unavailable" as const,
          reason: error instanceof Error ? error.message : String(error),
        })),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, distinct.length) }, worker));

  const names: Record<string, string> = {};
  const reasons = new Set<string>();
  for (const [id, lookup] of results) {
    if (lookup.status === "found") {
      names[id] = lookup.user.display_name;
      if (lookup.stale) reasons.add("some names come from an expired cache entry");
    } else if (lookup.status === "unavailable") {
      reasons.add(lookup.reason);
    }
  }
  if (reasons.size === 0) return { status: "complete", names };
  return { status: "degraded", names, detail: [...reasons].slice(0, 3).join("; ") };
}
