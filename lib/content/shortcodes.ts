/**
 * Applies Hugo shortcodes to every loaded essay. `ref`/`relref` need the whole set of essays
 * (they name another file), so this runs once all files are read; every problem is collected.
 * A site's own shortcodes are reported once per name, with every file that uses them.
 */
import path from "node:path";
import { expandShortcodes, type ShortcodeProblem } from "../markdown/shortcodes.ts";
import { parseFrontMatter } from "./frontmatter.ts";
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
  const unknown = new Map<string, { file: string; problem: ShortcodeProblem }[]>();
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
    const param = (name: string) => paramValue(essay, settings, name);
    const expanded = expandShortcodes(essay.body, essay.bodyLine, essay.lang, { resolveRef, param });
    essay.body = expanded.body;
    for (const p of expanded.problems) {
      if (p.unknown) unknown.set(p.unknown, [...(unknown.get(p.unknown) ?? []), { file: essay.file, problem: p }]);
      else problems.push({ file: essay.file, line: p.line, severity: "error", rule: "shortcode", message: p.message });
    }
  }
  for (const [name, uses] of unknown) problems.push(unknownShortcode(name, uses));
  return problems;
}

/** A value at a dotted path of an object, with keys matched regardless of case (Hugo lower-cases them). */
function lookup(data: unknown, dotted: string): unknown {
  let value = data;
  for (const key of dotted.split(".")) {
    if (!value || typeof value !== "object") return undefined;
    const entry = Object.entries(value).find(([k]) => k.toLowerCase() === key.toLowerCase());
    value = entry?.[1];
  }
  return value;
}

/** What Hugo's `param` prints: the essay's front matter (or its `params`), else the site's settings. */
function paramValue(essay: EssaySource, settings: Settings, name: string): string | undefined {
  const parsed = parseFrontMatter(essay.source);
  const data = parsed.ok ? parsed.value.data : {};
  for (const value of [lookup(data, name), lookup(lookup(data, "params"), name), lookup(settings.site, name)]) {
    if (value === undefined || value === null || typeof value === "object") continue;
    return String(value);
  }
  return undefined;
}

/** What to write instead of a site's own shortcode, by the names Hugo themes commonly use. */
const REPLACEMENTS: [RegExp, string][] = [
  [/^(notice|note|tip|hint|info|warning|warn|alert|admonition|callout|caution|danger|important)$/i, "a blockquote that starts with a bold label (> **注意** …)"],
  [/^(collapse|expand|spoiler|fold|toggle)$/i, `the built-in {{< details summary="…" >}} … {{< /details >}}`],
  [/^(bilibili|bili|video|douyin|youku|music|netease|aplayer|audio)$/i, "a plain link to the page of the video or music (no player loads a third party's script)"],
  [/^(img|image|photo|picture)$/i, `Markdown ![alt](src "caption") or the built-in figure`],
  [/^(mermaid|diagram)$/i, "a ```mermaid fenced block"],
  [/^(katex|math|mathjax|latex|tex)$/i, "$…$ inline or $$…$$ display maths"],
  [/^(raw|rawhtml|html)$/i, "the HTML itself, written straight into the Markdown"],
  [/^(toc)$/i, "showToc: true in the front matter"],
  [/^(link|url|ref-link|friend|friends|card)$/i, "a Markdown link [text](url)"],
  [/^(code|codeblock|gist-file)$/i, "a fenced code block"],
];

function unknownShortcode(name: string, uses: { file: string; problem: ShortcodeProblem }[]): Problem {
  const files = [...new Set(uses.map((u) => u.file))];
  const places = uses.slice(0, 5).map((u) => `${u.file}:${u.problem.line}`).join(", ") + (uses.length > 5 ? `, and ${uses.length - 5} more` : "");
  const replacement = REPLACEMENTS.find(([pattern]) => pattern.test(name))?.[1] ?? "Markdown or HTML that shows the same thing";
  const count = `${uses.length} time${uses.length === 1 ? "" : "s"} in ${files.length} file${files.length === 1 ? "" : "s"}`;
  return {
    file: uses[0].file,
    line: uses[0].problem.line,
    severity: "warning",
    rule: "shortcode",
    message: `the site's own Hugo shortcode "${name}" (from layouts/shortcodes/) is left as written, used ${count}: ${places}; replace it with ${replacement}`,
  };
}
