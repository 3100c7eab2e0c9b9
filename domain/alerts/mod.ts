export {
  type Alert,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type AlertOccurrence,
  type AlertSeverity,
  type AlertStatus,
  type ChannelNotification,
} from "./alert.ts";
