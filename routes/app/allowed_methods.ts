/**
 * The methods each path of the app answers, for a 405 with `Allow` (RFC 9110
 * §15.5.6) instead of a 404 when a known path is asked with another method.
 * Built lazily from the registered routes, after every router is mounted.
 * @module
 */

interface RegisteredRoute {
  readonly method: string;
  readonly path: string;
}

/** Returns a lookup from a request path to the methods it answers (empty: unknown path). */
export function allowedMethods(routes: () => readonly RegisteredRoute[]) {
  let table: { pattern: RegExp; static: boolean; methods: Set<string> }[] | undefined;
  const build = () => {
    const byPath = new Map<string, Set<string>>();
    for (const route of routes()) {
      if (route.method === "ALL" || route.path.includes("*")) continue;
      const methods = byPath.get(route.path) ?? new Set<string>();
      methods.add(route.method);
      // The router answers HEAD for every GET route.
      if (route.method === "GET") methods.add("HEAD");
      byPath.set(route.path, methods);
    }
    return [...byPath].map(([path, methods]) => ({
      pattern: templatePattern(path),
      static: !path.includes(":"),
      methods,
    }));
  };
  return (path: string): string[] => {
    table ??= build();
    // A static path outranks a template that also matches it, as in the
    // router: `/api/v1/searches/frequent` is not `/api/v1/searches/:id`.
    const matching = table.filter((entry) => entry.pattern.test(path));
    const exact = matching.filter((entry) => entry.static);
    const allowed = new Set((exact.length > 0 ? exact : matching).flatMap((e) => [...e.methods]));
    return [...allowed].sort();
  };
}

function templatePattern(template: string): RegExp {
  const source = template
    .split("/")
    .map((part) => part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("/");
  return new RegExp(`^${source}/?$`);
}
