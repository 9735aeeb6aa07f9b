/**
 * `npm run import:hugo -- <hugo-site>`: moves a Hugo site into wenji in one step.
 *
 * - Settings: the Hugo config (hugo.* or config.*, then config/_default/) becomes
 *   `_data/site.json` (settings.ts); every changed setting is listed.
 * - Essays: the posts sections of every language (`content/posts`, or each language's
 *   `contentDir`) go to `posts/`, file names carrying wenji's language codes (`x.zh-cn.md` →
 *   `x.md` in the default language, `x.en.md`). Front matter is kept as written; an essay
 *   without a title or a date is repaired (repair.ts) and the repair listed.
 * - Images: bundle files, images beside single-file essays (Typora's `image/`), and images
 *   under `static/` (→ `assets/`, references rewritten) are copied.
 * - wenji's sample essays still in `posts/` unchanged are removed (samples.ts).
 *
 * Nothing that exists is overwritten, every write is atomic, and everything imported is then
 * checked as `npm run check` checks it: what it finds is listed as needing attention.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, mkdirSync } from "node:fs";
import path from "node:path";
import { checkSite } from "../check/index.ts";
import { WenjiError } from "../content/problems.ts";
import { loadEssays, type EssaySource } from "../content/load.ts";
import { loadSettings } from "../content/settings.ts";
import { EncodingError, readUtf8StrictSync, writeFileAtomicSync } from "../files.ts";
import { KNOWN_SHORTCODES } from "../markdown/shortcodes.ts";
import { countText } from "../text/count.ts";
import { get, HugoConfigError, readHugoConfig } from "./config.ts";
import { repairEssay } from "./repair.ts";
import { SAMPLE_POSTS, sampleHash } from "./samples.ts";
import { settingsFromHugo, type HugoLanguage } from "./settings.ts";

export interface Attention {
  /** What kind of problem: a check rule (`missing-image`), or `exists`, `settings`, `file`, `encoding`, `sample`. */
  kind: string;
  /** One line naming the file (and line) or the setting. */
  text: string;
}

export interface ImportReport {
  /** Essays written, as `posts/...` paths. */
  essays: string[];
  /** Essays written per wenji language. */
  languages: Record<string, number>;
  /** Groups of imported essays that are one essay in two or more languages. */
  translations: number;
  /** Images copied (bundle, beside essays, static/), as destination paths. */
  images: string[];
  /** Other files copied (bundle resources that are not images). */
  files: string[];
  /** Essays repaired on the way in, one line each. */
  repairs: string[];
  /** Other changes on the way in (rewritten image paths, shortcodes that render as before). */
  converted: string[];
  /** Settings changed in `_data/site.json`, one line each. */
  settings: string[];
  /** wenji's sample essays and images removed from `posts/`. */
  removed: string[];
  /** What was deliberately left out, one line each. */
  skipped: string[];
  attention: Attention[];
}

export class ImportSourceError extends Error {}

const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp)$/i;

/** Files under `dir`, relative, sorted; dot files and folders (`.git`, `.DS_Store`) left out. */
function walk(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, base));
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join("/"));
  }
  return out.sort();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Copies a file's bytes to a new file (never over an existing one), atomically. */
function copyNew(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  writeFileAtomicSync(to, readFileSync(from), { exclusive: true });
}

/** One file of a posts section, with where it goes and in which language. */
interface SourceFile {
  /** Relative to the Hugo site: `content/en/posts/a/index.md`. */
  source: string;
  /** Relative to the wenji site: `posts/a/index.en.md`. */
  dest: string;
  /** Folder relative to the section (`a`), for bundles. */
  dir: string;
}

/** The posts sections to import: `params.mainSections`, else `posts`, `post` and `blog` where they exist. */
function sectionsOf(config: Record<string, unknown>): string[] {
  const main = get(config, "params", "mainsections");
  return Array.isArray(main) && main.every((s) => typeof s === "string") ? main : ["posts", "post", "blog"];
}

