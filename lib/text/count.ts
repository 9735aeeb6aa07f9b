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

/** A run of Han (group 1) or a Latin word: one pass over the text finds both, and they never overlap. */
const HAN_RUN_OR_LATIN_WORD = /(\p{Script=Han}+)|[\p{Script=Latin}\p{Nd}]+(?:['’.\-][\p{Script=Latin}\p{Nd}]+)*/gu;
const ASTRAL = /[\uD800-\uDBFF]/g;

/** Characters in a run of Han: UTF-16 units, less one for each surrogate pair (rare Han beyond the BMP). */
function hanInRun(run: string): number {
  return run.length - (run.match(ASTRAL)?.length ?? 0);
}

/** Counts by runs, not by characters: one match per run of Han, not an array of every character. */
export function countText(text: string): TextCount {
  let han = 0;
  let latin = 0;
  HAN_RUN_OR_LATIN_WORD.lastIndex = 0;
  for (let match = HAN_RUN_OR_LATIN_WORD.exec(text); match; match = HAN_RUN_OR_LATIN_WORD.exec(text)) {
    if (match[1] === undefined) latin++;
    else han += hanInRun(match[1]);
  }
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
