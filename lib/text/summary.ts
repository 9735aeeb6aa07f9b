/** Plain-text summaries of essays, cut at a natural boundary for Chinese or English. */

const HAN = /\p{Script=Han}/u;

/** Roughly 120 Han characters or 45 English words, ending at a sentence boundary when one is near. */
export function summarize(text: string, { hanLimit = 120, wordLimit = 45 } = {}): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const hanCount = [...clean].filter((c) => HAN.test(c)).length;
  if (hanCount > clean.length / 4) return cutChinese(clean, hanLimit);
  return cutEnglish(clean, wordLimit);
}

function cutChinese(text: string, limit: number): string {
  const chars = [...text];
  if (chars.length <= limit) return text;
  const head = chars.slice(0, limit).join("");
  const boundary = Math.max(head.lastIndexOf("。"), head.lastIndexOf("！"), head.lastIndexOf("？"));
  if (boundary >= limit * 0.5) return head.slice(0, boundary + 1);
  return head + "……";
}

function cutEnglish(text: string, limit: number): string {
  const words = text.split(" ");
  if (words.length <= limit) return text;
  const head = words.slice(0, limit).join(" ");
  const boundary = Math.max(head.lastIndexOf(". "), head.lastIndexOf("? "), head.lastIndexOf("! "));
  if (boundary >= head.length * 0.5) return head.slice(0, boundary + 1);
  return head.replace(/[,;:]$/, "") + "…";
}
