/**
 * `npm run new`: creates an essay (or the translation of one) with valid front matter, in
 * the place and under the name the loader expects. It never overwrites a file.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { loadSettings, type Settings } from "../content/settings.ts";
import { loadEssays, type EssaySource } from "../content/load.ts";
import { slugFromTitle, hasHan, SLUG_PATTERN } from "./slug.ts";
import { writeFileAtomicSync } from "../files.ts";

/** A mistake in what was asked (exit 2), as opposed to a refusal about the site (exit 1). */
export class ScaffoldUsageError extends Error {}
export class ScaffoldRefusal extends Error {}

export interface NewEssayRequest {
  title?: string;
  lang?: string;
  slug?: string;
  bundle?: boolean;
  /** Translation key (or file, or slug) of the essay to translate. */
  translate?: string;
  now?: DateTime;
}

export interface Created {
  file: string;
  notes: string[];
}

/** A value written as is (a date, which YAML needs unquoted to read like Hugo's). */
interface Raw {
  raw: string;
}

function frontMatter(fields: [string, string | string[] | boolean | Raw | undefined][]): string {
  const lines = ["---"];
  for (const [key, value] of fields) {
    if (value === undefined) continue;
    if (Array.isArray(value)) lines.push(value.length ? `${key}:\n${value.map((v) => `  - ${JSON.stringify(v)}`).join("\n")}` : `${key}: []`);
    else if (typeof value === "object") lines.push(`${key}: ${value.raw}`);
    else lines.push(`${key}: ${typeof value === "string" ? JSON.stringify(value) : value}`);
  }
  lines.push("---", "", "");
  return lines.join("\n");
}

function checkLanguage(settings: Settings, lang: string): void {
  if (!settings.languages.includes(lang)) throw new ScaffoldUsageError(`--lang "${lang}" is not a language of this site (${settings.languages.join(", ")})`);
}

function localNow(settings: Settings, now?: DateTime): Raw {
  return { raw: (now ?? DateTime.now()).setZone(settings.site.timezone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ") };
}

async function write(root: string, file: string, text: string): Promise<void> {
  if (existsSync(path.join(root, file))) throw new ScaffoldRefusal(`${file} already exists; nothing was written`);
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  // Written whole or not at all: on a full disk no half essay is left behind (FileWriteError).
  writeFileAtomicSync(path.join(root, file), text, { exclusive: true });
}

export async function createEssay(root: string, request: NewEssayRequest): Promise<Created> {
  const settings = loadSettings(root);
  const lang = request.lang ?? settings.site.defaultLanguage;
  checkLanguage(settings, lang);
  const { essays } = await loadEssays(root, settings);
  if (request.translate !== undefined) return createTranslation(root, settings, essays, request, lang);

  const title = request.title?.trim();
  if (!title) throw new ScaffoldUsageError("a title is required, e.g. npm run new -- \"标题\"");
  const notes: string[] = [];
  let slug = request.slug;
  if (slug !== undefined && !SLUG_PATTERN.test(slug)) throw new ScaffoldUsageError(`--slug "${slug}" must be lower-case ASCII letters, digits and hyphens`);
  if (slug === undefined) {
    slug = slugFromTitle(title);
    if (!slug) throw new ScaffoldUsageError(`cannot make an ASCII slug from "${title}"; pass one with --slug`);
    if (hasHan(title)) notes.push(`slug "${slug}" was spelled from the title in pinyin; pass --slug to choose another`);
  }
  const taken = essays.find((e) => e.lang === lang && e.slug === slug);
  if (taken) throw new ScaffoldRefusal(`slug "${slug}" is already used by ${taken.file}; pass another with --slug`);
  const suffix = lang === settings.site.defaultLanguage ? "" : `.${lang}`;
  const file = request.bundle ? `posts/${slug}/index${suffix}.md` : `posts/${slug}${suffix}.md`;
  await write(root, file, frontMatter([["title", title], ["date", localNow(settings, request.now)], ["draft", true], ["tags", []]]));
  return { file, notes };
}

async function createTranslation(root: string, settings: Settings, essays: EssaySource[], request: NewEssayRequest, lang: string): Promise<Created> {
  const key = request.translate!;
  const group = essays.filter((e) => e.translationKey === key || e.file === key || e.file === `posts/${key}` || e.slug === key);
  const keys = new Set(group.map((e) => e.translationKey));
  if (!group.length) throw new ScaffoldRefusal(`no essay has translation key, slug or file "${key}"`);
  if (keys.size > 1) throw new ScaffoldRefusal(`"${key}" names essays of different translation keys (${[...keys].join(", ")}); use the translation key`);
  const translationKey = [...keys][0];
  const siblings = essays.filter((e) => e.translationKey === translationKey);
  const existing = siblings.find((e) => e.lang === lang);
  if (existing) throw new ScaffoldRefusal(`"${translationKey}" already has a ${lang} translation: ${existing.file}`);
  const original = siblings.find((e) => e.lang === settings.site.defaultLanguage) ?? siblings[0];

  // Next to the original, with the same name and the language before `.md`.
  const base = original.bundle ? `${original.dir}/index` : original.file.replace(/(\.[a-z]{2,3}(-[A-Za-z]{2,4})?)?\.md$/, "");
  const file = lang === settings.site.defaultLanguage ? `${base}.md` : `${base}.${lang}.md`;
  const title = request.title?.trim() || original.frontMatter.title;
  const notes = request.title?.trim() ? [] : [`title copied from ${original.file}; translate it`];
  const explicitSlug = original.keyLines.has("slug") || [...original.keyLines.keys()].some((k) => k.toLowerCase() === "slug");
  const slug = request.slug ?? (explicitSlug && SLUG_PATTERN.test(original.slug) ? original.slug : undefined);
  if (request.slug !== undefined && !SLUG_PATTERN.test(request.slug)) throw new ScaffoldUsageError(`--slug "${request.slug}" must be lower-case ASCII letters, digits and hyphens`);
  await write(
    root,
    file,
    frontMatter([
      ["title", title],
      ["date", localNow(settings, request.now)],
      ["draft", true],
      ["translationKey", translationKey],
      ["slug", slug],
      ["tags", original.frontMatter.tags],
    ]),
  );
  return { file, notes };
}
