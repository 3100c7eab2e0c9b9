export {
  checkHealth,
  type DependencyCheck,
  type DependencyStatus,
  type HealthReport,
} from "./health.ts";
