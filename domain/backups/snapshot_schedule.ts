import type { SnapshotInfo } from "./ports.ts";

/** When snapshots are taken: the first one of the day (UTC) and the hours between them. */
export interface SnapshotTimes {
  /** "HH:MM", UTC. */
  readonly timeUtc: string;
  /** Divides 24. */
  readonly everyHours: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function offsetMs(times: SnapshotTimes): number {
  const [hours = 0, minutes = 0] = times.timeUtc.split(":").map(Number);
  return ((hours % times.everyHours) * 60 + minutes) * 60_000;
}

/** The latest scheduled instant at or before `now`. */
export function slotAt(now: Date, times: SnapshotTimes): Date {
  const period = times.everyHours * HOUR_MS;
  const offset = offsetMs(times);
  const dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const intoDay = now.getTime() - dayStart;
  const slot = dayStart + Math.floor((intoDay - offset) / period) * period + offset;
  return new Date(slot);
}

/** The UTC hours of the day snapshots are taken at, ascending. */
export function slotHours(times: SnapshotTimes): number[] {
  const [first = 0] = times.timeUtc.split(":").map(Number);
  const hours: number[] = [];
  for (let h = first % times.everyHours; h < 24; h += times.everyHours) hours.push(h);
  return hours;
}

/** The schedule as an Elasticsearch SLM cron (Quartz: seconds first). */
export function slmCron(times: SnapshotTimes): string {
  const minutes = Number(times.timeUtc.split(":")[1]);
  return `0 ${minutes} ${slotHours(times).join(",")} * * ?`;
}

/** The schedule as a five-field cron (OpenSearch snapshot management, with timezone UTC). */
export function standardCron(times: SnapshotTimes): string {
  const minutes = Number(times.timeUtc.split(":")[1]);
  return `${minutes} ${slotHours(times).join(",")} * * *`;
}

/** The name of the snapshot the service takes for `slot`: the same in every pod. */
export function scheduledSnapshotName(prefix: string, slot: Date): string {
  const iso = slot.toISOString(); // 2026-12-04T01:30:00.000Z
  return `${prefix}-${iso.slice(0, 10).replaceAll("-", ".")}-${iso.slice(11, 13)}${
    iso.slice(14, 16)
  }`;
}

/** How long snapshots are kept, like SLM's retention. */
export interface SnapshotRetention {
  readonly expireAfterMs: number;
  readonly minCount: number;
  readonly maxCount: number;
}

/**
 * The snapshots of `prefix` to delete: successful ones older than the
 * retention while more than `minCount` remain, and the oldest beyond
 * `maxCount`. Failed or partial ones are deleted once a newer successful one
 * exists. Snapshots of other names are never touched.
 */
export function expiredSnapshots(
  snapshots: readonly SnapshotInfo[],
  prefix: string,
  retention: SnapshotRetention,
  now: Date,
): string[] {
  const ours = snapshots.filter((s) => s.name.startsWith(`${prefix}-`) && s.state !== "IN_PROGRESS")
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  const good = ours.filter((s) => s.state === "SUCCESS");
  const newestGood = good[0]?.startedAt.getTime() ?? Infinity;
  const expired = new Set<string>();
  good.forEach((s, index) => {
    const old = now.getTime() - s.startedAt.getTime() > retention.expireAfterMs;
    if (index >= retention.maxCount || (old && index >= retention.minCount)) expired.add(s.name);
  });
  for (const s of ours) {
    if (s.state !== "SUCCESS" && s.startedAt.getTime() < newestGood) expired.add(s.name);
  }
  return [...expired];
}
