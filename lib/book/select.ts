/**
 * Which essays a book holds, and in which order. The rule is the feeds' rule (lib/feeds/entries.ts,
 * `feedEssays`) without the feed's length limit: published essays only (never drafts, scheduled
 * or expired ones, even when previewing), no standalone pages, and no essay that opts out of
 * feeds with `feed: false`. `searchHidden` hides an essay from search only: it is in the feed and
 * in the book. The command's filters (tag, category, series, dates) narrow that list.
 */
import { DateTime } from "luxon";
import type { Essay, SiteModel } from "../content/model.ts";
import type { BookOrder } from "./settings.ts";

export interface BookFilter {
  tag?: string;
  category?: string;
  series?: string;
  /** Inclusive days (`YYYY-MM-DD`) in the site's time zone. */
  since?: string;
  until?: string;
  order?: BookOrder;
}

/** Thrown for a filter value that cannot be read; the command prints it as a usage error. */
export class BookFilterError extends Error {}

function day(value: string, option: string, zone: string): DateTime {
  const parsed = DateTime.fromISO(value, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !parsed.isValid) throw new BookFilterError(`--${option}: "${value}" is not a day; expected YYYY-MM-DD, e.g. 2025-01-31`);
  return parsed;
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;

/** The essays of one language's book, in reading order. */
export function bookEssays(model: SiteModel, lang: string, filter: BookFilter = {}): Essay[] {
  const zone = model.settings.site.timezone;
  const since = filter.since ? day(filter.since, "since", zone).startOf("day") : undefined;
  const until = filter.until ? day(filter.until, "until", zone).endOf("day") : undefined;
  const chosen = (model.byLanguage[lang] ?? []).filter(
    (essay) =>
      essay.status === "published" &&
      !essay.isPage &&
      essay.fm.feed &&
      (!filter.tag || essay.fm.tags.some((t) => same(t, filter.tag!))) &&
      (!filter.category || essay.fm.categories.some((c) => same(c, filter.category!))) &&
      (!filter.series || essay.fm.series.some((s) => same(s, filter.series!))) &&
      (!since || essay.date >= since) &&
      (!until || essay.date <= until),
  );
  return order(chosen, filter.order ?? model.settings.site.book.order);
}

/** `byLanguage` is newest first; a book reads oldest first unless told otherwise. */
function order(essays: Essay[], how: BookOrder): Essay[] {
  const newest = [...essays];
  if (how === "newest") return newest;
  const oldest = newest.reverse();
  if (how === "oldest") return oldest;
  // As the home page: pinned essays (lower weight first), then the rest oldest first.
  const pinned = oldest.filter((e) => e.pinned).sort((a, b) => a.weight! - b.weight! || b.date.toMillis() - a.date.toMillis());
  return [...pinned, ...oldest.filter((e) => !e.pinned)];
}
