export {
  type BreakerState,
  type BreakerStateChange,
  type CircuitBreakers,
  type DependencyBreaker,
  retryAfterSeconds,
} from "./breakers.ts";
