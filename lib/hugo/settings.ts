/**
 * wenji's `_data/site.json` from a Hugo site's configuration: the site's address, languages,
 * author, paging, PaperMod's site-wide defaults, and the URL settings (permalinks, taxonomies,
 * menus) for the stages that use them. Keys this module does not derive are kept as they are;
 * the sample site's own values that Hugo does not replace are cleared, so nothing of wenji's
 * sample blog ends up in the writer's.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { get, getRecord, getString, type Config } from "./config.ts";

export interface HugoLanguage {
  /** The language's key in the Hugo config, lower-cased (`zh-cn`). */
  hugo: string;
  /** wenji's language code: the one whose UI strings `_data/i18n/<code>.json` holds (`zh`). */
  code: string;
  /** Hugo's `contentDir` for this language, relative to the Hugo site, when it has one. */
  contentDir?: string;
  weight: number;
}

export interface SettingsFromHugo {
  site: Record<string, unknown>;
  languages: HugoLanguage[];
  /** The default language's wenji code. */
  defaultLanguage: string;
  /** One line per setting changed: `url: "https://a" → "https://b"`. */
  changes: string[];
  /** Settings that need the writer's decision, one line each. */
  attention: string[];
}

/** PaperMod `params` → wenji's `defaults` keys. */
const PARAM_DEFAULTS: Record<string, string> = {
  showtoc: "showToc",
  tocopen: "tocOpen",
  showreadingtime: "showReadingTime",
  showwordcount: "showWordCount",
  showbreadcrumbs: "showBreadcrumbs",
  showpostnavlinks: "showPostNavLinks",
  showsharebuttons: "showShareButtons",
  comments: "comments",
  hidemeta: "hideMeta",
  hidesummary: "hideSummary",
};

/** Settings Hugo sites often have that wenji does not carry over, with what to do instead. */
const NOT_CARRIED: [string[], string][] = [
  [["params", "showcodecopybuttons"], "wenji has no copy button on code blocks"],
  [["googleanalytics"], "wenji adds no analytics script; add one to _includes/ if you need it"],
  [["services", "googleanalytics", "id"], "wenji adds no analytics script; add one to _includes/ if you need it"],
  [["disqusshortname"], "wenji's comments use giscus (comments.provider in _data/site.json)"],
  [["services", "disqus", "shortname"], "wenji's comments use giscus (comments.provider in _data/site.json)"],
  [["params", "profilemode"], "wenji's home page is a list of essays"],
  [["params", "homeinfoparams"], "wenji's home page shows the language's description instead"],
  [["params", "socialicons"], "wenji's header has no social icons"],
];

function boolOf(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return undefined;
}

/** wenji's code for a Hugo language key: the key itself, else its primary subtag, if wenji has UI strings for it. */
function wenjiCode(hugo: string, available: Set<string>): string | undefined {
  if (available.has(hugo)) return hugo;
  const primary = hugo.split("-")[0];
  return available.has(primary) ? primary : undefined;
}

function hugoLanguages(config: Config, root: string, attention: string[]): { languages: HugoLanguage[]; defaultHugo: string } {
  const i18n = path.join(root, "_data", "i18n");
  const available = new Set(existsSync(i18n) ? readdirSync(i18n).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)) : []);
  const table = getRecord(config, "languages");
  const languageCode = getString(config, "languagecode")?.toLowerCase();
  const defaultHugo = getString(config, "defaultcontentlanguage")?.toLowerCase() ?? (Object.keys(table).length ? "en" : languageCode?.split("-")[0] ?? "en");
  const keys = Object.keys(table).length ? Object.keys(table) : [defaultHugo];
  const languages: HugoLanguage[] = [];
  for (const hugo of keys) {
    const entry = getRecord(table, hugo);
    if (boolOf(entry.disabled)) continue;
    const code = wenjiCode(hugo, available);
    if (!code || languages.some((l) => l.code === code)) {
      attention.push(`language "${hugo}": wenji has no UI strings for it${code ? ` other than "${code}", already used by "${languages.find((l) => l.code === code)!.hugo}"` : ""}; add _data/i18n/${hugo}.json and the language to _data/site.json to publish its essays`);
      continue;
    }
    const contentDir = getString(entry, "contentdir");
    languages.push({ hugo, code, contentDir: contentDir?.replace(/\/+$/, ""), weight: typeof entry.weight === "number" ? entry.weight : 0 });
  }
  languages.sort((a, b) => (a.hugo === defaultHugo ? -1 : b.hugo === defaultHugo ? 1 : a.weight - b.weight || a.hugo.localeCompare(b.hugo)));
  return { languages, defaultHugo };
}