/** Every file of every posts section of every language, named as wenji names them. */
function sourceFiles(hugoDir: string, languages: HugoLanguage[], sections: string[], report: ImportReport): SourceFile[] {
  const out: SourceFile[] = [];
  const roots = new Map<string, HugoLanguage | undefined>([["content", undefined]]);
  for (const language of languages) if (language.contentDir) roots.set(language.contentDir, language);
  const codeOf = new Map(languages.flatMap((l) => [[l.hugo, l.code], [l.code, l.code]]));
  const defaultCode = languages[0].code;
  for (const [contentDir, language] of roots) {
    listLeftOut(hugoDir, contentDir, sections, [...roots.keys()], report);
    for (const section of sections) {
      const dir = path.join(hugoDir, contentDir, section);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      if (section !== "posts") report.attention.push({ kind: "urls", text: `${contentDir}/${section}/: imported into posts/; Hugo served these essays under /${section}/ (a "permalinks" setting for "${section}" keeps those addresses)` });
      for (const file of walk(dir)) {
        let dest = file;
        const match = /^(.*?)(?:\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?))?\.md$/.exec(file);
        if (match) {
          const suffix = match[2]?.toLowerCase();
          const code = suffix ? codeOf.get(suffix) : undefined;
          const stem = code ? match[1] : file.slice(0, -3);
          const lang = code ?? language?.code ?? defaultCode;
          dest = `${stem}${lang === defaultCode ? "" : `.${lang}`}.md`;
        }
        out.push({ source: `${contentDir}/${section}/${file}`, dest: `posts/${dest}`, dir: path.posix.dirname(file) });
      }
    }
  }
  return out;
}

/** Pages and sections of a content folder that are not imported, one line each. */
function listLeftOut(hugoDir: string, contentDir: string, sections: string[], contentDirs: string[], report: ImportReport): void {
  const dir = path.join(hugoDir, contentDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const shown = `${contentDir}/${entry.name}`;
    if (entry.name.startsWith(".") || sections.includes(entry.name) || contentDirs.includes(shown)) continue;
    if (entry.isDirectory()) report.skipped.push(`${shown}/: not a posts section (${plural(walk(path.join(dir, entry.name)).length, "file")}); copy what you still need into posts/ by hand`);
    else if (/\.md$/.test(entry.name) && !/^_index(\.[\w-]+)?\.md$/.test(entry.name)) report.skipped.push(`${shown}: a page outside the posts sections; copy it into posts/ with "type: page" to keep it`);
  }
}

/** Takes wenji's unchanged sample essays out of `posts/`; an edited one stays and is listed. */
function removeSamples(root: string, report: ImportReport): void {
  const posts = path.join(root, "posts");
  if (!existsSync(posts)) return;
  for (const file of walk(posts)) {
    const expected = SAMPLE_POSTS[file];
    if (!expected) continue;
    const full = path.join(posts, file);
    if (sampleHash(file, readFileSync(full)) === expected) {
      unlinkSync(full);
      report.removed.push(`posts/${file}`);
      const dir = path.dirname(full);
      if (dir !== posts && !readdirSync(dir).length) rmdirSync(dir);
    } else {
      report.attention.push({ kind: "sample", text: `posts/${file} is one of wenji's sample essays, edited: delete it if it is not yours` });
    }
  }
}

/** static/ images → assets/; returns the pattern that finds references to them. */
function copyStatic(root: string, hugoDir: string, report: ImportReport): RegExp | undefined {
  const staticDir = path.join(hugoDir, "static");
  const staticFiles = existsSync(staticDir) ? walk(staticDir) : [];
  const staticImages = staticFiles.filter((f) => IMAGE.test(f));
  const otherStatic = staticFiles.filter((f) => !IMAGE.test(f));
  if (otherStatic.length) report.skipped.push(`${plural(otherStatic.length, "non-image file")} under static/ (${otherStatic.slice(0, 5).join(", ")}${otherStatic.length > 5 ? ", ..." : ""}): copy what the site still needs into assets/ by hand`);
  for (const file of staticImages) {
    const dest = `assets/${file}`;
    if (existsSync(path.join(root, dest))) {
      report.skipped.push(`${dest} already exists; static/${file} was not copied`);
      continue;
    }
    copyNew(path.join(staticDir, file), path.join(root, dest));
    report.images.push(dest);
  }
  return staticImages.length ? new RegExp(`(?<=[(\\s"'=:\\[]|^)/(${staticImages.map(escapeRegExp).join("|")})(?=[)\\s"'?#\\]]|$)`, "gm") : undefined;
}

