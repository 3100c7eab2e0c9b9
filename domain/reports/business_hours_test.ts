import assert from "node:assert/strict";
import { parseBusinessHours, withinBusinessHours } from "./business_hours.ts";
import { actionMatcher, isActionPattern } from "./action_patterns.ts";

Deno.test("business hours: windows, several ranges, time zones with daylight saving", () => {
  const utc = withinBusinessHours(
    parseBusinessHours("Mon-Fri 08:00-18:00; Sat 09:00-12:00", "UTC"),
  );
  assert.equal(utc(Date.parse("2026-03-02T08:00:00Z")), true); // Monday
  assert.equal(utc(Date.parse("2026-03-02T17:59:59Z")), true);
  assert.equal(utc(Date.parse("2026-03-02T18:00:00Z")), false);
  assert.equal(utc(Date.parse("2026-03-07T10:00:00Z")), true); // Saturday morning
  assert.equal(utc(Date.parse("2026-03-08T10:00:00Z")), false); // Sunday
  const newYork = withinBusinessHours(
    parseBusinessHours("Mon-Fri 09:00-17:00", "America/New_York"),
  );
  assert.equal(newYork(Date.parse("2026-03-06T14:00:00Z")), true, "09:00 EST");
  assert.equal(newYork(Date.parse("2026-03-09T13:30:00Z")), true, "09:30 EDT after the change");
  assert.equal(newYork(Date.parse("2026-03-09T12:30:00Z")), false, "08:30 EDT");
  const wrap = withinBusinessHours(parseBusinessHours("Fri-Mon 10:00-11:00", "UTC"));
  assert.equal(wrap(Date.parse("2026-03-08T10:30:00Z")), true, "Sunday is between Fri and Mon");
  assert.equal(wrap(Date.parse("2026-03-04T10:30:00Z")), false);
});

Deno.test("business hours: bad settings are refused with a reason", () => {
  assert.throws(() => parseBusinessHours("Mon-Fri 8-18", "UTC"), /not like/);
  assert.throws(() => parseBusinessHours("Mon-Fri 18:00-08:00", "UTC"), /start before the end/);
  assert.throws(() => parseBusinessHours("Mon-Fry 08:00-18:00", "UTC"), /not a day/);
  assert.throws(() => parseBusinessHours("Mon-Fri 08:00-18:00", "Mars/Olympus"), /time zone/);
});

Deno.test("action patterns: exact names and dotted prefixes", () => {
  const admin = actionMatcher(["admin.*", "user.create"]);
  assert.equal(admin("admin.reset"), true);
  assert.equal(admin("admin.user.delete"), true);
  assert.equal(admin("admin"), false);
  assert.equal(admin("administrator.x"), false);
  assert.equal(admin("user.create"), true);
  assert.equal(admin("user.created"), false);
  assert.equal(isActionPattern("admin.*"), true);
  assert.equal(isActionPattern("*"), false);
  assert.equal(isActionPattern("Admin.x"), false);
});
