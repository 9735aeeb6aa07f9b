/** Dates in the page's language, through luxon and the platform's ICU data. */
import { DateTime } from "luxon";

/** `2025年8月1日` in Chinese, `August 1, 2025` in English: the day as seen in the site's time zone. */
export function formatDay(date: DateTime, locale: string, zone: string): string {
  return date.setZone(zone).setLocale(locale).toLocaleString(DateTime.DATE_FULL);
}

/** `2025年8月` / `August 2025`. */
export function formatMonth(date: DateTime, locale: string, zone: string): string {
  return date.setZone(zone).setLocale(locale).toLocaleString({ year: "numeric", month: "long" });
}

/** The full ISO value with the offset the author wrote, for `<time datetime>` and feeds. */
export function isoDateTime(date: DateTime): string {
  return date.toISO({ suppressMilliseconds: true }) ?? "";
}
