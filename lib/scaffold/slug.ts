/**
 * ASCII slugs for new essays. Chinese titles are spelled in pinyin (pinyin-pro, a maintained
 * dictionary with polyphone handling) so URLs stay readable and need no percent-encoding.
 */
import { pinyin } from "pinyin-pro";

const MAX_LENGTH = 60;

export function asciiSlug(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= MAX_LENGTH) return slug;
  const cut = slug.slice(0, MAX_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf("-") > 0 ? cut.lastIndexOf("-") : MAX_LENGTH).replace(/-+$/, "");
}

export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/** A slug for a title: pinyin syllables for Han characters, the rest folded to ASCII. */
export function slugFromTitle(title: string): string {
  if (!hasHan(title)) return asciiSlug(title);
  const parts = pinyin(title, { toneType: "none", type: "array", nonZh: "consecutive", v: true });
  return asciiSlug(parts.join(" "));
}

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
