/**
 * Slugs that keep Han characters. Eleventy's own `slugify` deletes them, which leaves
 * Chinese headings and tags with empty or colliding ids, so wenji never uses it.
 */

/** Lower-case, NFKC-normalized; letters, marks and digits of any script kept; the rest folded to "-". */
export function slugifyKeepingHan(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]+/gu, "")
    .trim()
    .replace(/[\s_]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
}

/** A short, stable hex digest (FNV-1a) for text that leaves no slug, such as "？！" or an emoji. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const unit of text) {
    hash ^= unit.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0").slice(0, 6);
}

/** Hands out ids unique within one page: a repeat gets "-2", "-3", ... */
export class UniqueIds {
  private readonly seen = new Map<string, number>();

  take(base: string): string {
    let id = base;
    let n = this.seen.get(base) ?? 0;
    while (this.seen.has(id)) {
      n += 1;
      id = `${base}-${n + 1}`;
    }
    this.seen.set(base, n);
    this.seen.set(id, 0);
    return id;
  }
}

export function headingId(text: string, ids: UniqueIds): string {
  const slug = slugifyKeepingHan(text);
  return ids.take(slug || `section-${stableHash(text.trim())}`);
}
