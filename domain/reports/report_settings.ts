/**
 * What the report builders take from configuration. Plain data, so it can be
 * posted to a worker with every chunk of rows.
 * @module
 */
import { DEFAULT_PCI_MAPPING, type PciRule } from "./pci_requirements.ts";

export interface ReportSettings {
  /** PCI DSS 10.2.1 mapping (`REPORT_PCI_MAPPING`). */
  readonly pciMapping: readonly PciRule[];
  /** Resource types that hold personal data (privacy report). */
  readonly personalDataResourceTypes: readonly string[];
  /** Actions (patterns) that are administrative (security report). */
  readonly adminActions: readonly string[];
  /** Action types that are administrative (security report). */
  readonly adminActionTypes: readonly string[];
  /** `Mon-Fri 08:00-18:00` style business hours. */
  readonly businessHours: string;
  /** IANA time zone of the business hours. */
  readonly timeZone: string;
  /** Lines in each "top" table (offenders, actors). */
  readonly topN: number;
  /** An actor's day is unusual when its reads exceed this many times the actor's median day. */
  readonly unusualFactor: number;
  /** …and are at least this many (a median of 1 makes 4 reads no incident). */
  readonly unusualMinimum: number;
  /**
   * Most distinct keys one grouping keeps (actors, actor-days, …); beyond it
   * rows are counted under `(other)` and the report says it was truncated.
   * Bounds memory whatever the rows hold.
   */
  readonly maxGroups: number;
}

/** The defaults of the configuration, for tests and tools. */
export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  pciMapping: DEFAULT_PCI_MAPPING,
  personalDataResourceTypes: ["user", "customer", "person", "profile", "patient", "employee"],
  adminActions: ["admin.*"],
  adminActionTypes: ["permission_change", "config_change"],
  businessHours: "Mon-Fri 08:00-18:00",
  timeZone: "UTC",
  topN: 20,
  unusualFactor: 3,
  unusualMinimum: 20,
  maxGroups: 50_000,
};
