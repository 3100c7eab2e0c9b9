/**
 * Sensitive-data masking (SPEC S9): a pure rule set and the masker built on it.
 * Nothing here does I/O; the worker pool and the Logstash generator reuse it.
 */
export { createMasker, type Masker, type MaskerOptions } from "./masker.ts";
export {
  maskLogEventsForReader,
  maskValueForReader,
  type ReaderClearance,
} from "./read_masking.ts";
export { type IpMaskMode, maskIpAddress } from "./ip.ts";
export { DEFAULT_SENSITIVE_KEYS } from "./sensitive_keys.ts";
export { CIRCULAR_MARKER, DEPTH_LIMIT_MARKER } from "./mask_value.ts";
export {
  type EntityType,
  MASK_RULES,
  type MaskRule,
  SENSITIVE_KEYS_PLACEHOLDER,
  type Strategy,
  type ValidatorId,
} from "./rules.ts";
