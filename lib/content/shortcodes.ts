/**
 * Applies Hugo shortcodes to every loaded essay. `ref`/`relref` need the whole set of essays
 * (they name another file), so this runs once all files are read; every problem is collected.
 */
import path from "node:path";
import { expandShortcodes } from "../markdown/shortcodes.ts";
import { href } from "../i18n/urls.ts";
import type { EssaySource } from "./load.ts";
import type { Problem } from "./problems.ts";
import type { Settings } from "./settings.ts";

/** The name Hugo's `ref` would use for an essay: its path under posts/, without `.md`, language or `/index`. */
export function refName(file: string, postsDir: string, languages: string[]): { name: string; lang?: string } {
  let name = file.replace(/\\/g, "/").replace(/#.*$/, "").replace(/^\/+/, "").replace(/\/+$/, "");
  for (const prefix of ["content/", `${postsDir}/`, "posts/"]) if (name.startsWith(prefix)) name = name.slice(prefix.length);
  let lang: string | undefined;
  name = name.replace(/\.md$/, "");
  const dot = name.lastIndexOf(".");
  if (dot > name.lastIndexOf("/") && languages.includes(name.slice(dot + 1))) {
    lang = name.slice(dot + 1);
    name = name.slice(0, dot);
  }
  name = name.replace(/(^|\/)_?index$/, "");
  return { name, lang };
}

export function applyShortcodes(essays: EssaySource[], settings: Settings, postsDir: string): Problem[] {
  const { languages } = settings;
  const byName = new Map<string, EssaySource[]>();
  const add = (key: string, essay: EssaySource) => byName.set(key, [...(byName.get(key) ?? []), essay]);
  for (const essay of essays) {
    const { name } = refName(path.posix.relative(postsDir, essay.file), postsDir, languages);
    add(name, essay);
    if (name.includes("/")) add(path.posix.basename(name), essay);
  }
  const problems: Problem[] = [];
  for (const essay of essays) {
    const resolveRef = (target: string, lang: string | undefined) => {
      const wanted = refName(target, postsDir, languages);
      const candidates = byName.get(wanted.name) ?? [];
      const preferred = [wanted.lang, lang, settings.site.defaultLanguage];
      for (const l of preferred) {
        const found = candidates.find((c) => c.lang === l);
        if (found) return href(found.url);
      }
      return candidates[0] && href(candidates[0].url);
    };
    const expanded = expandShortcodes(essay.body, essay.bodyLine, essay.lang, { resolveRef });
    essay.body = expanded.body;
    for (const p of expanded.problems) problems.push({ file: essay.file, line: p.line, severity: "error", rule: "shortcode", message: p.message });
  }
  return problems;
}
