export {
  type Breaker,
  type BreakerOptions,
  type BreakerRegistry,
  createBreakerRegistry,
  isBreakerRefusal,
} from "./circuit_breakers.ts";
export { fullJitterDelay, type RetryOptions, type RetryPolicy, withRetries } from "./retry.ts";
export { retryAfterMs } from "./retry_after.ts";
