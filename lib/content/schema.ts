/**
 * The front-matter contract: every key Hugo + PaperMod writers use, parsed by zod into one
 * typed shape. Keys are case-insensitive as in Hugo (`showToc` = `ShowToc` = `showtoc`).
 * Each field says, in words, what it expects, so an error can name the field, the value
 * and the expectation in one line.
 */
import { z } from "zod";
import { DateTime } from "luxon";

/** Parses a front-matter date: RFC 3339 with offset, a date-time without one, or a date only (that day, in the site's zone). */
export function parseEssayDate(value: unknown, zone: string): DateTime | undefined {
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "string") text = value.trim();
  else return undefined;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text)) return undefined;
  const parsed = DateTime.fromISO(text.replace(" ", "T"), { zone, setZone: true });
  return parsed.isValid ? parsed : undefined;
}

const nonEmptyString = z.string().trim().min(1);
const stringList = z.union([
  z.string().transform((s) => (s.trim() ? [s.trim()] : [])),
  z.array(z.union([z.string(), z.number()]).transform((v) => String(v).trim())),
  z.null().transform((): string[] => []),
]);
const optionalBool = z.union([z.boolean(), z.null().transform(() => undefined)]);
const optionalString = z.union([z.string(), z.null().transform(() => undefined)]);

function dateField(zone: string) {
  return z.unknown().transform((value, ctx) => {
    if (value === null || value === undefined || value === "") return undefined;
    const parsed = parseEssayDate(value, zone);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "not a date" });
      return z.NEVER;
    }
    return parsed;
  });
}

const tocLevels = z.union([
  z.tuple([z.number().int().min(1).max(6), z.number().int().min(1).max(6)]),
  z
    .string()
    .regex(/^[1-6]\s*-\s*[1-6]$/)
    .transform((s) => s.split("-").map((n) => Number(n.trim())) as [number, number]),
]);

interface Field {
  schema: z.ZodType;
  /** "a date", "true or false": what the value is not, when it is wrong. */
  noun: string;
  expected: string;
}

const BOOL: Omit<Field, "schema"> = { noun: "a boolean", expected: "true or false" };
const LIST: Omit<Field, "schema"> = { noun: "a list of strings", expected: "a string or a list of strings" };
const TEXT: Omit<Field, "schema"> = { noun: "a string", expected: "text" };
const DATE: Omit<Field, "schema"> = { noun: "a date", expected: "YYYY-MM-DD or an RFC 3339 date-time" };

const cover = z
  .object({
    image: optionalString,
    caption: optionalString,
    alt: optionalString,
    relative: optionalBool,
    hidden: optionalBool,
    hiddenInList: optionalBool,
    hiddenInSingle: optionalBool,
  })
  .partial();

