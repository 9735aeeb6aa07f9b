/**
 * A language's name as written in another: `英文` inside a Chinese sentence, not `English`.
 * From the strings' `languageNames`; a language they do not name keeps its own name from
 * `_data/site.json`.
 */
import type { Strings } from "../content/settings.ts";

export function languageName(strings: Strings, lang: string, ownName: string): string {
  const names = strings.languageNames;
  const name = typeof names === "object" ? names[lang] : undefined;
  return typeof name === "string" ? name : ownName;
}
