export { type DisplayNames, displayNames } from "./display_names.ts";
export type { UserDirectory, UserInfo, UserLookup } from "./ports.ts";