/** The canonical spelling of each key; lookups are by lower case. */
export function frontMatterFields(zone: string): Record<string, Field> {
  return {
    title: { schema: nonEmptyString, noun: "a title", expected: "a non-empty string" },
    date: { schema: dateField(zone), ...DATE },
    lastmod: { schema: dateField(zone), ...DATE },
    publishDate: { schema: dateField(zone), ...DATE },
    expiryDate: { schema: dateField(zone), ...DATE },
    description: { schema: optionalString, ...TEXT },
    summary: { schema: optionalString, ...TEXT },
    tags: { schema: stringList, ...LIST },
    categories: { schema: stringList, ...LIST },
    series: { schema: stringList, ...LIST },
    keywords: { schema: stringList, ...LIST },
    author: { schema: stringList, ...LIST },
    aliases: { schema: stringList, ...LIST },
    weight: {
      schema: z.union([z.number().int(), z.null().transform(() => undefined)]),
      noun: "a whole number",
      expected: "a whole number such as 1, or nothing",
    },
    draft: { schema: optionalBool, ...BOOL },
    comments: { schema: optionalBool, ...BOOL },
    showToc: { schema: optionalBool, ...BOOL },
    TocOpen: { schema: optionalBool, ...BOOL },
    tocLevels: { schema: tocLevels, noun: "a heading range", expected: "two levels such as [2, 4] or \"2-4\"" },
    hidemeta: { schema: optionalBool, ...BOOL },
    hideSummary: { schema: optionalBool, ...BOOL },
    disableShare: { schema: optionalBool, ...BOOL },
    showbreadcrumbs: { schema: optionalBool, ...BOOL },
    ShowPostNavLinks: { schema: optionalBool, ...BOOL },
    ShowReadingTime: { schema: optionalBool, ...BOOL },
    ShowWordCount: { schema: optionalBool, ...BOOL },
    searchHidden: { schema: optionalBool, ...BOOL },
    robotsNoIndex: { schema: optionalBool, ...BOOL },
    hiddenInHomeList: { schema: optionalBool, ...BOOL },
    feed: { schema: optionalBool, ...BOOL },
    cover: { schema: z.union([cover, z.null().transform(() => ({}))]), noun: "a cover", expected: "a mapping with image, alt, caption, relative, hidden, hiddenInList, hiddenInSingle" },
    canonicalURL: { schema: z.union([z.url(), z.literal(""), z.null().transform(() => undefined)]), noun: "a URL", expected: "an absolute URL such as https://example.org/post/" },
    slug: {
      // Spaces become hyphens in the URL, as in Hugo ("My Slug" → my-slug); an empty slug is no
      // slug (the file or folder name is used).
      schema: z.union([z.literal("").transform(() => undefined), z.string().trim().regex(/^[^/\\?#]+$/)]),
      noun: "a URL segment",
      expected: "one path segment without / ? or #",
    },
    url: {
      schema: z.union([z.string().trim().min(1), z.null().transform(() => undefined)]),
      noun: "a site path",
      expected: "a path such as /about/ (from the site root) or notes/x/ (under the language's root)",
    },
    translationKey: { schema: nonEmptyString, noun: "a key", expected: "a non-empty string shared by an essay and its translations" },
    type: { schema: z.union([z.string(), z.null().transform(() => undefined)]), noun: "a content type", expected: "\"page\" for a standalone page such as about, or a Hugo section name" },
  };
}

/** Keys Hugo or PaperMod understand that wenji accepts and does not act on (no warning). */
export const IGNORED_KEYS = [
  "ShowCodeCopyButtons", "UseHugoToc", "ShowCanonicalLink", "ShowRssButtonInSectionTermList", "disableHLJS",
  "editPost", "isCJKLanguage", "images", "math", "layout", "lang", "linkTitle", "toc",
  "disableAnchoredHeadings", "hideFooter", "ShowShareButtons", "hideAuthor", "mermaid",
];

export const COVER_KEYS = ["image", "caption", "alt", "relative", "hidden", "hiddenInList", "hiddenInSingle", "responsiveImages", "linkFullImages"];

export interface CoverMatter {
  image?: string;
  caption?: string;
  alt?: string;
  relative?: boolean;
  hidden?: boolean;
  hiddenInList?: boolean;
  hiddenInSingle?: boolean;
}

/** The typed, normalized front matter every later stage reads. */
export interface FrontMatter {
  title: string;
  date: DateTime;
  lastmod?: DateTime;
  publishDate?: DateTime;
  expiryDate?: DateTime;
  description?: string;
  summary?: string;
  tags: string[];
  categories: string[];
  series: string[];
  keywords: string[];
  author: string[];
  aliases: string[];
  weight?: number;
  draft: boolean;
  comments: boolean;
  showToc: boolean;
  TocOpen: boolean;
  tocLevels?: [number, number];
  hidemeta: boolean;
  hideSummary: boolean;
  disableShare: boolean;
  showbreadcrumbs: boolean;
  ShowPostNavLinks: boolean;
  ShowReadingTime: boolean;
  ShowWordCount: boolean;
  searchHidden: boolean;
  robotsNoIndex: boolean;
  hiddenInHomeList: boolean;
  feed: boolean;
  cover: CoverMatter;
  canonicalURL?: string;
  slug?: string;
  /** Hugo's `url`: the page's whole path, in place of the one made from its file and section. */
  url?: string;
  translationKey?: string;
  /** Hugo's content type; "page" makes a standalone page (about, colophon) outside lists and feeds. */
  type?: string;
}

/** Defaults follow PaperMod's usual site settings: meta, reading time, word count, nav links and share on. */
export const FRONT_MATTER_DEFAULTS = {
  tags: [], categories: [], series: [], keywords: [], author: [], aliases: [],
  draft: false, comments: false, showToc: false, TocOpen: false, hidemeta: false, hideSummary: false,
  disableShare: false, showbreadcrumbs: false, ShowPostNavLinks: true, ShowReadingTime: true,
  ShowWordCount: true, searchHidden: false, robotsNoIndex: false, hiddenInHomeList: false, feed: true, cover: {},
} satisfies Partial<FrontMatter>;

/**
 * Characters no front-matter string may hold: C0 and C1 controls other than tab and line
 * breaks, DEL, the Unicode line and paragraph separators (they end a JavaScript string
 * literal's line in older engines and split a feed's text), and the bidirectional embeddings,
 * overrides and isolates (U+202E turns "txt.exe" into "exe.txt" on screen). Invisible in an
 * editor, they would reach `<title>`, links, feeds and folder names; a NUL crashed the build.
 */
const UNSAFE_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const CHARACTER_NAMES: Record<number, string> = {
  0x00: "NULL", 0x1b: "ESCAPE", 0x7f: "DELETE", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING", 0x202b: "RIGHT-TO-LEFT EMBEDDING", 0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE", 0x202e: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
};

export interface UnsafeCharacter {
  /** Where in the value: "" for the value itself, "[2]" for a list's third item, ".alt" in a mapping. */
  path: string;
  /** "U+202E RIGHT-TO-LEFT OVERRIDE". */
  character: string;
}

/** The first unsafe character in a front-matter value (strings in lists and mappings too), if any. */
export function findUnsafeCharacter(value: unknown, path = ""): UnsafeCharacter | undefined {
  if (typeof value === "string") {
    const found = UNSAFE_CHARACTER.exec(value);
    if (!found) return undefined;
    const code = found[0].codePointAt(0)!;
    const name = CHARACTER_NAMES[code] ?? "a control character";
    return { path, character: `U+${code.toString(16).toUpperCase().padStart(4, "0")} ${name}` };
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnsafeCharacter(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnsafeCharacter(item, `${path}.${key}`) ?? findUnsafeCharacter(key, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
