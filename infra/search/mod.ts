export {
  closeSearchClient,
  clusterHealth,
  createSearchClient,
  type SearchClient,
  type SearchClientOptions,
} from "./clients.ts";
export { searchHealthCheck } from "./health.ts";
