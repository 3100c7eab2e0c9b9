import { DATA_STREAM_NAMESPACE, dataStreamName } from "../logs/build_search_body.ts";
import type { EngineAnswer, EngineHttp } from "./engine_http.ts";
import {
  ilmPolicy,
  ismPolicy,
  LIFECYCLE_STREAMS,
  lifecyclePolicyName,
  type LifecycleStream,
  RETENTION,
} from "./lifecycle_policies.ts";
import { FLATTENED_TYPES } from "./log_mappings.ts";
import {
  indexTemplate,
  indexTemplateName,
  MAPPINGS_COMPONENT,
  mappingsComponent,
  SETTINGS_COMPONENT,
  settingsComponent,
} from "./log_templates.ts";

/** What the engine behind the URL is and supports. */
export interface EngineCapabilities {
  readonly distribution: "elasticsearch" | "opensearch";
  readonly version: string;
  readonly dataStreams: boolean;
  readonly flattened: "flattened" | "flat_object" | "none";
  readonly lifecycle: "ilm" | "ism" | "none";
}

/** What a setup run did. */
export interface SetupReport {
  readonly capabilities: EngineCapabilities;
  readonly applied: readonly string[];
  readonly skipped: readonly string[];
}

/**
 * Detects the engine and installs, idempotently, everything the log store
 * needs: lifecycle policies (ILM or ISM), the settings and mappings
 * components, one data-stream index template per stream, and the data
 * streams of `namespace`. Whatever the engine lacks is reported as skipped,
 * with the reason.
 */
