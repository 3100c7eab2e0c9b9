export {
  CHECKPOINT_ALGORITHM,
  type CheckpointKeys,
  type CheckpointKeySettings,
  loadCheckpointKeys,
} from "./checkpoint_keys.ts";
export {
  checkCheckpointSignatures,
  CHECKPOINT_TYPE,
  type CheckpointStatement,
  signCheckpoint,
  type StoredCheckpoint,
} from "./checkpoint_jws.ts";
