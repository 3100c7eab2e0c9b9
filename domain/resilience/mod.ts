export {
  type BreakerState,
  type BreakerStateChange,
  type CircuitBreakers,
  type DependencyBreaker,
  NO_BREAKERS,
  retryAfterSeconds,
} from "./breakers.ts";
