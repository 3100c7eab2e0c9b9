export {
  type Breaker,
  type BreakerRegistry,
  createBreakerRegistry,
  isBreakerRefusal,
} from "./circuit_breakers.ts";
export { type RetryPolicy, withRetries } from "./retry.ts";
export { retryAfterMs } from "./retry_after.ts";
