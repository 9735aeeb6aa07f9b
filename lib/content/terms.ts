/**
 * Tags and categories. Names that differ only in letter case share one page; URLs keep Han
 * characters (`/tags/运营/`) and are never empty.
 */
import { stableHash } from "../markdown/slug.ts";

/** A path segment for a term: lower case (unless `lower` is false, as Hugo's `disablePathToLower`), spaces to "-", characters unsafe in paths removed. */
export function termSlug(name: string, lower = true): string {
  const normalized = name.normalize("NFKC");
  const slug = (lower ? normalized.toLowerCase() : normalized)
    .trim()
    .replace(/[\s/\\?#%*:|"<>&]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|-+$/g, "");
  return slug || `term-${stableHash(name)}`;
}

export interface TermGroup<T> {
  key: string;
  name: string;
  slug: string;
  items: T[];
}

/** Groups items by case-insensitive term name; slugs made unique per group set. */
export function groupTerms<T>(items: T[], namesOf: (item: T) => string[], lower = true): TermGroup<T>[] {
  const groups = new Map<string, TermGroup<T> & { spellings: Map<string, number>; members: Set<T> }>();
  for (const item of items) {
    for (const raw of namesOf(item)) {
      const name = raw.trim();
      if (!name) continue;
      const key = name.normalize("NFKC").toLowerCase();
      let group = groups.get(key);
      if (!group) {
        group = { key, name, slug: "", items: [], spellings: new Map(), members: new Set() };
        groups.set(key, group);
      }
      if (!group.members.has(item)) {
        group.members.add(item);
        group.items.push(item);
      }
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
    }
  }
  const taken = new Set<string>();
  const result: TermGroup<T>[] = [];
  for (const group of [...groups.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    // The spelling most essays use is the one shown.
    const capitals = (s: string) => s.replace(/[^A-Z]/g, "").length;
    const name = [...group.spellings].sort((a, b) => b[1] - a[1] || capitals(b[0]) - capitals(a[0]) || a[0].localeCompare(b[0]))[0][0];
    let slug = termSlug(name, lower);
    for (let n = 2; taken.has(slug); n++) slug = `${termSlug(name, lower)}-${n}`;
    taken.add(slug);
    result.push({ key: group.key, name, slug, items: group.items });
  }
  return result;
}