/** One essay: read strictly, references to static/ rewritten, repaired, written. */
function importEssay(root: string, hugoDir: string, file: SourceFile, staticReference: RegExp | undefined, zone: string, report: ImportReport): void {
  let text: string;
  try {
    const decoded = readUtf8StrictSync(path.join(hugoDir, file.source));
    text = (decoded.bom ? "\uFEFF" : "") + decoded.text;
  } catch (error) {
    if (!(error instanceof EncodingError)) throw error;
    report.attention.push({ kind: "encoding", text: `${file.source}: ${error.reason}; not imported` });
    return;
  }
  if (staticReference) {
    const moved = new Set<string>();
    text = text.replace(staticReference, (_match, p: string) => {
      moved.add(p);
      return `/assets/${p}`;
    });
    for (const p of moved) report.converted.push(`${file.dest}: image /${p} now /assets/${p}`);
  }
  const repaired = repairEssay(text, path.join(hugoDir, file.source), zone);
  for (const repair of repaired.repairs) report.repairs.push(`${file.dest}: ${repair}`);
  const used = new Map<string, number>();
  for (const m of repaired.text.matchAll(/\{\{[<%]\s*([\w.-]+)/g)) if (KNOWN_SHORTCODES.includes(m[1])) used.set(m[1], (used.get(m[1]) ?? 0) + 1);
  if (used.size) report.converted.push(`${file.dest}: Hugo shortcodes ${[...used].map(([n, c]) => `${n} ×${c}`).join(", ")} render as before`);
  mkdirSync(path.dirname(path.join(root, file.dest)), { recursive: true });
  writeFileAtomicSync(path.join(root, file.dest), repaired.text, { exclusive: true });
  report.essays.push(file.dest);
}

/**
 * A Hugo section's `_index.md` is kept as it is: wenji makes its own lists, but the file says
 * the folder is a section, which `:sections` and the section paths of URLs depend on.
 */
function keepSection(root: string, hugoDir: string, file: SourceFile, report: ImportReport): void {
  const target = path.join(root, file.dest);
  if (existsSync(target)) return;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileAtomicSync(target, readFileSync(path.join(hugoDir, file.source)), { exclusive: true });
  report.converted.push(`${file.dest}: kept as the mark of a Hugo section (its URLs keep the section's path); wenji makes its own list`);
}

function importFiles(root: string, hugoDir: string, files: SourceFile[], staticReference: RegExp | undefined, zone: string, report: ImportReport): void {
  const bundles = new Set(files.filter((f) => /(^|\/)index(\.[\w-]+)?\.md$/.test(f.source)).map((f) => path.posix.dirname(f.source)));
  const copied = new Set<string>();
  for (const file of files) {
    if (file.source.endsWith(".md")) {
      if (/(^|\/)_index(\.[\w-]+)?\.md$/.test(file.source)) keepSection(root, hugoDir, file, report);
      else if (existsSync(path.join(root, file.dest))) report.attention.push({ kind: "exists", text: `${file.dest} already exists; ${file.source} was not imported (move one of them aside and import again)` });
      else importEssay(root, hugoDir, file, staticReference, zone, report);
      continue;
    }
    // A bundle's or a language folder's copy of a shared image is copied once.
    if (copied.has(file.dest)) continue;
    const inBundle = bundles.has(path.posix.dirname(file.source));
    if (!inBundle && !IMAGE.test(file.source)) {
      report.attention.push({ kind: "file", text: `${file.source} is neither an image nor inside a page bundle, so wenji would not publish it; move it into a bundle or assets/ by hand` });
      continue;
    }
    if (existsSync(path.join(root, file.dest))) {
      report.skipped.push(`${file.dest} already exists; ${file.source} was not copied`);
      continue;
    }
    copyNew(path.join(hugoDir, file.source), path.join(root, file.dest));
    copied.add(file.dest);
    (IMAGE.test(file.dest) ? report.images : report.files).push(file.dest);
  }
}

/** `_data/site.json` from the Hugo config (written by `write`, once the site is known to have essays); the languages to import. */
function importSettings(root: string, hugoDir: string, report: ImportReport): { languages: HugoLanguage[]; sections: string[]; write: () => void } {
  let hugo;
  try {
    hugo = readHugoConfig(hugoDir);
  } catch (error) {
    if (error instanceof HugoConfigError) throw new ImportSourceError(error.message);
    throw error;
  }
  const sitePath = path.join(root, "_data", "site.json");
  const current = JSON.parse(readUtf8StrictSync(sitePath).text) as Record<string, unknown>;
  if (!hugo.files.length) {
    report.attention.push({ kind: "settings", text: "no hugo.toml, config.toml or config/_default/ found: _data/site.json is unchanged" });
    const settings = loadSettings(root);
    return { languages: settings.languages.map((code) => ({ hugo: code, code, weight: 0 })), sections: sectionsOf({}), write: () => {} };
  }
  const derived = settingsFromHugo(hugo.config, current, root);
  const write = () => {
    for (const line of derived.attention) report.attention.push({ kind: "settings", text: line });
    if (!derived.changes.length) return;
    writeFileAtomicSync(sitePath, `${JSON.stringify(derived.site, null, 2)}\n`);
    report.settings.push(...derived.changes.map((change) => `_data/site.json ${change}`));
  };
  return { languages: derived.languages, sections: sectionsOf(hugo.config), write };
}

export async function importHugo(root: string, hugoDir: string, options: { keepSamples?: boolean } = {}): Promise<ImportReport> {
  const report: ImportReport = { essays: [], languages: {}, translations: 0, images: [], files: [], repairs: [], converted: [], settings: [], removed: [], skipped: [], attention: [] };
  const { languages, sections, write } = importSettings(root, hugoDir, report);
  const files = sourceFiles(hugoDir, languages, sections, report);
  if (!files.length) throw new ImportSourceError(`${hugoDir} has no content/posts folder; is it a Hugo site? (looked for ${sections.join(", ")} in each language's content folder)`);
  write();
  if (!options.keepSamples) removeSamples(root, report);
  const staticReference = copyStatic(root, hugoDir, report);
  let zone = "UTC";
  try {
    zone = loadSettings(root).site.timezone;
  } catch (error) {
    if (!(error instanceof WenjiError)) throw error;
    for (const line of error.lines) report.attention.push({ kind: "settings", text: line });
  }
  importFiles(root, hugoDir, files, staticReference, zone, report);
  await reviewImport(root, report);
  return report;
}

/** Everything imported, checked as `npm run check` checks it; translations counted as the build pairs them. */
async function reviewImport(root: string, report: ImportReport): Promise<void> {
  const imported = new Set(report.essays);
  try {
    const settings = loadSettings(root);
    const { essays } = await loadEssays(root, settings);
    const groups = new Map<string, Set<string>>();
    const mine = essays.filter((e) => imported.has(e.file));
    for (const lang of settings.languages) {
      const n = mine.filter((e) => e.lang === lang).length;
      if (n) report.languages[lang] = n;
    }
    for (const essay of mine) {
      groups.set(essay.translationKey, (groups.get(essay.translationKey) ?? new Set()).add(essay.lang));
    }
    report.translations = [...groups.values()].filter((langs) => langs.size > 1).length;
    languageMismatch(mine, report);
    const { findings } = await checkSite(root);
    const repeated = new Map<string, { kind: string; what: string; places: string[] }>();
    for (const f of findings) {
      if (!imported.has(f.file)) continue;
      const where = `${f.file}${f.line ? `:${f.line}` : ""}`;
      // One line per unknown key or shortcode, not one per use: a theme's keys recur in every essay.
      const key = /^unknown key "([^"]+)"/.exec(f.message)?.[1];
      const shortcode = /^unknown Hugo shortcode "([^"]+)"/.exec(f.message)?.[1];
      if (key || shortcode) {
        const id = key ? `key\u0000${key.toLowerCase()}` : `shortcode\u0000${shortcode}`;
        const entry = repeated.get(id) ?? { kind: key ? "unknown-key" : "unknown-shortcode", what: key ? `front-matter key "${key}" is not one wenji knows (kept, not used)` : f.message, places: [] };
        entry.places.push(where);
        repeated.set(id, entry);
      } else report.attention.push({ kind: f.rule, text: `${where}: ${f.severity === "warning" ? "warning: " : ""}${f.message}` });
    }
    for (const { kind, what, places } of repeated.values()) {
      const shown = places.slice(0, 3).join(", ") + (places.length > 3 ? `, and ${places.length - 3} more` : "");
      report.attention.push({ kind, text: `${what}: ${plural(places.length, "use")} (${shown})` });
    }
  } catch (error) {
    if (!(error instanceof WenjiError)) throw error;
    for (const line of error.lines) report.attention.push({ kind: "settings", text: line });
  }
}

