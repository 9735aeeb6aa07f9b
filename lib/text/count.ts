/**
 * CJK-aware counting. Han characters count one each; Latin text counts by words
 * (runs of letters and digits, with inner apostrophes, dots and hyphens as in
 * "don't", "Node.js", "e-mail"). Punctuation, symbols and emoji count as nothing.
 */

/** Reading rates, per minute. 350 Han characters and 220 English words are the common figures. */
export const READING_RATES = { han: 350, latin: 220 } as const;

export interface TextCount {
  han: number;
  latin: number;
}

const HAN = /[\p{Script=Han}]/gu;
const LATIN_WORD = /[\p{Script=Latin}\p{Nd}]+(?:['’.\-][\p{Script=Latin}\p{Nd}]+)*/gu;

export function countText(text: string): TextCount {
  const han = text.match(HAN)?.length ?? 0;
  // Han characters are not word characters for LATIN_WORD, so they split words naturally.
  const latin = text.match(LATIN_WORD)?.length ?? 0;
  return { han, latin };
}

export function addCounts(a: TextCount, b: TextCount): TextCount {
  return { han: a.han + b.han, latin: a.latin + b.latin };
}

/** The single number shown as "word count": Han characters plus Latin words. */
export function wordCount(count: TextCount): number {
  return count.han + count.latin;
}

/** Minutes, rounded up, at least 1. */
export function readingMinutes(count: TextCount): number {
  const minutes = count.han / READING_RATES.han + count.latin / READING_RATES.latin;
  return Math.max(1, Math.ceil(minutes));
}
