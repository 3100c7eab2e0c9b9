export { createTokenVerifier, type KeySource, type TokenVerifier } from "./verifier.ts";
export { authFromConfig, type AuthSetup } from "./from_config.ts";
export {
  DEV_SIGNING_ALGORITHM,
  type DevSigningKey,
  loadOrCreateDevSigningKey,
  readDevSigningKey,
} from "./dev_signing_key.ts";