/**
 * Essays filed under a language they are not written in: a Chinese blog whose Hugo config
 * left `defaultContentLanguage` at "en" gets English UI strings and English typography rules.
 */
function languageMismatch(essays: EssaySource[], report: ImportReport): void {
  const chinese = (e: EssaySource) => {
    const { han, latin } = countText(e.body);
    return han > latin;
  };
  for (const lang of new Set(essays.map((e) => e.lang))) {
    const own = essays.filter((e) => e.lang === lang);
    const written = own.filter(chinese).length;
    const isZh = lang === "zh" || lang.startsWith("zh-");
    const wrong = isZh ? own.length - written : written;
    if (wrong * 2 > own.length) {
      report.attention.push({ kind: "language", text: `${wrong} of ${own.length} essays filed as "${lang}" are written in ${isZh ? "another language" : "Chinese"}: if so, set defaultLanguage (and the language's locale) in _data/site.json, or name the files as translations` });
    }
  }
}

/** Every line of the report, then a summary that counts what was done and what needs attention, by kind. */
export function formatImport(report: ImportReport): string[] {
  const lines: string[] = [];
  for (const f of report.essays) lines.push(`imported ${f}`);
  if (report.images.length) lines.push(`copied ${plural(report.images.length, "image")}: ${report.images.join(", ")}`);
  if (report.files.length) lines.push(`copied ${plural(report.files.length, "other file")}: ${report.files.join(", ")}`);
  for (const r of report.removed) lines.push(`removed wenji's sample ${r}`);
  for (const s of report.settings) lines.push(`set ${s}`);
  for (const r of report.repairs) lines.push(`repaired ${r}`);
  for (const c of report.converted) lines.push(`converted ${c}`);
  for (const s of report.skipped) lines.push(`skipped ${s}`);
  for (const a of report.attention) lines.push(`needs attention: ${a.text}`);
  const byLanguage = Object.entries(report.languages).map(([lang, n]) => `${n} ${lang}`).join(", ");
  lines.push(
    "",
    "summary:",
    `  essays imported    ${report.essays.length}${byLanguage ? ` (${byLanguage})` : ""}`,
    `  translations       ${report.translations} paired`,
    `  images copied      ${report.images.length}`,
    `  other files        ${report.files.length}`,
    `  repairs            ${report.repairs.length}`,
    `  settings changed   ${report.settings.length}`,
    `  samples removed    ${report.removed.length}`,
    `  needs attention    ${report.attention.length}`,
  );
  const kinds = new Map<string, number>();
  for (const a of report.attention) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`    ${kind.padEnd(16)} ${n}`);
  return lines;
}
