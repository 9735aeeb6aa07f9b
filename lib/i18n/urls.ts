import type { DateTime } from "luxon";

/**
 * Site-relative URLs. The default language lives at `/`, each other language at `/<lang>/`.
 * Paths keep raw UTF-8 (files are written as `/tags/运营/index.html`); `href` encodes them.
 */
export class SiteUrls {
  /**
   * @param subdirs each language's folder in URLs when not its code (`_data/site.json`'s `subdir`)
   * @param defaultInSubdir the default language under its folder too, as Hugo's `defaultContentLanguageInSubdir`
   */
  constructor(
    private readonly defaultLanguage: string,
    private readonly subdirs: Record<string, string | undefined> = {},
    private readonly defaultInSubdir = false,
  ) {}

  /** The URLs of a site's settings. */
  static for(site: { defaultLanguage: string; defaultLanguageInSubdir: boolean; languages: Record<string, { subdir?: string }> }): SiteUrls {
    const subdirs = Object.fromEntries(Object.entries(site.languages).map(([lang, l]) => [lang, l.subdir]));
    return new SiteUrls(site.defaultLanguage, subdirs, site.defaultLanguageInSubdir);
  }

  root(lang: string): string {
    return lang === this.defaultLanguage && !this.defaultInSubdir ? "/" : `/${this.subdirs[lang] ?? lang}/`;
  }

  home(lang: string, page = 1): string {
    return page === 1 ? this.root(lang) : `${this.root(lang)}page/${page}/`;
  }

  archives(lang: string): string {
    return `${this.root(lang)}archives/`;
  }

  terms(lang: string, kind: TermKind): string {
    return `${this.root(lang)}${kind}/`;
  }

  term(lang: string, kind: TermKind, slug: string): string {
    return `${this.root(lang)}${kind}/${slug}/`;
  }

  about(lang: string): string {
    return `${this.root(lang)}about/`;
  }

  notFound(lang: string): string {
    return lang === this.defaultLanguage ? "/404.html" : `${this.root(lang)}404.html`;
  }

  search(lang: string): string {
    return `${this.root(lang)}search/`;
  }
}

export type TermKind = "tags" | "categories";

/** Percent-encodes a site path for use in `href` (Han characters and spaces included). */
export function href(url: string): string {
  return encodeURI(url);
}

/** An absolute URL: the site's origin, its path prefix, then the page path. */
export function absoluteUrl(siteUrl: string, pathPrefix: string, url: string): string {
  const origin = siteUrl.replace(/\/+$/, "");
  const prefix = pathPrefix.replace(/\/+$/, "");
  return origin + prefix + href(url);
}

/** How essay URLs are made (`_data/site.json`): Hugo's `permalinks` by top section, and its `disablePathToLower`. */
export interface PathSettings {
  permalinks: Record<string, string>;
  disablePathToLower: boolean;
}

/** What an essay's URL is made of, as Hugo sees a content file. */
export interface UrlSource {
  /** Language root: `/` or `/en/`. */
  root: string;
  /** Folder of the page relative to the content folder, bundle folder excluded: `posts/java/feature`. */
  dir: string;
  /** File name without language and extension (`Hello-World`), or the bundle's folder name. */
  name: string;
  /** The section the page is in (nearest folder with an `_index.md`, else the top one): `posts/java`. */
  sections: string;
  title: string;
  date: DateTime;
  slug?: string;
  /** Front matter `url`. */
  url?: string;
  /** A standalone page (`type: page`): at the language root, not in a section. */
  isPage: boolean;
}

/**
 * Hugo's UnicodeSanitize (helpers/path.go, 0.111): letters, digits, marks and `._-/\#+~@` stay,
 * `%XX` escapes stay, a run of spaces becomes one hyphen, anything else is dropped.
 */
export function sanitizePath(text: string, lower: boolean): string {
  // Most paths are already clean lower-case ASCII: 30,000 essays' paths, sections and slugs
  // are sanitized on every load.
  if (CLEAN.test(text) && !text.startsWith("-") && !text.includes("--")) return text;
  const source = [...text];
  let out = "";
  let prependHyphen = false;
  let wasHyphen = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    const allowed = ALLOWED.test(ch) || (ch === "%" && HEX2.test((source[i + 1] ?? "") + (source[i + 2] ?? "")));
    if (allowed) {
      wasHyphen = ch === "-";
      if (prependHyphen && !wasHyphen) out += "-";
      prependHyphen = false;
      out += ch;
    } else if (out.length > 0 && !wasHyphen && SPACE.test(ch)) prependHyphen = true;
  }
  return lower ? out.toLowerCase() : out;
}

