/**
 * Essays the loader rejected for their front matter, made checkable anyway: `npm run check`
 * reports the front-matter errors (from the loader) and still checks the body, so a writer
 * fixing a hundred imported files gets every problem of every file from one run. Each value
 * that is valid is kept; an invalid or missing title or date is replaced by a stand-in that
 * is never published (the build still rejects the file).
 */
import path from "node:path";
import { parseFrontMatter } from "../content/frontmatter.ts";
import { essaySource, type EssaySource, type LoadContext } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import type { FrontMatter } from "../content/schema.ts";
import { essayDefaults, type Settings } from "../content/settings.ts";
import { applyShortcodes } from "../content/shortcodes.ts";
import { validateFrontMatter } from "../content/validate.ts";
import { EncodingError, readUtf8StrictSync } from "../files.ts";
import type { CheckFinding } from "./index.ts";

/** A stand-in title and date that validate, for keys whose own value does not. */
const STAND_IN = { title: "untitled", date: "1970-01-01" };

/** The front matter with every key that validates on its own; the rest fall back to defaults. */
function lenientFrontMatter(file: string, data: Record<string, unknown>, settings: Settings): FrontMatter | undefined {
  const zone = settings.site.timezone;
  const defaults = essayDefaults(settings.site);
  const keyLines = new Map<string, number>();
  const valid = (entries: Record<string, unknown>) => validateFrontMatter(file, { data: { ...STAND_IN, ...entries }, keyLines, body: "", bodyLine: 1 }, zone, defaults);
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const lower = key.toLowerCase();
    if (lower === "title" || lower === "date") {
      if (valid({ [key]: value }).frontMatter) kept[lower] = value;
    } else if (valid({ [key]: value }).frontMatter) kept[key] = value;
  }
  return valid(kept).frontMatter;
}

export interface Salvaged {
  essays: EssaySource[];
  findings: CheckFinding[];
}

export function salvageEssays(root: string, settings: Settings, context: LoadContext, loaded: EssaySource[], problems: Problem[], postsDir = "posts"): Salvaged {
  const rejected = new Set(problems.filter((p) => p.severity === "error").map((p) => p.file));
  for (const essay of loaded) rejected.delete(essay.file);
  const taken = new Set(loaded.map((e) => e.url));
  const essays: EssaySource[] = [];
  const findings: CheckFinding[] = [];
  for (const entry of context.found.filter((f) => rejected.has(f.file))) {
    const { file } = entry;
    let source: string;
    try {
      source = readUtf8StrictSync(path.join(root, file)).text;
    } catch (error) {
      // The loader has reported it already.
      if (!(error instanceof EncodingError)) throw error;
      continue;
    }
    const parsed = parseFrontMatter(source);
    const body = parsed.ok ? parsed.value.body : parsed.body;
    const bodyLine = parsed.ok ? parsed.value.bodyLine : parsed.bodyLine;
    if (body === undefined || bodyLine === undefined) continue;
    const frontMatter = lenientFrontMatter(file, parsed.ok ? parsed.value.data : {}, settings);
    if (!frontMatter) continue;
    const essay = essaySource(context, entry, frontMatter, { body, bodyLine, keyLines: parsed.ok ? parsed.value.keyLines : new Map(), source });
    // Two essays may not share a URL; a salvaged one that would is checked no further.
    if (taken.has(essay.url)) continue;
    taken.add(essay.url);
    essays.push(essay);
  }
  // Shortcodes of the salvaged bodies, with every loaded essay as a `ref` target (bodies left out: they are expanded already).
  const targets = loaded.map((e) => ({ ...e, body: "" }));
  for (const p of applyShortcodes([...targets, ...essays], settings, postsDir)) {
    findings.push({ file: p.file, line: p.line, severity: p.severity, rule: p.rule ?? "shortcode", message: p.message });
  }
  return { essays, findings };
}
