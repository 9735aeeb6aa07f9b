/**
 * Heading ids and hashes that keep Han characters. Eleventy's own `slugify` deletes them,
 * which leaves Chinese headings with empty or colliding ids, so wenji never uses it.
 */

/** A short, stable hex digest (FNV-1a) for text that leaves no slug, such as "？！" or an emoji. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const unit of text) {
    hash ^= unit.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0").slice(0, 6);
}

/**
 * The id Hugo 0.111 gives a heading (`autoHeadingIDType: github`), from the heading's Markdown
 * source as written (markup included: Hugo reads the raw line): trimmed; each ASCII space or
 * "-" becomes "-"; letters (any script), decimal digits and "_" are kept, lower-cased; all else
 * (punctuation, marks, emoji, other spaces) is dropped. A setext heading counts its last line.
 * Measured against Debian's hugo 0.111.3 (tests/markdown/heading-ids.test.ts).
 */
export function hugoHeadingSlug(source: string): string {
  const lines = source.split("\n");
  let out = "";
  for (const char of lines[lines.length - 1].trim()) {
    if (char === " " || char === "-") out += "-";
    else if (char === "_" || /[\p{L}\p{Nd}]/u.test(char)) out += [...char.toLowerCase()][0];
  }
  return out;
}

/**
 * Hands out heading ids unique within one page as Hugo does: a repeat of an id already given
 * gets "-1", "-2", ...; explicit ids (`{#id}`) are taken as written and block automatic ones.
 */
export class UniqueIds {
  private readonly seen = new Set<string>();

  take(base: string): string {
    let id = base;
    for (let n = 1; this.seen.has(id); n++) id = `${base}-${n}`;
    this.seen.add(id);
    return id;
  }

  claim(id: string): string {
    this.seen.add(id);
    return id;
  }
}

/** An automatic heading id; a heading that leaves no id (only emoji or punctuation) is "heading", as in Hugo. */
export function headingId(source: string, ids: UniqueIds): string {
  return ids.take(hugoHeadingSlug(source) || "heading");
}
