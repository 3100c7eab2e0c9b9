/**
 * The record of processing activities (GDPR Art. 30) kept as data: the
 * GDPR report answers Art. 15(1)(a), (b), (d) and (g) — purposes,
 * categories of personal data, how long each is kept, where the data comes
 * from — from it. The file is validated when the service starts.
 * @module
 */

/** One category of personal data and how long it is kept. */
export interface DataCategory {
  readonly name: string;
  /** Days kept; `null` when the period is set by a criterion instead (`retention_note`). */
  readonly retention_days: number | null;
  readonly retention_note?: string | undefined;
}

/** One processing activity. */
export interface ProcessingActivity {
  readonly id: string;
  readonly name: string;
  /** Art. 15(1)(a). */
  readonly purposes: readonly string[];
  readonly legal_basis: string;
  /** Art. 15(1)(b) and (d). */
  readonly data_categories: readonly DataCategory[];
  /** Art. 15(1)(c): the recipients or categories of recipients. */
  readonly recipients: readonly string[];
  /** Art. 15(1)(g): where the data comes from when not from the subject. */
  readonly source: string;
  /** Audit resource types this activity's events carry; marks activities seen in the trail. */
  readonly resource_types: readonly string[];
}

/** The register. */
export interface ProcessingRegister {
  readonly controller: { readonly name: string; readonly contact: string };
  readonly activities: readonly ProcessingActivity[];
}
