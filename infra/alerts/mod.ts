export { type Channels, channelsFromConfig, retryPolicy } from "./channels_from_config.ts";
export { type DeliverOnce, retryingSender, type RetryPolicy } from "./retrying_sender.ts";
export { DeliveryError } from "./delivery_error.ts";
export { slackMessage } from "./slack.ts";
export { PAGERDUTY_SEVERITY, pagerDutyEvent } from "./pagerduty.ts";
export { webhookBody, webhookSignature } from "./webhook.ts";
export { alertmanagerAlert } from "./alertmanager.ts";
export { emailMessage } from "./email.ts";
