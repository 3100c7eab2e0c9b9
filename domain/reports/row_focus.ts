/**
 * Which rows and columns each report reads. A report asks the database only
 * for rows that can count in it (the security report never looks at a
 * successful document read) and only for the columns its builder reads; the
 * builder still applies its exact rules, so this narrows the reading, never
 * the answer. What a row source must match: any one of the conditions.
 * @module
 */
import type { ReportRows } from "./report_rows.ts";
import type { ReportSettings } from "./report_settings.ts";
import type { ReportType } from "./report_types.ts";

/** Rows matching any condition are read; `null`: every row of the scope. */
export interface RowFocus {
  readonly actionTypes: readonly string[];
  readonly outcomes: readonly string[];
  readonly resourceTypes: readonly string[];
  /** Action patterns (`admin.*` or exact). */
  readonly actions: readonly string[];
}

/** The rows a report of `type` can count. */
export function rowFocus(type: ReportType, settings: ReportSettings): RowFocus | null {
  switch (type) {
    case "security":
      return {
        actionTypes: ["login", "permission_change", ...settings.adminActionTypes],
        outcomes: ["denied"],
        resourceTypes: [],
        actions: settings.adminActions,
      };
    case "privacy":
      return {
        actionTypes: ["export"],
        outcomes: ["denied"],
        resourceTypes: settings.personalDataResourceTypes,
        actions: [],
      };
    case "compliance":
    case "gdpr":
      return null;
  }
}

/** The columns each report's builder reads; the others are left out of the chunks. */
export const REPORT_COLUMNS: Readonly<Record<ReportType, readonly (keyof ReportRows)[]>> = {
  security: [
    "seq",
    "at",
    "actor",
    "ip",
    "action",
    "action_type",
    "resource_type",
    "resource_id",
    "outcome",
  ],
  privacy: [
    "at",
    "actor",
    "action",
    "action_type",
    "resource_type",
    "outcome",
    "purpose",
    "count",
  ],
  compliance: ["at", "action", "action_type", "resource_type", "outcome"],
  gdpr: [
    "at",
    "actor",
    "actor_type",
    "action",
    "action_type",
    "resource_type",
    "resource_id",
    "outcome",
    "named",
  ],
};
