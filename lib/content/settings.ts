/**
 * Site settings (`_data/site.json`) and UI strings (`_data/i18n/<lang>.json`), parsed by
 * zod into types once; the rest of the engine trusts them.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DateTime } from "luxon";
import { formatZodIssues, WenjiError } from "./problems.ts";
import { imageSettingsSchema } from "../images/settings.ts";
import { permalinkProblem } from "../i18n/urls.ts";
import type { FrontMatter } from "./schema.ts";
import { bookSettingsSchema } from "../book/settings.ts";

const language = z.object({
  locale: z.string().min(2),
  name: z.string().min(1),
  title: z.string().min(1),
  description: z.string().default(""),
  // Other codes that mean this language in file names (`index.zh-cn.md`), as a Hugo site named it; any letter case.
  hugoCodes: z.array(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language code such as zh-cn")).default([]),
  // The language's folder in URLs (`/en-us/`), when not its code: the language's key in a Hugo config.
  subdir: z.string().regex(/^[A-Za-z0-9_-]+$/, "must be one folder name such as en-us").optional(),
  // A folder (from the project root) holding this language's `posts/`, as Hugo's per-language contentDir.
  contentDir: z
    .string()
    .refine((dir) => !path.isAbsolute(dir) && !dir.split(/[\\/]/).includes(".."), "must be a folder inside the project")
    .optional(),
});

export const siteSchema = z
  .object({
    url: z.url(),
    pathPrefix: z.string().regex(/^\/(.*\/)?$/, "must start and end with /").default("/"),
    timezone: z.string().refine((zone) => DateTime.local().setZone(zone).isValid, "is not an IANA time zone"),
    defaultLanguage: z.string(),
    languages: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/), language),
    author: z.object({ name: z.string(), email: z.string().default(""), url: z.string().default("") }),
    // Hugo's permalink patterns by top section (`{"posts": "/:year/:month/:slug/"}`) and its path case setting.
    permalinks: z
      .record(z.string(), z.string().superRefine((pattern, ctx) => {
        const problem = permalinkProblem(pattern);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }))
      .default({}),
    disablePathToLower: z.boolean().default(false),
    // Hugo's defaultContentLanguageInSubdir: the default language under /<its folder>/ too, and / redirects there.
    defaultLanguageInSubdir: z.boolean().default(false),
    copyrightStartYear: z.number().int().optional(),
    icp: z.string().default(""),
    paginate: z.number().int().positive().default(10),
    toc: z.object({ levels: z.tuple([z.number().int().min(1).max(6), z.number().int().min(1).max(6)]) }).default({ levels: [2, 3] }),
    feed: z.object({ limit: z.number().int().positive().default(20) }).default({ limit: 20 }),
    images: imageSettingsSchema,
    // The EPUB of the collection (lib/book/): vertical writing, download links, order, cover.
    book: bookSettingsSchema,
    // Reading design choices: first-line indents instead of paragraph spacing; Chinese emphasis as 着重号 dots or weight.
    typography: z
      .object({ indent: z.boolean().default(false), emphasis: z.enum(["dots", "weight"]).default("dots") })
      .default({ indent: false, emphasis: "dots" }),
    // Site-wide front-matter defaults, as PaperMod's `params` set them; an essay's own front matter wins.
    defaults: z
      .object({
        showToc: z.boolean(),
        tocOpen: z.boolean(),
        showReadingTime: z.boolean(),
        showWordCount: z.boolean(),
        showBreadcrumbs: z.boolean(),
        showPostNavLinks: z.boolean(),
        showShareButtons: z.boolean(),
        comments: z.boolean(),
        hideMeta: z.boolean(),
        hideSummary: z.boolean(),
      })
      .partial()
      .strict()
      .default({}),
    comments: z
      .object({
        provider: z.enum(["none", "giscus"]).default("none"),
        giscus: z
          .object({
            repo: z.string().default(""),
            repoId: z.string().default(""),
            category: z.string().default(""),
            categoryId: z.string().default(""),
            mapping: z.string().default("pathname"),
          })
          .default({ repo: "", repoId: "", category: "", categoryId: "", mapping: "pathname" }),
      })
      .default({ provider: "none", giscus: { repo: "", repoId: "", category: "", categoryId: "", mapping: "pathname" } }),
  })
  .refine((site) => site.defaultLanguage in site.languages, {
    message: "must be one of the configured languages",
    path: ["defaultLanguage"],
  })
  .superRefine((site, ctx) => {
    // A code in a file name must mean one language.
    const folders = new Map<string, string>();
    for (const [lang, settings] of Object.entries(site.languages)) {
      const folder = (settings.subdir ?? lang).toLowerCase();
      const other = folders.get(folder);
      if (other) ctx.addIssue({ code: "custom", path: ["languages", lang, "subdir"], message: `"${folder}" is already the URL folder of language "${other}"` });
      folders.set(folder, lang);
    }
    const owner = new Map<string, string>();
    for (const [lang, settings] of Object.entries(site.languages)) {
      for (const code of [lang, ...settings.hugoCodes].map((c) => c.toLowerCase())) {
        const other = owner.get(code);
        if (other && other !== lang) ctx.addIssue({ code: "custom", path: ["languages", lang, "hugoCodes"], message: `"${code}" already names language "${other}"` });
        owner.set(code, lang);
      }
    }
  });

export type SiteSettings = z.infer<typeof siteSchema>;

/** The front-matter values that `defaults` in _data/site.json sets for every essay. */
export function essayDefaults(site: SiteSettings): Partial<FrontMatter> {
  const d = site.defaults;
  const out: Partial<FrontMatter> = {
    showToc: d.showToc,
    TocOpen: d.tocOpen,
    ShowReadingTime: d.showReadingTime,
    ShowWordCount: d.showWordCount,
    showbreadcrumbs: d.showBreadcrumbs,
    ShowPostNavLinks: d.showPostNavLinks,
    disableShare: d.showShareButtons === undefined ? undefined : !d.showShareButtons,
    comments: d.comments,
    hidemeta: d.hideMeta,
    hideSummary: d.hideSummary,
  };
  return Object.fromEntries(Object.entries(out).filter(([, value]) => value !== undefined));
}

