/**
 * Reads every essay under `posts/` (and under each language's `contentDir`): Hugo's file-name
 * convention (`name.md` in the default language, `name.en.md` or `name.en-US.md` a
 * translation) and page bundles (`name/index.md`, `name/index.en.md`, images beside them),
 * each with its URL as Hugo makes it. All problems of all files are collected.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { glob } from "tinyglobby";
import { parseFrontMatter } from "./frontmatter.ts";
import { validateFrontMatter } from "./validate.ts";
import type { FrontMatter } from "./schema.ts";
import type { Problem } from "./problems.ts";
import { essayDefaults, type Settings } from "./settings.ts";
import { applyShortcodes } from "./shortcodes.ts";
import { essayUrl, sanitizePath, SiteUrls } from "../i18n/urls.ts";
import { decodeUtf8Strict, EncodingError } from "../files.ts";

export interface EssaySource {
  /** Path relative to the project root, with forward slashes: `posts/a.md`. */
  file: string;
  /** Folder that relative images resolve against (the bundle folder for bundles). */
  dir: string;
  bundle: boolean;
  lang: string;
  slug: string;
  /** Site path without prefix (`/posts/java/x/`), as Hugo would publish it. */
  url: string;
  /** The same path in the files' letter case, when lowercasing changed it (an old URL to redirect). */
  unlowered?: string;
  /** The list pages Hugo published for the sections the essay is in (`/posts/`, `/posts/java/`). */
  sectionUrls: string[];
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

/** Every code that names a language in file names, lower-cased: its own and its `hugoCodes`. */
export function languageCodes(settings: Settings): Map<string, string> {
  const codes = new Map<string, string>();
  for (const lang of settings.languages) {
    for (const code of [lang, ...settings.site.languages[lang].hugoCodes]) codes.set(code.toLowerCase(), lang);
  }
  return codes;
}

/**
 * Splits `name.en.md` / `index.zh-CN.md` into name and language, when the suffix names a
 * configured language (in any letter case, as Hugo matches them); else the file is in `fallback`.
 */
export function languageOfFile(file: string, codes: Map<string, string>, fallback: string): { stem: string; lang: string } {
  const base = path.posix.basename(file, ".md");
  const dot = base.lastIndexOf(".");
  const lang = dot > 0 ? codes.get(base.slice(dot + 1).toLowerCase()) : undefined;
  return lang ? { stem: base.slice(0, dot), lang } : { stem: base, lang: fallback };
}

/** A folder of essays: `posts/`, or a language's `<contentDir>/posts/` whose files are in that language. */
export interface ContentFolder {
  dir: string;
  lang?: string;
}

function contentFolders(settings: Settings, postsDir: string): ContentFolder[] {
  const folders: ContentFolder[] = [{ dir: postsDir }];
  for (const lang of settings.languages) {
    const contentDir = settings.site.languages[lang].contentDir;
    if (contentDir === undefined) continue;
    const dir = path.posix.join(contentDir.replace(/\\/g, "/"), path.posix.basename(postsDir));
    if (dir !== postsDir) folders.push({ dir, lang });
  }
  return folders;
}

/** Hugo's section of a page: the nearest folder above it with an `_index.md`, else the top one. */
function sectionOf(pageFolder: string, folder: string, isSection: (dir: string) => boolean): string {
  return sectionsAbove(pageFolder, folder, isSection)[0];
}