const CLEAN = /^[a-z0-9._/~@+#-]*$/;
const ALLOWED = /[./\\_#+~@-]|[\p{L}\p{N}\p{M}]/u;
const HEX2 = /^[0-9a-f]{2}$/i;
const SPACE = /\s/u;

/** The tokens a `permalinks` pattern may use (Hugo 0.111's, plus `:contentbasename` of later Hugo). */
export const PERMALINK_TOKENS = ["year", "month", "monthname", "day", "weekday", "weekdayname", "yearday", "section", "sections", "title", "slug", "slugorfilename", "filename", "contentbasename"] as const;

/** Why a `permalinks` pattern cannot be used, or undefined when it can. */
export function permalinkProblem(pattern: string): string | undefined {
  if (!pattern.startsWith("/")) return `"${pattern}" must start with /`;
  const unknown = [...pattern.matchAll(/:([a-z]+)/gi)].map((m) => m[1]).filter((t) => !(PERMALINK_TOKENS as readonly string[]).includes(t));
  if (unknown.length) return `"${pattern}" uses unknown token${unknown.length === 1 ? "" : "s"} ${unknown.map((t) => `:${t}`).join(", ")} (known: ${PERMALINK_TOKENS.map((t) => `:${t}`).join(" ")})`;
  if (/(^|\/)\.\.?(\/|$)/.test(pattern)) return `"${pattern}" may not contain . or .. segments`;
  return undefined;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

function expandToken(token: string, source: UrlSource, lower: boolean): string {
  const date = source.date;
  switch (token) {
    case "year": return String(date.year);
    case "month": return two(date.month);
    case "monthname": return sanitizePath(date.setLocale("en").toFormat("LLLL"), lower);
    case "day": return two(date.day);
    case "weekday": return String(date.weekday % 7);
    case "weekdayname": return sanitizePath(date.setLocale("en").toFormat("cccc"), lower);
    case "yearday": return String(date.ordinal);
    case "section": return sanitizePath(source.dir.split("/")[0], lower);
    case "sections": return sanitizePath(source.sections, lower);
    case "title": return sanitizePath(source.title, lower);
    case "slug": return sanitizePath(source.slug || source.title, lower);
    case "slugorfilename": return sanitizePath(source.slug ?? source.name, lower);
    default: return sanitizePath(source.name, lower); // filename, contentbasename
  }
}

/** A site path ends with `/` unless it names an HTML file (`x.html`), as Hugo writes aliases: `/old.php` is `/old.php/`. */
function withSlash(url: string): string {
  return url.endsWith("/") || /\.html?$/i.test(url) ? url : `${url}/`;
}

/**
 * An essay's site path as Hugo 0.111 makes it: front matter `url` as written (under the
 * language root unless it starts with /); else the top section's `permalinks` pattern; else
 * the folder path and the slug or file name. Paths from file names, slugs and patterns are
 * sanitized and, unless `disablePathToLower`, lowercased. `unlowered` is a path made of
 * folder and file names (or a slug) in their own letter case, when lowercasing changed it.
 */
export function essayUrl(source: UrlSource, settings: PathSettings): { url: string; unlowered?: string } {
  if (source.url) {
    const url = source.url.startsWith("/") ? source.url : `${source.root}${source.url}`;
    return { url: withSlash(url.replace(/\/{2,}/g, "/")) };
  }
  const pattern = source.isPage ? undefined : settings.permalinks[source.dir.split("/")[0]];
  const url = pathOf(source, pattern, !settings.disablePathToLower);
  // Only paths made of folder and file names (or slugs) had their files' letter case before
  // wenji lowercased them; a pattern's titles and dates never did.
  const raw = source.isPage ? (source.slug ?? source.name) : `${source.dir}/${source.slug ?? source.name}`;
  const unlowered = settings.disablePathToLower || pattern || raw === raw.toLowerCase() ? undefined : pathOf(source, undefined, false);
  return { url, unlowered: unlowered !== url ? unlowered : undefined };
}

function pathOf(source: UrlSource, pattern: string | undefined, lower: boolean): string {
  let path: string;
  if (source.isPage) path = sanitizePath(source.slug ?? source.name, lower);
  else if (pattern) path = pattern.replace(/:([a-z]+)/g, (_, token: string) => expandToken(token, source, lower));
  else path = sanitizePath(`${source.dir}/${source.slug ?? source.name}`, lower);
  return withSlash(`${source.root}${path.replace(/^\/+/, "")}`.replace(/\/{2,}/g, "/"));
}

/**
 * Where an alias points, as Hugo resolves it: from the site root when it starts with /, else
 * beside the page (relative to the folder that holds the page's folder).
 */
export function aliasUrl(alias: string, pageUrl: string): string {
  const trimmed = alias.trim();
  if (trimmed.startsWith("/")) return withSlash(trimmed.replace(/\/{2,}/g, "/"));
  const parent = pageUrl.replace(/[^/]*\/?$/, "");
  return withSlash(`${parent}${trimmed}`.replace(/\/{2,}/g, "/"));
}

/** The output file of a site path: `/a/` → `/a/index.html`, `/a.html` as it is. */
export function outputPath(url: string): string {
  return url.endsWith("/") ? `${url}index.html` : url;
}
