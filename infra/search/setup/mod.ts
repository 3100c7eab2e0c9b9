export { type EngineAnswer, type EngineHttp, engineHttp } from "./engine_http.ts";
export {
  detectCapabilities,
  type EngineCapabilities,
  LIFECYCLE_STREAMS,
  type SetupReport,
  setupSearchEngine,
} from "./setup_search_engine.ts";
export { ilmPolicy, ismPolicy, lifecyclePolicyName, RETENTION } from "./lifecycle_policies.ts";
export {
  indexTemplate,
  indexTemplateName,
  mappingsComponent,
  settingsComponent,
} from "./log_templates.ts";
export { FLATTENED_TYPES, logAnalysis, logMappings } from "./log_mappings.ts";
