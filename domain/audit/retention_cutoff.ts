const DAY_MS = 86_400_000;

/**
 * The instant, in epoch ms, before which events are past `retentionDays`:
 * appends refuse them and retention drops the months wholly before it. One
 * computation, so the two never disagree about where the period ends.
 */
export function auditRetentionCutoff(nowMs: number, retentionDays: number): number {
  return nowMs - retentionDays * DAY_MS;
}
