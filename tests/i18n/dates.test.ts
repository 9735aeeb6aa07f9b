import { test } from "node:test";
import assert from "node:assert/strict";
import { DateTime } from "luxon";
import { formatDay, formatMonth, formatMonthDay, isoDateTime } from "../../lib/i18n/dates.ts";

const date = DateTime.fromISO("2025-08-01T16:26:26+08:00", { setZone: true });

test("dates speak the page's language", () => {
  assert.equal(formatDay(date, "zh-CN", "Asia/Shanghai"), "2025年8月1日");
  assert.equal(formatDay(date, "en", "Asia/Shanghai"), "August 1, 2025");
  assert.equal(formatMonth(date, "zh-CN", "Asia/Shanghai"), "2025年8月");
  assert.equal(formatMonth(date, "en", "Asia/Shanghai"), "August 2025");
  assert.equal(formatMonthDay(date, "zh-CN", "Asia/Shanghai"), "8月1日");
  assert.equal(formatMonthDay(date, "en", "Asia/Shanghai"), "Aug 1");
  assert.equal(formatDay(date, "en", "Asia/Shanghai"), "August 1, 2025", "each shape keeps its own formatter");
});

test("the day shown is the day in the site's zone", () => {
  const late = DateTime.fromISO("2025-07-31T20:00:00Z", { setZone: true });
  assert.equal(formatDay(late, "zh-CN", "Asia/Shanghai"), "2025年8月1日");
});

test("<time datetime> keeps the author's offset", () => {
  assert.equal(isoDateTime(date), "2025-08-01T16:26:26+08:00");
});