/** `baseURL = "https://me.github.io/blog/"` → url `https://me.github.io`, path prefix `/blog/`. */
function address(config: Config): { url: string; pathPrefix: string } | undefined {
  const base = getString(config, "baseurl");
  if (!base) return undefined;
  try {
    const parsed = new URL(base);
    if (!/^https?:$/.test(parsed.protocol)) return undefined;
    return { url: parsed.origin, pathPrefix: parsed.pathname.endsWith("/") ? parsed.pathname : `${parsed.pathname}/` };
  } catch {
    return undefined;
  }
}

function authorOf(config: Config): { name: string; email: string; url: string } | undefined {
  for (const value of [get(config, "params", "author"), get(config, "author")]) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && first.trim()) return { name: first.trim(), email: "", url: "" };
    if (first && typeof first === "object") {
      const name = getString(first, "name");
      if (name) return { name, email: getString(first, "email") ?? "", url: getString(first, "url") ?? getString(first, "link") ?? "" };
    }
  }
  return undefined;
}

function defaultsOf(config: Config): Record<string, boolean> {
  const params = getRecord(config, "params");
  const out: Record<string, boolean> = {};
  for (const [param, key] of Object.entries(PARAM_DEFAULTS)) {
    const value = boolOf(params[param]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Menus per wenji language: `{ "zh": { "main": [{ name, url, weight }] } }`, from the root and each language. */
function menusOf(config: Config, languages: HugoLanguage[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const language of languages) {
    const own = get(config, "languages", language.hugo, "menus") ?? get(config, "languages", language.hugo, "menu");
    const menus = own ?? (language === languages[0] ? get(config, "menus") ?? get(config, "menu") : undefined);
    if (!menus || typeof menus !== "object") continue;
    out[language.code] = Object.fromEntries(
      Object.entries(menus).map(([name, items]) => [
        name,
        (Array.isArray(items) ? items : []).map((item) => ({
          name: getString(item, "name") ?? getString(item, "identifier") ?? "",
          url: getString(item, "url") ?? getString(item, "pageref") ?? "",
          weight: typeof get(item, "weight") === "number" ? get(item, "weight") : 0,
        })),
      ]),
    );
  }
  return out;
}

/** Hugo's `permalinks`, in the old (`posts = ...`) or the new (`[permalinks.page]`) shape. */
function permalinksOf(config: Config): Record<string, string> {
  const table = getRecord(config, "permalinks");
  const pages = getRecord(table, "page");
  const source = Object.keys(pages).length ? pages : table;
  // Hugo reads a pattern without a leading slash from the site root all the same.
  return Object.fromEntries(
    Object.entries(source)
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .map(([section, pattern]) => [section, pattern.startsWith("/") ? pattern : `/${pattern}`]),
  );
}

function languageEntry(config: Config, language: HugoLanguage, isDefault: boolean, before: unknown): Record<string, unknown> {
  const entry = getRecord(config, "languages", language.hugo);
  const locale = getString(entry, "languagecode") ?? (isDefault ? getString(config, "languagecode") : undefined) ?? language.hugo;
  const title = getString(entry, "title") ?? getString(config, "title") ?? getString(before, "title") ?? language.code;
  const name = getString(entry, "languagename") ?? getString(before, "name") ?? language.code;
  const description = getString(entry, "params", "description") ?? getString(config, "params", "description") ?? "";
  const entryOut: Record<string, unknown> = { locale: locale.replace(/^([a-z]+)-([a-z]+)$/i, (_m, a: string, b: string) => `${a.toLowerCase()}-${b.toUpperCase()}`), name, title, description };
  // The Hugo code names the language in file names (`index.zh-cn.md`) and, for the other
  // languages, is its folder in every URL Hugo published (`/en-us/`).
  const hugoCode = language.hugo.toLowerCase();
  if (hugoCode !== language.code) {
    entryOut.hugoCodes = [hugoCode];
    entryOut.subdir = hugoCode;
  }
  return entryOut;
}

/** A mapping setting is written when it says something, and removed (Hugo's default) when empty. */
function setOrDelete(site: Record<string, unknown>, key: string, value: Record<string, unknown>): void {
  if (Object.keys(value).length) site[key] = value;
  else delete site[key];
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "nothing";
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The new site.json: `current` (the writer's or the sample's) with everything the Hugo config says. */
export function settingsFromHugo(config: Config, current: Record<string, unknown>, root: string): SettingsFromHugo {
  const attention: string[] = [];
  const { languages } = hugoLanguages(config, root, attention);
  if (!languages.length) throw new Error("the Hugo config names no language wenji has UI strings for");
  const site: Record<string, unknown> = { ...current };
  const where = address(config);
  if (where) Object.assign(site, where);
  else attention.push("baseURL: missing or not an http(s) address; set url in _data/site.json");
  site.defaultLanguage = languages[0].code;
  const oldLanguages = getRecord(current, "languages");
  site.languages = Object.fromEntries(languages.map((l, i) => [l.code, languageEntry(config, l, i === 0, oldLanguages[l.code])]));
  const author = authorOf(config);
  site.author = author ?? { name: "", email: "", url: "" };
  if (!author) attention.push("author: the Hugo config names none; set author.name in _data/site.json");
  // The sample blog's own year: the writer's blog starts when its first essay does.
  delete site.copyrightStartYear;
  const zone = getString(config, "timezone");
  if (zone) site.timezone = zone;
  const pagerSize = get(config, "pagination", "pagersize") ?? get(config, "paginate");
  if (typeof pagerSize === "number" && pagerSize > 0) site.paginate = pagerSize;
  if (!getString(config, "title")) attention.push("title: the Hugo config names none; set each language's title in _data/site.json");
  setOrDelete(site, "defaults", defaultsOf(config));
  setOrDelete(site, "permalinks", permalinksOf(config));
  // Hugo reads it at the top or in the default language's own settings.
  site.disablePathToLower = boolOf(get(config, "disablepathtolower")) ?? boolOf(get(config, "languages", languages[0].hugo, "disablepathtolower")) ?? false;
  const inSubdir = boolOf(get(config, "defaultcontentlanguageinsubdir"));
  if (inSubdir !== undefined) site.defaultLanguageInSubdir = inSubdir;
  const taxonomies = get(config, "taxonomies");
  if (taxonomies && typeof taxonomies === "object") {
    // `_merge` and friends are Hugo's instructions for merging configs, not taxonomies.
    site.taxonomies = Object.fromEntries(Object.entries(taxonomies).filter(([name]) => !name.startsWith("_")));
    const extra = Object.keys(site.taxonomies as object).filter((name) => !["tag", "category", "series"].includes(name));
    if (extra.length) attention.push(`taxonomies ${extra.map((n) => `"${n}"`).join(", ")}: wenji lists tags and categories only; their terms stay in the front matter`);
  }
  setOrDelete(site, "menus", menusOf(config, languages));
  if (site.menus) attention.push("menus: copied to menus in _data/site.json; wenji's header shows its own links (home, archives, tags, search)");
  for (const [keys, why] of NOT_CARRIED) if (get(config, ...keys) !== undefined) attention.push(`${keys.join(".")}: not carried over (${why})`);
  if (site.defaults && (site.defaults as Record<string, boolean>).comments) attention.push("params.comments: comments are on by default, but comments.provider in _data/site.json must name giscus and its repository");
  const changes = Object.keys({ ...current, ...site })
    .filter((key) => JSON.stringify(current[key]) !== JSON.stringify(site[key]))
    .map((key) => `${key}: ${show(current[key])} → ${show(site[key])}`);
  return { site, languages, defaultLanguage: languages[0].code, changes, attention: [...new Set(attention)] };
}