/** Every section a page is in, nearest first, down to the top one (the content folder). */
function sectionsAbove(pageFolder: string, folder: string, isSection: (dir: string) => boolean): string[] {
  const found: string[] = [];
  for (let dir = pageFolder; dir !== folder && dir !== "." && dir.startsWith(`${folder}/`); dir = path.posix.dirname(dir)) {
    if (isSection(dir)) found.push(dir);
  }
  return [...found, folder];
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
function readAll(root: string, files: string[]): (string | EncodingError)[] {
  const read = new Map<string, { stamp: string; text: string }>();
  const texts = files.map((relative) => {
    const file = path.join(root, relative);
    const stat = statSync(file, { bigint: true });
    const stamp = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
    const known = lastRead.get(file);
    if (known?.stamp === stamp) {
      read.set(file, known);
      return known.text;
    }
    // Strict: an essay that is not UTF-8 is reported, never published with U+FFFD in it.
    try {
      const text = decodeUtf8Strict(readFileSync(file), relative).text;
      read.set(file, { stamp, text });
      return text;
    } catch (error) {
      if (error instanceof EncodingError) return error;
      throw error;
    }
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

function checkFrontMatter(file: string, source: string, site: Settings["site"], checked: typeof lastChecked): Checked {
  // The site's front-matter defaults change every essay's result, like its zone.
  const zone = `${site.timezone}\u0000${JSON.stringify(site.defaults)}`;
  const known = lastChecked.get(file);
  let result = known && known.zone === zone && known.source === source ? known.result : undefined;
  if (!result) {
    const parsed = parseFrontMatter(source);
    result = { parsed, validated: parsed.ok ? validateFrontMatter(file, parsed.value, site.timezone, essayDefaults(site)) : undefined };
  }
  checked.set(file, { zone, source, result });
  return result;
}

/** What turning a file into an essay needs to know about the whole content tree. */
export interface LoadContext {
  site: Settings["site"];
  codes: Map<string, string>;
  /** `lang\0folder` of every Hugo section (a folder with an `_index` file in that language). */
  sections: Set<string>;
  urls: SiteUrls;
  found: { file: string; folder: ContentFolder }[];
}

/** Finds the essay files and sections under every content folder. */
export async function loadContext(root: string, settings: Settings, postsDir = "posts"): Promise<LoadContext> {
  const ignore = ["**/node_modules/**", "**/_*/**"];
  const found: { file: string; folder: ContentFolder }[] = [];
  const { site } = settings;
  const codes = languageCodes(settings);
  const sections = new Set<string>();
  for (const folder of contentFolders(settings, postsDir)) {
    for (const file of await glob(`${folder.dir}/**/*.md`, { cwd: root, ignore })) {
      const name = path.posix.basename(file);
      if (!name.startsWith("_")) found.push({ file, folder });
      // Sections are per language, as in Hugo: `_index.md` makes one in the default language, `_index.en.md` in English.
      else if (name.startsWith("_index.")) sections.add(`${languageOfFile(file, codes, folder.lang ?? site.defaultLanguage).lang}\u0000${path.posix.dirname(file)}`);
    }
  }
  found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { site, codes, sections, urls: SiteUrls.for(site), found };
}

/** The essay a file makes, with its URL and sections as Hugo would publish them. */
export function essaySource(
  context: LoadContext,
  entry: { file: string; folder: ContentFolder },
  frontMatter: FrontMatter,
  text: { body: string; bodyLine: number; keyLines: Map<string, number>; source: string },
): EssaySource {
  const { site, codes, sections, urls } = context;
  const { file, folder } = entry;
  const { stem, lang } = languageOfFile(file, codes, folder.lang ?? site.defaultLanguage);
  const bundle = stem === "index";
  const dir = path.posix.dirname(file);
  const name = bundle ? path.posix.basename(dir) : stem;
  const relativeName = bundle ? path.posix.relative(folder.dir, dir) : path.posix.join(path.posix.relative(folder.dir, dir), stem);
  // Hugo's view of the file: its folder below the content folder, and its section.
  const pageFolder = bundle ? path.posix.dirname(dir) : dir;
  const top = path.posix.basename(folder.dir);
  const below = (d: string) => path.posix.join(top, path.posix.relative(folder.dir, d));
  const isSection = (d: string) => sections.has(`${lang}\u0000${d}`);
  const lower = !site.disablePathToLower;
  const sectionUrls = frontMatter.type === "page" ? [] : sectionsAbove(pageFolder, folder.dir, isSection).map((d) => `${urls.root(lang)}${sanitizePath(below(d), lower)}/`);
  const { url, unlowered } = essayUrl(
    {
      root: urls.root(lang),
      dir: below(pageFolder),
      name,
      sections: below(sectionOf(pageFolder, folder.dir, isSection)),
      title: frontMatter.title,
      date: frontMatter.date,
      slug: frontMatter.slug,
      url: frontMatter.url,
      isPage: frontMatter.type === "page",
    },
    site,
  );
  return {
    file,
    dir,
    bundle,
    lang,
    slug: frontMatter.slug ?? name,
    url,
    unlowered,
    sectionUrls,
    translationKey: frontMatter.translationKey ?? relativeName,
    frontMatter,
    ...text,
  };
}

export async function loadEssays(root: string, settings: Settings, postsDir = "posts"): Promise<LoadResult> {
  const context = await loadContext(root, settings, postsDir);
  const { site, found } = context;
  const problems: Problem[] = [];
  const essays: EssaySource[] = [];
  const sources = readAll(root, found.map(({ file }) => file));
  const checked: typeof lastChecked = new Map();
  found.forEach((entry, i) => {
    const { file } = entry;
    const source = sources[i];
    if (source instanceof EncodingError) {
      problems.push({ file, severity: "error", rule: "encoding", message: source.reason });
      return;
    }
    const { parsed, validated } = checkFrontMatter(file, source, site, checked);
    if (!parsed.ok) {
      problems.push({ file, line: parsed.line, severity: "error", message: parsed.message });
      return;
    }
    const { frontMatter, problems: found } = validated!;
    problems.push(...found);
    if (!frontMatter) return;
    essays.push(essaySource(context, entry, frontMatter, { body: parsed.value.body, bodyLine: parsed.value.bodyLine, keyLines: parsed.value.keyLines, source }));
  });

  lastChecked = checked;

  // Two essays of one language may not share a translation key (shared URLs are found with
  // every other collision of paths, in the site model).
  const first = new Map<string, EssaySource>();
  for (const essay of essays) {
    const key = `${essay.lang}\u0000${essay.translationKey}`;
    const other = first.get(key);
    if (other) {
      const line = [...essay.keyLines].find(([key]) => key.toLowerCase() === "translationkey")?.[1];
      problems.push({ file: essay.file, line, severity: "error", rule: "duplicate-translationKey", message: `duplicate translationKey "${essay.translationKey}" in language "${essay.lang}" (also used by ${other.file})` });
    } else first.set(key, essay);
  }
  // Hugo shortcodes: `ref` needs every essay, so they are expanded once all are read.
  problems.push(...applyShortcodes(essays, settings, postsDir));
  return { essays, problems };
}