/** UI strings are a flat-or-nested JSON object of strings; every language must have every key. */
export type Strings = { [key: string]: string | Strings };

export interface Settings {
  site: SiteSettings;
  /** Language codes, the default first. */
  languages: string[];
  strings: Record<string, Strings>;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new WenjiError([`${file}: ${(error as Error).message}`]);
  }
}

function flatKeys(strings: Strings, prefix = ""): string[] {
  return Object.entries(strings).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : flatKeys(value, `${prefix}${key}.`),
  );
}

const stringsSchema: z.ZodType<Strings> = z.lazy(() => z.record(z.string(), z.union([z.string(), stringsSchema])));

export function loadSettings(root: string): Settings {
  const sitePath = path.join(root, "_data", "site.json");
  const parsed = siteSchema.safeParse(readJson(sitePath));
  if (!parsed.success) throw new WenjiError(formatZodIssues("_data/site.json", parsed.error.issues));
  const site = parsed.data;
  const languages = [site.defaultLanguage, ...Object.keys(site.languages).filter((l) => l !== site.defaultLanguage)];

  const stringsDir = path.join(root, "_data", "i18n");
  const strings: Record<string, Strings> = {};
  const problems: string[] = [];
  const available = new Set(readdirSync(stringsDir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)));
  for (const lang of languages) {
    const rel = `_data/i18n/${lang}.json`;
    if (!available.has(lang)) {
      problems.push(`${rel}: missing: language "${lang}" is configured in _data/site.json but has no strings file`);
      continue;
    }
    const result = stringsSchema.safeParse(readJson(path.join(stringsDir, `${lang}.json`)));
    if (!result.success) problems.push(...formatZodIssues(rel, result.error.issues));
    else strings[lang] = result.data;
  }
  const allKeys = new Set(Object.values(strings).flatMap((s) => flatKeys(s)));
  for (const [lang, table] of Object.entries(strings)) {
    const own = new Set(flatKeys(table));
    for (const key of allKeys) {
      if (!own.has(key)) problems.push(`_data/i18n/${lang}.json: missing string "${key}" for language "${lang}"`);
    }
  }
  if (problems.length) throw new WenjiError(problems);
  return { site, languages, strings };
}
