import type { ChannelName } from "./alert.ts";
import type {
  AlertMasking,
  AlertMetrics,
  AlertStore,
  RecordAlertAudit,
  SilenceStore,
} from "./ports.ts";
import type { AlertRoute } from "./routing.ts";

/** Everything the alert use cases need, built by the composition root. */
export interface AlertDeps {
  readonly store: AlertStore;
  readonly silences: SilenceStore;
  readonly routes: readonly AlertRoute[];
  /** Channels with settings; a route naming another is skipped for it (default table only). */
  readonly configuredChannels: ReadonlySet<ChannelName>;
  readonly audit: RecordAlertAudit;
  readonly mask: AlertMasking;
  readonly metrics: AlertMetrics;
  readonly now: () => Date;
  /** A new alert id (UUIDv7, so keyset pages follow creation order). */
  readonly newId: () => string;
  /** Failures that must not fail the caller (an audit record after the change). */
  readonly reportError: (message: string, error: unknown) => void;
}

/** Who changes an alert. */
export interface AlertActor {
  readonly id: string;
  readonly type: "user" | "service" | "system";
}
