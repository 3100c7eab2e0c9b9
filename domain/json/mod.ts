export {
  findIJsonDefects,
  formatJsonPath,
  type IJsonDefect,
  type IJsonDefectKind,
} from "./ijson_defects.ts";
export { findUnstorableText, isStorableText, recordableText } from "./storable_text.ts";
