/**
 * Component and index templates of the log data streams: one settings and
 * one mappings component shared by all, and one index template per stream
 * (`logs-<stream>-*`, any namespace) that makes it a data stream and names
 * its lifecycle policy where the engine has ILM.
 * @module
 */
import type { estypes } from "@elastic/elasticsearch";
import type { Cluster_PutComponentTemplate_RequestBody } from "@opensearch-project/opensearch/api/cluster/putComponentTemplate.js";
import type { Indices_PutIndexTemplate_RequestBody } from "@opensearch-project/opensearch/api/indices/putIndexTemplate.js";
import type { LifecycleStream } from "./lifecycle_policies.ts";
import { lifecyclePolicyName } from "./lifecycle_policies.ts";
import { FLATTENED_TYPES, logAnalysis, logMappings } from "./log_mappings.ts";

export const SETTINGS_COMPONENT = "logaudit-logs-settings";
export const MAPPINGS_COMPONENT = "logaudit-logs-mappings";
/** Above Elasticsearch's built-in `logs` template (100), so ours wins for our streams. */
export const TEMPLATE_PRIORITY = 200;
const META = { managed_by: "logging-audit-service", version: 1 };

/** Name of a stream's index template. */
export function indexTemplateName(stream: LifecycleStream): string {
  return `logaudit-logs-${stream}`;
}

/** The settings component: one primary shard per backing index, replicas as nodes allow. */
export function settingsComponent() {
  return {
    template: {
      settings: {
        number_of_shards: 1,
        auto_expand_replicas: "0-1",
        refresh_interval: "1s",
      },
    },
    _meta: META,
  };
}

/**
 * The mappings component, with the engine's flattened type (see
 * `FLATTENED_TYPES`) and the text analyser its mappings name (a component is
 * validated on its own, so the analyser must live beside them).
 */
export function mappingsComponent<F extends object>(flattened: F) {
  return {
    template: { settings: { analysis: logAnalysis() }, mappings: logMappings(flattened) },
    _meta: META,
  };
}

/** The index template of one stream. */
export function indexTemplate(stream: LifecycleStream, options: { ilm: boolean }) {
  return {
    index_patterns: [`logs-${stream}-*`],
    data_stream: {},
    composed_of: [SETTINGS_COMPONENT, MAPPINGS_COMPONENT],
    priority: TEMPLATE_PRIORITY,
    template: {
      settings: options.ilm ? { "index.lifecycle.name": lifecyclePolicyName(stream) } : {},
    },
    _meta: { ...META, stream },
  };
}

// Both flavours, checked against each client's request types.
export const _typedForElasticsearch: [
  Omit<estypes.ClusterPutComponentTemplateRequest, "name">,
  Omit<estypes.ClusterPutComponentTemplateRequest, "name">,
  Omit<estypes.IndicesPutIndexTemplateRequest, "name">,
] = [
  settingsComponent(),
  mappingsComponent(FLATTENED_TYPES.elasticsearch),
  indexTemplate("app", { ilm: true }),
];
export const _typedForOpenSearch: [
  Cluster_PutComponentTemplate_RequestBody,
  Cluster_PutComponentTemplate_RequestBody,
  Indices_PutIndexTemplate_RequestBody,
] = [
  settingsComponent(),
  mappingsComponent(FLATTENED_TYPES.opensearch),
  indexTemplate("app", { ilm: false }),
];
