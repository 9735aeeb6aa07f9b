/**
 * Reads every essay under `posts/`: Hugo's file-name convention (`name.md` in the default
 * language, `name.en.md` its English translation) and page bundles (`name/index.md`,
 * `name/index.en.md`, images beside them). All problems of all files are collected.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { glob } from "tinyglobby";
import { parseFrontMatter } from "./frontmatter.ts";
import { validateFrontMatter } from "./validate.ts";
import type { FrontMatter } from "./schema.ts";
import type { Problem } from "./problems.ts";
import type { Settings } from "./settings.ts";
import { applyShortcodes } from "./shortcodes.ts";
import { readUtf8StrictSync } from "../files.ts";

export interface EssaySource {
  /** Path relative to the project root, with forward slashes: `posts/a.md`. */
  file: string;
  /** Folder that relative images resolve against (the bundle folder for bundles). */
  dir: string;
  bundle: boolean;
  lang: string;
  slug: string;
  translationKey: string;
  frontMatter: FrontMatter;
  body: string;
  bodyLine: number;
  /** File line of each front-matter key, as spelled in the file. */
  keyLines: Map<string, number>;
  /** Source text, hashed to cache renders across rebuilds. */
  source: string;
}

export interface LoadResult {
  essays: EssaySource[];
  problems: Problem[];
}

/** Splits `name.en.md` / `index.en.md` into name and language, when the suffix is a configured language. */
export function languageOfFile(file: string, languages: string[], defaultLanguage: string): { stem: string; lang: string } {
  const base = path.posix.basename(file, ".md");
  const dot = base.lastIndexOf(".");
  if (dot > 0 && languages.includes(base.slice(dot + 1))) return { stem: base.slice(0, dot), lang: base.slice(dot + 1) };
  return { stem: base, lang: defaultLanguage };
}

/**
 * The last load's text of each file, with the file's identity, size and times when it was
 * read: a file whose stat is the same is not read again (a preview rebuild after one edit
 * reads one file, not all of them). Holds only the latest load's files.
 */
let lastRead = new Map<string, { stamp: string; text: string }>();

/**
 * Reads files one after another, synchronously: for many small files that costs the main
 * thread a third of what promise-based reads do (open, stat, read and close each a round trip
 * through the thread pool), and never holds more than one file handle (no EMFILE at 30,000 essays).
 * The stat is taken before the read, so a file changed in between is read again next time.
 */
function readAll(files: string[]): string[] {
  const read = new Map<string, { stamp: string; text: string }>();
  const texts = files.map((file) => {
    const stat = statSync(file, { bigint: true });
    const stamp = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
    const known = lastRead.get(file);
    const text = known?.stamp === stamp ? known.text : readUtf8StrictSync(file).text;
    read.set(file, { stamp, text });
    return text;
  });
  lastRead = read;
  return texts;
}

type Checked = { parsed: ReturnType<typeof parseFrontMatter>; validated?: ReturnType<typeof validateFrontMatter> };

/**
 * Front matter parsed and validated by the previous load, by file, for its zone and exact
 * text: a preview rebuild after one edit re-checks only the edited file. An unchanged file's
 * text is the same string as last time, so the comparison costs nothing.
 * Holds only the latest load's files.
 */
let lastChecked = new Map<string, { zone: string; source: string; result: Checked }>();

function checkFrontMatter(file: string, source: string, zone: string, checked: typeof lastChecked): Checked {
  const known = lastChecked.get(file);
  let result = known && known.zone === zone && known.source === source ? known.result : undefined;
  if (!result) {
    const parsed = parseFrontMatter(source);
    result = { parsed, validated: parsed.ok ? validateFrontMatter(file, parsed.value, zone) : undefined };
  }
  checked.set(file, { zone, source, result });
  return result;
}

export async function loadEssays(root: string, settings: Settings, postsDir = "posts"): Promise<LoadResult> {
  const files = (await glob(`${postsDir}/**/*.md`, { cwd: root, ignore: ["**/node_modules/**", "**/_*/**", "**/_*.md"] })).sort();
  const problems: Problem[] = [];
  const essays: EssaySource[] = [];
  const { site, languages } = settings;

  const sources = readAll(files.map((file) => path.join(root, file)));
  const checked: typeof lastChecked = new Map();
  files.forEach((file, i) => {
    const source = sources[i];
    const { parsed, validated } = checkFrontMatter(file, source, site.timezone, checked);
    if (!parsed.ok) {
      problems.push({ file, line: parsed.line, severity: "error", message: parsed.message });
      return;
    }
    const { frontMatter, problems: found } = validated!;
    problems.push(...found);
    if (!frontMatter) return;
    const { stem, lang } = languageOfFile(file, languages, site.defaultLanguage);
    const bundle = stem === "index";
    const dir = path.posix.dirname(file);
    const name = bundle ? path.posix.basename(dir) : stem;
    const relativeName = bundle ? path.posix.relative(postsDir, dir) : path.posix.join(path.posix.relative(postsDir, dir), stem);
    essays.push({
      file,
      dir,
      bundle,
      lang,
      slug: frontMatter.slug ?? name,
      translationKey: frontMatter.translationKey ?? relativeName,
      frontMatter,
      body: parsed.value.body,
      bodyLine: parsed.value.bodyLine,
      keyLines: parsed.value.keyLines,
      source,
    });
  });

  lastChecked = checked;

  // Two essays of one language may not share a URL or a translation key.
  for (const [what, keyOf] of [
    ["slug", (e: EssaySource) => `${e.lang}\u0000${e.slug}`],
    ["translationKey", (e: EssaySource) => `${e.lang}\u0000${e.translationKey}`],
  ] as const) {
    const first = new Map<string, EssaySource>();
    for (const essay of essays) {
      const key = keyOf(essay);
      const other = first.get(key);
      if (other) {
        const value = what === "slug" ? essay.slug : essay.translationKey;
        const line = [...essay.keyLines].find(([key]) => key.toLowerCase() === what.toLowerCase())?.[1];
        problems.push({ file: essay.file, line, severity: "error", rule: `duplicate-${what}`, message: `duplicate ${what} "${value}" in language "${essay.lang}" (also used by ${other.file})` });
      } else first.set(key, essay);
    }
  }
  // Hugo shortcodes: `ref` needs every essay, so they are expanded once all are read.
  problems.push(...applyShortcodes(essays, settings, postsDir));
  return { essays, problems };
}
