/**
 * The archives page's list: essays grouped by year (newest first), each shown with its day
 * within that year (`8月1日` / `Aug 1`), since the year heading already names the year.
 */
import { formatMonthDay } from "../i18n/dates.ts";
import type { Essay } from "./model.ts";

export interface ArchiveEntry {
  essay: Essay;
  dayText: string;
}

export interface ArchiveYear {
  year: string;
  items: ArchiveEntry[];
}

/** `list` is newest first; so are the years and the entries within each. */
export function archiveYears(list: Essay[], locale: string, zone: string): ArchiveYear[] {
  const years = new Map<string, ArchiveEntry[]>();
  for (const essay of list) {
    const year = String(essay.date.setZone(zone).year);
    const entry = { essay, dayText: formatMonthDay(essay.date, locale, zone) };
    const items = years.get(year);
    if (items) items.push(entry);
    else years.set(year, [entry]);
  }
  return [...years].map(([year, items]) => ({ year, items }));
}
