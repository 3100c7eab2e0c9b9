export { engineHttp } from "./engine_http.ts";
export { setupSearchEngine } from "./setup_search_engine.ts";