export async function setupSearchEngine(
  http: EngineHttp,
  options: { namespace: string; onProgress?: (line: string) => void },
): Promise<SetupReport> {
  if (!DATA_STREAM_NAMESPACE.test(options.namespace)) {
    throw new Error(`invalid namespace "${options.namespace}"`);
  }
  const say = options.onProgress ?? (() => {});
  const applied: string[] = [];
  const skipped: string[] = [];
  const step = async (label: string, run: () => Promise<EngineAnswer>) => {
    const answer = await run();
    if (answer.status >= 300) {
      throw new Error(`${label}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
    }
    applied.push(label);
    say(`  ✓ ${label}`);
  };

  const capabilities = await detectCapabilities(http);
  say(
    `engine: ${capabilities.distribution} ${capabilities.version} — data streams: ${
      capabilities.dataStreams ? "yes" : "no"
    }, flattened fields: ${capabilities.flattened}, lifecycle: ${capabilities.lifecycle}`,
  );
  if (!capabilities.dataStreams) {
    throw new Error(`${capabilities.distribution} ${capabilities.version} has no data streams`);
  }

  say("lifecycle policies");
  for (const stream of LIFECYCLE_STREAMS) {
    const name = lifecyclePolicyName(stream);
    if (capabilities.lifecycle === "ilm") {
      await step(
        `ILM policy ${name} (${RETENTION[stream].description})`,
        () => http.request("PUT", `/_ilm/policy/${name}`, { policy: ilmPolicy(stream) }),
      );
    } else if (capabilities.lifecycle === "ism") {
      await step(
        `ISM policy ${name} (${RETENTION[stream].description})`,
        () => putIsmPolicy(http, name, stream),
      );
    } else {
      skipped.push(`lifecycle policy ${name}`);
    }
  }
  if (capabilities.lifecycle === "none") {
    say(
      `  – skipped: lifecycle policies — ${
        capabilities.distribution === "opensearch"
          ? "the index-management (ISM) plugin is not installed"
          : "ILM is not available"
      }; retention must be enforced another way`,
    );
  }

  say("templates");
  const flattened = capabilities.flattened === "flattened"
    ? FLATTENED_TYPES.elasticsearch
    : capabilities.flattened === "flat_object"
    ? FLATTENED_TYPES.opensearch
    : FLATTENED_TYPES.none;
  if (capabilities.flattened === "none") {
    skipped.push("flattened labels/attributes");
    say("  – skipped: flattened fields — labels and attributes are stored, not searchable");
  }
  await step(
    `component template ${SETTINGS_COMPONENT}`,
    () => http.request("PUT", `/_component_template/${SETTINGS_COMPONENT}`, settingsComponent()),
  );
  await step(
    `component template ${MAPPINGS_COMPONENT}`,
    () =>
      http.request(
        "PUT",
        `/_component_template/${MAPPINGS_COMPONENT}`,
        mappingsComponent(flattened),
      ),
  );
  for (const stream of LIFECYCLE_STREAMS) {
    const name = indexTemplateName(stream);
    await step(`index template ${name} → logs-${stream}-*`, () =>
      http.request(
        "PUT",
        `/_index_template/${name}`,
        indexTemplate(stream, { ilm: capabilities.lifecycle === "ilm" }),
      ));
  }

  say(`data streams (namespace ${options.namespace})`);
  for (const stream of LIFECYCLE_STREAMS) {
    const name = dataStreamName(stream, options.namespace);
    const answer = await http.request("PUT", `/_data_stream/${name}`);
    if (answer.status < 300) {
      applied.push(`data stream ${name}`);
      say(`  ✓ data stream ${name} created`);
    } else if (isAlreadyExists(answer)) {
      say(`  ✓ data stream ${name} exists`);
    } else {
      throw new Error(`data stream ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }
  return { capabilities, applied, skipped };
}

/** Asks the engine what it is and what it can do. */
async function detectCapabilities(http: EngineHttp): Promise<EngineCapabilities> {
  const root = await http.request("GET", "/");
  const version = (root.body as { version?: { number?: string; distribution?: string } })
    ?.version;
  if (root.status !== 200 || !version?.number) {
    throw new Error(`no search engine answers (${root.status})`);
  }
  const [major = 0, minor = 0] = version.number.split(".").map(Number);
  const atLeast = (a: number, b: number) => major > a || (major === a && minor >= b);
  if (version.distribution === "opensearch") {
    const plugins = await http.request("GET", "/_cat/plugins?format=json");
    const names = Array.isArray(plugins.body)
      ? (plugins.body as { component?: string }[]).map((p) => p.component ?? "")
      : [];
    return {
      distribution: "opensearch",
      version: version.number,
      dataStreams: true,
      flattened: atLeast(2, 7) ? "flat_object" : "none",
      lifecycle: names.includes("opensearch-index-management") ? "ism" : "none",
    };
  }
  const ilm = await http.request("GET", "/_ilm/status");
  return {
    distribution: "elasticsearch",
    version: version.number,
    dataStreams: atLeast(7, 9),
    flattened: atLeast(7, 3) ? "flattened" : "none",
    lifecycle: ilm.status === 200 ? "ilm" : "none",
  };
}

/** ISM refuses a plain overwrite: update with the current sequence number. */
async function putIsmPolicy(
  http: EngineHttp,
  id: string,
  stream: LifecycleStream,
): Promise<EngineAnswer> {
  const body = { policy: ismPolicy(stream) };
  const current = await http.request("GET", `/_plugins/_ism/policies/${id}`);
  if (current.status === 404) return http.request("PUT", `/_plugins/_ism/policies/${id}`, body);
  const { _seq_no, _primary_term } = current.body as { _seq_no: number; _primary_term: number };
  return http.request(
    "PUT",
    `/_plugins/_ism/policies/${id}?if_seq_no=${_seq_no}&if_primary_term=${_primary_term}`,
    body,
  );
}

function isAlreadyExists(answer: EngineAnswer): boolean {
  const type = (answer.body as { error?: { type?: string } } | undefined)?.error?.type ?? "";
  return answer.status === 400 || answer.status === 409
    ? /already_exists/.test(type) || /already exists/i.test(JSON.stringify(answer.body))
    : false;
}
