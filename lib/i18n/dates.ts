/** Dates in the page's language, through luxon and the platform's ICU data. */
import { DateTime } from "luxon";

/**
 * One Intl formatter per locale, zone and shape: what luxon's toLocaleString does for a zone
 * name, without a DateTime clone and a formatter lookup per call (per essay, per build).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, zone: string, shape: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\0${zone}\0${JSON.stringify(shape)}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, { ...shape, timeZone: zone })));
  return format;
}

/** `2025年8月1日` in Chinese, `August 1, 2025` in English: the day as seen in the site's time zone. */
export function formatDay(date: DateTime, locale: string, zone: string): string {
  return formatter(locale, zone, DateTime.DATE_FULL).format(date.toMillis());
}

/** `2025年8月` / `August 2025`. */
export function formatMonth(date: DateTime, locale: string, zone: string): string {
  return formatter(locale, zone, { year: "numeric", month: "long" }).format(date.toMillis());
}

/** `8月1日` / `Aug 1`: the day within a year the page already names (archives). */
export function formatMonthDay(date: DateTime, locale: string, zone: string): string {
  return formatter(locale, zone, { month: "short", day: "numeric" }).format(date.toMillis());
}

/** The full ISO value with the offset the author wrote, for `<time datetime>` and feeds. */
export function isoDateTime(date: DateTime): string {
  return date.toISO({ suppressMilliseconds: true }) ?? "";
}
