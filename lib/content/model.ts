/**
 * The site model: validated essays become rendered essays, per-language lists, terms,
 * archives and one view object per output page. Everything a template shows is computed
 * here, once; templates only format.
 */
import { DateTime } from "luxon";
import { renderMarkdown, RenderError, sharedMarkdown, type RenderResult, type MarkdownImage } from "../markdown/render.ts";
import type { RenderCache } from "../markdown/render-cache.ts";
import { helpersFor, PARALLEL_MIN, renderAll, type RenderJob } from "../markdown/render-pool.ts";
import { buildToc, renderToc } from "../markdown/toc.ts";
import { readingMinutes, wordCount, type TextCount } from "../text/count.ts";
import { summarize } from "../text/summary.ts";
import { formatDay, isoDateTime } from "../i18n/dates.ts";
import { formatNumber } from "../i18n/numbers.ts";
import { translator, type Translate } from "../i18n/strings.ts";
import { SiteUrls, href, absoluteUrl, type TermKind } from "../i18n/urls.ts";
import { groupTerms, type TermGroup } from "./terms.ts";
import { archiveYears, type ArchiveYear } from "./archives.ts";
import { feedLinks, subscribeUrl, type FeedLink } from "./subscribe.ts";
import { languageName } from "../i18n/language-names.ts";
import { publishStatus, type PublishStatus } from "./publish.ts";
import type { EssaySource } from "./load.ts";
import type { Settings } from "./settings.ts";
import type { SocialImage } from "../images/stage.ts";
import { formatProblem, WenjiError, type Problem } from "./problems.ts";
import { aliasUrl, outputPath } from "../i18n/urls.ts";
import { outputCollisions, pathShapeProblem, reservedOutputs, slugShapeProblem, type Output } from "./paths.ts";

export interface Link {
  href: string;
  label: string;
}

export interface TermRef extends Link {
  name: string;
  slug: string;
}

export interface CoverView {
  src: string;
  alt: string;
  caption: string;
  inList: boolean;
  inSingle: boolean;
  /** The optimized `<picture>`, set by the image stage. */
  html?: string;
}

export interface Essay {
  source: EssaySource;
  file: string;
  lang: string;
  locale: string;
  slug: string;
  translationKey: string;
  /** Site path without prefix, e.g. `/posts/why/`. */
  url: string;
  href: string;
  absoluteUrl: string;
  title: string;
  description: string;
  summary: string;
  status: PublishStatus;
  date: DateTime;
  updated?: DateTime;
  dateIso: string;
  dateText: string;
  updatedIso?: string;
  updatedText?: string;
  pinned: boolean;
  weight?: number;
  html: string;
  tocHtml: string;
  tocOpen: boolean;
  count: TextCount;
  words: number;
  minutes: number;
  readingTimeText: string;
  wordCountText: string;
  tags: TermRef[];
  categories: TermRef[];
  cover?: CoverView;
  images: MarkdownImage[];
  /** The 1200x630 link-preview JPEG, set by the image stage (cover, else first image). */
  socialImage?: SocialImage;
  links: RenderResult["links"];
  headings: RenderResult["headings"];
  /** Ids the essay's raw HTML sets: link targets besides its headings. */
  anchors: string[];
  /** What the render reported without failing (a formula KaTeX cannot read), with file lines. */
  renderProblems: RenderResult["problems"];
  hasMath: boolean;
  /** The page loads the vendored mermaid script (it has a ```mermaid diagram). */
  hasMermaid: boolean;
  translations: Essay[];
  /** A standalone page (`type: page`): its own URL, left out of lists, terms and feeds. */
  isPage: boolean;
  previous?: Essay;
  next?: Essay;
  fm: EssaySource["frontMatter"];
}

export interface Alternate {
  hreflang: string;
  href: string;
}

export interface SwitchLink {
  lang: string;
  name: string;
  href: string;
  available: boolean;
  note: string;
}

/** What every page carries, whatever its kind. */
export interface PageBase {
  kind: string;
  lang: string;
  locale: string;
  url: string;
  href: string;
  /** Output file path relative to the output folder. */
  permalink: string;
  title: string;
  documentTitle: string;
  description: string;
  canonical: string;
  alternates: Alternate[];
  switcher: SwitchLink[];
  noindex: boolean;
  nav: (Link & { current: boolean })[];
  /** The feeds' hrefs, and `page`: the subscribe page the header links to. */
  feeds: { rss: string; atom: string; json: string; page: string };
}

/** The comments provider's script and its settings; loaded only when the reader asks. */
export interface CommentsView {
  script: string;
  attributes: { name: string; value: string }[];
}

export interface ListItem {
  essay: Essay;
  showSummary: boolean;
}

export interface Pager {
  current: number;
  total: number;
  newer?: string;
  older?: string;
  label: string;
}

export type Page =
  | (PageBase & { kind: "essay"; essay: Essay; breadcrumbs: Link[]; share: Link[]; copyLink: string; comments?: CommentsView; marker: string })
  | (PageBase & { kind: "home"; pinned: ListItem[]; items: ListItem[]; pager: Pager })
  | (PageBase & { kind: "archives"; intro: string; years: ArchiveYear[] })
  | (PageBase & { kind: "subscribe"; feedList: FeedLink[] })
  | (PageBase & { kind: "terms"; termKind: TermKind; terms: (TermRef & { count: number; countText: string; weight: number })[] })
  | (PageBase & { kind: "term"; termKind: TermKind; items: ListItem[]; otherLanguages: Link[] })
  | (PageBase & { kind: "page"; essay: Essay; marker: string })
  | (PageBase & { kind: "notfound" })
  | (PageBase & { kind: "search" })
  | (PageBase & { kind: "redirect"; target: string });

export interface SiteModel {
  settings: Settings;
  essays: Essay[];
  /** Published (or, when previewing, shown) essays per language, newest first. */
  byLanguage: Record<string, Essay[]>;
  pages: Page[];
  leftOut: { file: string; status: PublishStatus }[];
  /** Slugs, `url`s and aliases that are not paths of the site or collide (paths.ts): the build stops on them. */
  problems: Problem[];
  /** UI data per language for the layout: strings, site title, footer. */
  languages: Record<string, LanguageView>;
  generatedAt: string;
}

export interface LanguageView {
  lang: string;
  locale: string;
  name: string;
  siteTitle: string;
  siteDescription: string;
  homeHref: string;
  strings: Settings["strings"][string];
  footer: { copyright: string; icp: string };
}

export interface BuildOptions {
  /** Preview (`npm start`): drafts, scheduled and expired essays are shown, marked. */
  preview: boolean;
  now?: DateTime;
  /** Renders kept across builds (the project's `.cache/render/`); without it every build renders every essay. */
  renderCache?: RenderCache;
  /** Collects essays that could not be rendered instead of stopping at the first (`npm run check`). */
  renderFailures?: Problem[];
  /**
   * Redirect an essay's path in its files' letter case to the lowercased path. Only where
   * the output's file system tells letter case apart: elsewhere both are one file.
   */
  caseRedirects?: boolean;
}

/**
 * The last render of each file, reused while what the render reads is unchanged: a preview
 * rebuild re-renders only edited essays. Compared as strings, not hashed: equal strings compare
 * at memory speed, while hashing every essay cost each build ~50 ms at 1,500 essays.
 */
const renderCache = new Map<string, { body: string; bodyLine: number; anchorLabel: string; result: RenderResult }>();

/** This process's last render of the job's file, if it rendered the same body, line and label. */
function remembered(job: RenderJob): RenderResult | undefined {
  const cached = renderCache.get(job.file);
  return cached && cached.body === job.body && cached.bodyLine === job.bodyLine && cached.anchorLabel === job.anchorLabel ? cached.result : undefined;
}

function remember(job: RenderJob, result: RenderResult): void {
  renderCache.set(job.file, { body: job.body, bodyLine: job.bodyLine, anchorLabel: job.anchorLabel, result });
}

function renderEssay(source: EssaySource, anchorLabel: string, disk: RenderCache | undefined): RenderResult {
  const job = { file: source.file, body: source.body, bodyLine: source.bodyLine, anchorLabel };
  const known = remembered(job);
  if (known) return known;
  const result = disk?.get(job.file, job.body, job.bodyLine, anchorLabel) ?? renderHere(job, disk);
  remember(job, result);
  return result;
}

/** An essay that could not be rendered: its file (and line when known), worded for the author. */
export class EssayRenderError extends WenjiError {
  constructor(readonly problem: Problem) {
    super([formatProblem(problem)]);
  }
}

/** An essay's render, or (when the caller collects failures, as `npm run check` does) an empty one and the failure recorded. */
function renderOrRecord(source: EssaySource, anchorLabel: string, options: BuildOptions): RenderResult {
  try {
    return renderEssay(source, anchorLabel, options.renderCache);
  } catch (error) {
    if (!(error instanceof EssayRenderError) || !options.renderFailures) throw error;
    options.renderFailures.push(error.problem);
    const empty = { html: "", headings: [], count: { han: 0, latin: 0 }, lead: "", hasMoreMarker: false, images: [], links: [], anchors: [] };
    return { ...empty, problems: [], hasMath: false, hasMermaid: false };
  }
}

function renderHere(job: RenderJob, disk: RenderCache | undefined): RenderResult {
  let result: RenderResult;
  try {
    result = renderMarkdown(sharedMarkdown(), job.body, { anchorLabel: job.anchorLabel, lineOffset: job.bodyLine - 1 });
  } catch (error) {
    // A renderer bug or a pathological input must still tell the author which essay it was.
    const reason = error instanceof RenderError ? error.reason : error instanceof Error ? error.message : String(error);
    const line = error instanceof RenderError ? error.line : undefined;
    throw new EssayRenderError({ file: job.file, line, severity: "error", rule: "render", message: `the essay could not be rendered: ${reason}` });
  }
  disk?.set(job.file, job.body, job.bodyLine, job.anchorLabel, result);
  return result;
}

/**
 * Renders, on every core (render-pool.ts), the essays buildSiteModel would render that no
 * cache holds, when there are enough of them (`parallelFrom`) to be worth the threads; buildSiteModel then finds
 * each in the process's cache. Its choice of essays follows buildSiteModel's; an essay it
 * misses is only rendered there, on the main thread.
 */
export async function prerenderEssays(sources: EssaySource[], settings: Settings, options: BuildOptions, parallelFrom = PARALLEL_MIN): Promise<number> {
  const now = options.now ?? DateTime.now().setZone(settings.site.timezone);
  const labels = new Map(settings.languages.map((l) => [l, translator(settings.strings[l])("anchorLabel")]));
  const jobs: RenderJob[] = [];
  for (const source of sources) {
    if (!options.preview && publishStatus(source.frontMatter, now) !== "published") continue;
    const job = { file: source.file, body: source.body, bodyLine: source.bodyLine, anchorLabel: labels.get(source.lang)! };
    if (remembered(job)) continue;
    const stored = options.renderCache?.get(job.file, job.body, job.bodyLine, job.anchorLabel);
    if (stored) remember(job, stored);
    else jobs.push(job);
  }
  const helpers = helpersFor(jobs.length, undefined, parallelFrom);
  if (!helpers) return 0;
  const results = await renderAll(jobs, (job) => renderHere(job, options.renderCache), options.renderCache?.dir, helpers);
  jobs.forEach((job, i) => remember(job, results[i]));
  return jobs.length;
}

/** What rendering reported without failing (a formula KaTeX cannot read), as warnings of each essay's file. */
export function renderWarnings(model: SiteModel): Problem[] {
  return model.essays.flatMap((e) => e.renderProblems.map((p): Problem => ({ file: e.file, line: p.line, severity: "warning", rule: p.rule, message: p.message })));
}

function byDateDesc(a: Essay, b: Essay): number {
  return b.date.toMillis() - a.date.toMillis() || a.url.localeCompare(b.url);
}

export function buildSiteModel(sources: EssaySource[], settings: Settings, options: BuildOptions): SiteModel {
  const { site, languages } = settings;
  const urls = SiteUrls.for(site);
  const now = options.now ?? DateTime.now().setZone(site.timezone);
  const t: Record<string, Translate> = Object.fromEntries(languages.map((l) => [l, translator(settings.strings[l])]));
  const abs = (url: string) => absoluteUrl(site.url, site.pathPrefix, url);

  const leftOut: SiteModel["leftOut"] = [];
  const essays: Essay[] = [];
  for (const source of sources) {
    const fm = source.frontMatter;
    const status = publishStatus(fm, now);
    if (status !== "published" && !options.preview) {
      leftOut.push({ file: source.file, status });
      continue;
    }
    const lang = source.lang;
    const locale = site.languages[lang].locale;
    const tr = t[lang];
    const rendered = renderOrRecord(source, tr("anchorLabel"), options);
    const levels = fm.tocLevels ?? site.toc.levels;
    const tocHtml = fm.showToc ? renderToc(buildToc(rendered.headings, levels)) : "";
    const isPage = fm.type === "page";
    const url = source.url;
    const updated = fm.lastmod && !fm.lastmod.hasSame(fm.date, "day") ? fm.lastmod : undefined;
    const minutes = readingMinutes(rendered.count);
    const words = wordCount(rendered.count);
    const coverImage = fm.cover.image?.trim();
    essays.push({
      source,
      file: source.file,
      lang,
      locale,
      slug: source.slug,
      translationKey: source.translationKey,
      url,
      href: href(url),
      absoluteUrl: abs(url),
      title: fm.title,
      description: fm.description ?? "",
      summary: fm.summary ?? fm.description ?? summarize(rendered.lead),
      status,
      date: fm.date,
      updated,
      dateIso: isoDateTime(fm.date),
      dateText: formatDay(fm.date, locale, site.timezone),
      updatedIso: updated && isoDateTime(updated),
      updatedText: updated && formatDay(updated, locale, site.timezone),
      pinned: (fm.weight ?? 0) > 0,
      weight: fm.weight,
      html: rendered.html,
      tocHtml,
      tocOpen: fm.TocOpen,
      count: rendered.count,
      words,
      minutes,
      readingTimeText: tr("readingTime", { n: minutes }),
      wordCountText: tr("wordCount", { n: formatNumber(words, locale) }),
      tags: [],
      categories: [],
      cover:
        coverImage && !fm.cover.hidden
          ? {
              src: coverImage,
              alt: fm.cover.alt || fm.cover.caption || fm.title,
              caption: fm.cover.caption ?? "",
              inList: !fm.cover.hiddenInList,
              inSingle: !fm.cover.hiddenInSingle,
            }
          : undefined,
      images: rendered.images,
      links: rendered.links,
      headings: rendered.headings,
      anchors: rendered.anchors,
      renderProblems: rendered.problems,
      hasMath: rendered.hasMath,
      hasMermaid: rendered.hasMermaid,
      translations: [],
      isPage,
      fm,
    });
  }

  // Translations: one group per translation key.
  const groups = new Map<string, Essay[]>();
  for (const essay of essays) {
    const group = groups.get(essay.translationKey);
    if (group) group.push(essay);
    else groups.set(essay.translationKey, [essay]);
  }
  for (const group of groups.values()) {
    for (const essay of group) essay.translations = group.filter((other) => other !== essay);
  }

  const byLanguage: Record<string, Essay[]> = {};
  for (const lang of languages) {
    const list = essays.filter((e) => e.lang === lang && !e.isPage).sort(byDateDesc);
    byLanguage[lang] = list;
    list.forEach((essay, i) => {
      essay.next = list[i - 1];
      essay.previous = list[i + 1];
    });
  }

  const languageViews: Record<string, LanguageView> = {};
  const firstYear = site.copyrightStartYear ?? now.year;
  for (const lang of languages) {
    const language = site.languages[lang];
    languageViews[lang] = {
      lang,
      locale: language.locale,
      name: language.name,
      siteTitle: language.title,
      siteDescription: language.description,
      homeHref: href(urls.root(lang)),
      strings: settings.strings[lang],
      footer: {
        copyright: `© ${firstYear === now.year ? now.year : `${firstYear}–${now.year}`} ${site.author.name}`,
        icp: site.icp,
      },
    };
  }

  const comments = (lang: string): CommentsView | undefined => {
    if (site.comments.provider !== "giscus") return undefined;
    const g = site.comments.giscus;
    const attributes = Object.entries({
      repo: g.repo, "repo-id": g.repoId, category: g.category, "category-id": g.categoryId, mapping: g.mapping,
      "reactions-enabled": "1", "input-position": "top", theme: "preferred_color_scheme", lang: lang === "zh" ? "zh-CN" : lang, loading: "lazy",
    }).map(([name, value]) => ({ name: `data-${name}`, value }));
    return { script: "https://giscus.app/client.js", attributes };
  };

  const pages: Page[] = [];
  const termPages: Record<string, Record<TermKind, Map<string, string>>> = {};
  // Per language, what the second pass needs from the first: kept, not searched for in `pages`.
  const termGroupsOf: Record<string, Record<TermKind, TermGroup<Essay>[]>> = {};
  const termsPageOf: Record<string, Partial<Record<TermKind, Page & { kind: "terms" }>>> = {};
  const homePageOf: Record<string, Page> = {};
  const archivesPageOf: Record<string, Page> = {};
  const essayPageOf = new Map<Essay, Page>();

  for (const lang of languages) {
    const list = byLanguage[lang];
    const standalone = essays.filter((e) => e.lang === lang && e.isPage);
    const tr = t[lang];
    const lv = languageViews[lang];
    const locale = lv.locale;
    const feeds = {
      rss: href(`${urls.root(lang)}feed.xml`),
      atom: href(`${urls.root(lang)}atom.xml`),
      json: href(`${urls.root(lang)}feed.json`),
      page: href(subscribeUrl(urls.root(lang))),
    };
    const nav = (current: string) =>
      [
        { key: "home", url: urls.root(lang) },
        { key: "archives", url: urls.archives(lang) },
        { key: "tags", url: urls.terms(lang, "tags") },
        { key: "categories", url: urls.terms(lang, "categories") },
        { key: "search", url: urls.search(lang) },
        ...standalone.filter((e) => e.slug === "about").map((e) => ({ key: "about", url: e.url })),
      ].map(({ key, url }) => ({ href: href(url), label: tr(`nav.${key}`), current: key === current }));

    /** Alternates and the switcher for a page whose counterpart in each language is given (or not). */
    const crossLinks = (counterparts: Record<string, string | undefined>, isEssay: boolean) => {
      const alternates: Alternate[] = [];
      for (const other of languages) {
        const url = counterparts[other];
        if (url) alternates.push({ hreflang: site.languages[other].locale, href: abs(url) });
      }
      const xDefault = counterparts[site.defaultLanguage] ?? counterparts[lang];
      if (xDefault) alternates.push({ hreflang: "x-default", href: abs(xDefault) });
      const switcher: SwitchLink[] = languages
        .filter((other) => other !== lang)
        .map((other) => {
          const url = counterparts[other];
          const name = site.languages[other].name;
          const nameHere = languageName(settings.strings[lang], other, name);
          return {
            lang: other,
            name,
            href: href(url ?? urls.root(other)),
            available: Boolean(url),
            note: url || !isEssay ? "" : tr("noTranslation", { language: nameHere }),
          };
        });
      return { alternates, switcher };
    };

    const base = (kind: string, url: string, title: string, description: string, counterparts: Record<string, string | undefined>, current: string, isEssay = false) => ({
      lang,
      locale,
      url,
      href: href(url),
      permalink: url.endsWith("/") ? `${url}index.html` : url,
      title,
      documentTitle: title === lv.siteTitle ? title : `${title} | ${lv.siteTitle}`,
      description: description || lv.siteDescription,
      canonical: abs(url),
      ...crossLinks(counterparts, isEssay),
      noindex: false,
      nav: nav(current),
      feeds,
    });
    const sameUrlEverywhere = (urlOf: (l: string) => string) => Object.fromEntries(languages.map((l) => [l, urlOf(l)]));

    // Terms first: essays link to them.
    termPages[lang] = { tags: new Map(), categories: new Map() };
    const termGroups = {
      tags: groupTerms(list, (e) => e.fm.tags, !site.disablePathToLower),
      categories: groupTerms(list, (e) => e.fm.categories, !site.disablePathToLower),
    };
    termGroupsOf[lang] = termGroups;
    for (const kind of ["tags", "categories"] as const) {
      for (const group of termGroups[kind]) {
        const url = urls.term(lang, kind, group.slug);
        termPages[lang][kind].set(group.key, url);
        for (const essay of group.items) {
          essay[kind].push({ name: group.name, slug: group.slug, href: href(url), label: group.name });
        }
      }
    }

    for (const essay of list) {
      const counterparts: Record<string, string | undefined> = { [lang]: essay.url };
      for (const other of essay.translations) counterparts[other.lang] = other.url;
      const marker = essay.status === "published" ? "" : tr(essay.status);
      const shareText = encodeURIComponent(essay.title);
      const shareUrl = encodeURIComponent(essay.absoluteUrl);
      const essayPage: Page = {
        ...base("essay", essay.url, essay.title, essay.description || essay.summary, counterparts, "", true),
        kind: "essay",
        essay,
        marker,
        noindex: essay.fm.robotsNoIndex || essay.status !== "published",
        canonical: essay.fm.canonicalURL || essay.absoluteUrl,
        breadcrumbs: [
          { href: href(urls.root(lang)), label: tr("nav.home") },
          { href: href(urls.archives(lang)), label: tr("posts") },
        ],
        share: essay.fm.disableShare
          ? []
          : [
              { label: tr("shareSites.weibo"), href: `https://service.weibo.com/share/share.php?url=${shareUrl}&title=${shareText}` },
              { label: tr("shareSites.x"), href: `https://x.com/intent/post?url=${shareUrl}&text=${shareText}` },
              { label: tr("shareSites.telegram"), href: `https://t.me/share/url?url=${shareUrl}&text=${shareText}` },
              { label: tr("shareByEmail"), href: `mailto:?subject=${shareText}&body=${shareUrl}` },
            ],
        copyLink: essay.absoluteUrl,
        comments: essay.fm.comments ? comments(lang) : undefined,
      };
      pages.push(essayPage);
      essayPageOf.set(essay, essayPage);
    }

    for (const essay of standalone) {
      const counterparts: Record<string, string | undefined> = { [lang]: essay.url };
      for (const other of essay.translations) counterparts[other.lang] = other.url;
      const standalonePage: Page = {
        ...base("page", essay.url, essay.title, essay.description || essay.summary, counterparts, essay.slug, true),
        kind: "page",
        essay,
        marker: essay.status === "published" ? "" : tr(essay.status),
        noindex: essay.fm.robotsNoIndex || essay.status !== "published",
      };
      pages.push(standalonePage);
      essayPageOf.set(essay, standalonePage);
    }

    // Home: pinned essays (positive weight, lower first) on top of page 1, then newest first.
    const listed = list.filter((e) => !e.fm.hiddenInHomeList);
    const pinned = listed.filter((e) => e.pinned).sort((a, b) => a.weight! - b.weight! || byDateDesc(a, b));
    const rest = listed.filter((e) => !e.pinned);
    const pageCount = Math.max(1, Math.ceil(rest.length / site.paginate));
    for (let n = 1; n <= pageCount; n++) {
      const url = urls.home(lang, n);
      const items = rest.slice((n - 1) * site.paginate, n * site.paginate);
      const homePage: Page = {
        ...base("home", url, n === 1 ? lv.siteTitle : `${lv.siteTitle} · ${tr("pageOf", { n, total: pageCount })}`, "", sameUrlEverywhere((l) => urls.home(l, n === 1 || l === lang ? n : 1)), "home"),
        kind: "home",
        pinned: n === 1 ? pinned.map((essay) => ({ essay, showSummary: !essay.fm.hideSummary })) : [],
        items: items.map((essay) => ({ essay, showSummary: !essay.fm.hideSummary })),
        pager: {
          current: n,
          total: pageCount,
          newer: n > 1 ? href(urls.home(lang, n - 1)) : undefined,
          older: n < pageCount ? href(urls.home(lang, n + 1)) : undefined,
          label: tr("pageOf", { n, total: pageCount }),
        },
      };
      pages.push(homePage);
      if (n === 1) homePageOf[lang] = homePage;
    }

    // Archives: by year, newest first.
    const archivesPage: Page = {
      ...base("archives", urls.archives(lang), tr("archivesTitle"), "", sameUrlEverywhere((l) => urls.archives(l)), "archives"),
      kind: "archives",
      intro: tr("archivesIntro", { n: list.length }),
      years: archiveYears(list, locale, site.timezone),
    };
    pages.push(archivesPage);
    archivesPageOf[lang] = archivesPage;

    // Subscribe: what a feed is, and this language's three feed addresses.
    pages.push({
      ...base("subscribe", subscribeUrl(urls.root(lang)), tr("subscribePage.title"), "", sameUrlEverywhere((l) => subscribeUrl(urls.root(l))), "subscribe"),
      kind: "subscribe",
      feedList: feedLinks(feeds, tr, (h) => abs(decodeURI(h))),
    });

    // Search: the essays of this language, through Pagefind's index (loaded on this page only).
    pages.push({
      ...base("search", urls.search(lang), tr("nav.search"), "", sameUrlEverywhere((l) => urls.search(l)), "search"),
      kind: "search",
      noindex: true,
    });

    termsPageOf[lang] = {};
    for (const kind of ["tags", "categories"] as const) {
      const groups = termGroups[kind];
      const max = Math.max(1, ...groups.map((g) => g.items.length));
      const termsPage: Page & { kind: "terms" } = {
        ...base("terms", urls.terms(lang, kind), tr(`nav.${kind}`), "", sameUrlEverywhere((l) => urls.terms(l, kind)), kind),
        kind: "terms",
        termKind: kind,
        terms: groups
          .map((g) => ({
            name: g.name,
            slug: g.slug,
            href: href(urls.term(lang, kind, g.slug)),
            label: g.name,
            count: g.items.length,
            countText: tr("termCount", { n: g.items.length }),
            weight: Math.round((g.items.length / max) * 4) + 1,
          }))
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      };
      pages.push(termsPage);
      termsPageOf[lang][kind] = termsPage;
    }
  }

  // Term pages need every language's terms, to link the same tag across languages.
  for (const lang of languages) {
    const tr = t[lang];
    const lv = languageViews[lang];
    for (const kind of ["tags", "categories"] as const) {
      const template = termsPageOf[lang][kind]!;
      for (const group of termGroupsOf[lang][kind]) {
        const url = urls.term(lang, kind, group.slug);
        const counterparts: Record<string, string | undefined> = {};
        for (const other of languages) counterparts[other] = termPages[other][kind].get(group.key) ?? (other === lang ? url : urls.terms(other, kind));
        const otherLanguages = languages
          .filter((other) => other !== lang && termPages[other][kind].has(group.key))
          .map((other) => ({ href: href(termPages[other][kind].get(group.key)!), label: tr("otherLanguageTerm", { language: languageName(settings.strings[lang], other, site.languages[other].name) }) }));
        const title = tr(kind === "tags" ? "taggedWith" : "inCategory", { name: group.name });
        const alternates = Object.entries(counterparts)
          .filter(([other]) => termPages[other][kind].has(group.key))
          .map(([other, u]) => ({ hreflang: settings.site.languages[other].locale, href: absoluteUrl(site.url, site.pathPrefix, u!) }));
        const xDefault = termPages[site.defaultLanguage][kind].get(group.key) ?? url;
        pages.push({
          ...template,
          kind: "term",
          url,
          href: href(url),
          permalink: `${url}index.html`,
          title,
          documentTitle: `${title} | ${lv.siteTitle}`,
          canonical: absoluteUrl(site.url, site.pathPrefix, url),
          alternates: [...alternates, { hreflang: "x-default", href: absoluteUrl(site.url, site.pathPrefix, xDefault) }],
          switcher: template.switcher.map((s) => ({ ...s, href: href(counterparts[s.lang]!) })),
          items: group.items.sort(byDateDesc).map((essay) => ({ essay, showSummary: !essay.fm.hideSummary })),
          otherLanguages,
        } as Page);
      }
    }
    // 404 per language; the default language's is the host's /404.html.
    const url = urls.notFound(lang);
    pages.push({
      ...archivesPageOf[lang],
      kind: "notfound",
      url,
      href: href(url),
      permalink: url,
      title: tr("notFoundTitle"),
      documentTitle: `${tr("notFoundTitle")} | ${lv.siteTitle}`,
      description: tr("notFoundText"),
      canonical: absoluteUrl(site.url, site.pathPrefix, url),
      alternates: [],
      noindex: true,
      nav: homePageOf[lang].nav.map((n) => ({ ...n, current: false })),
    } as Page);
  }

  const problems = addRedirects(essays, essayPageOf, pages, settings, options);
  addListRedirects(essays, pages, { home: homePageOf, archives: archivesPageOf }, settings);

  options.renderCache?.prune(sources.map((source) => source.file));

  // Frozen (its top level only), Eleventy hands the model to templates as it is: an unfrozen
  // global is deep-copied into the data cascade and read through a proxy on every page.
  return Object.freeze({
    settings,
    essays,
    byLanguage,
    pages,
    leftOut,
    problems,
    languages: languageViews,
    generatedAt: now.toISO() ?? "",
  });
}

function lineOf(essay: Essay, field: string): number | undefined {
  return [...essay.source.keyLines].find(([key]) => key.toLowerCase() === field.toLowerCase())?.[1];
}

/** What made an essay's URL, for messages: its `url`, its `slug`, or its file name. */
function urlSource(essay: Essay): NonNullable<Output["source"]> {
  const { fm, file } = essay;
  if (fm.url) return { file, line: lineOf(essay, "url"), field: "url", value: fm.url, rule: "url-collision" };
  if (fm.slug) return { file, line: lineOf(essay, "slug"), field: "slug", value: fm.slug, rule: "duplicate-slug" };
  return { file, line: undefined, field: "file name", value: file, rule: "url-collision" };
}

/**
 * Redirect pages for every essay's aliases (and, with `caseRedirects`, its path in the files'
 * letter case), appended to `pages`; returns every bad or colliding path (a path that is not
 * one of the site's gets no page).
 */
function addRedirects(essays: Essay[], essayPageOf: Map<Essay, Page>, pages: Page[], settings: Settings, options: BuildOptions): Problem[] {
  const problems: Problem[] = [];
  const roots = settings.languages.map((l) => SiteUrls.for(settings.site).root(l));
  const outputs: Output[] = [...pages.filter((p) => p.kind !== "essay" && p.kind !== "page").map((p) => ({ permalink: p.permalink, what: `the ${p.kind} page ${p.url}` })), ...reservedOutputs(roots)];
  const redirects: { output: Output; page: Page }[] = [];
  for (const essay of essays) {
    const page = essayPageOf.get(essay);
    if (!page) continue;
    const shape = essay.fm.slug === undefined ? undefined : slugShapeProblem(essay.fm.slug);
    const urlShape = essay.fm.url === undefined ? undefined : pathShapeProblem(essay.fm.url);
    if (shape || urlShape) {
      const source = urlSource(essay);
      problems.push({ file: essay.file, line: source.line, severity: "error", rule: "bad-path", message: `"${source.field}": ${JSON.stringify(source.value)} ${shape ?? urlShape}` });
      continue;
    }
    outputs.push({ permalink: page.permalink, what: essay.file, source: urlSource(essay) });
    const redirect = (url: string): Page => ({ ...page, kind: "redirect", url, href: href(url), permalink: outputPath(url), target: essay.href, noindex: true, alternates: [] }) as Page;
    for (const alias of essay.fm.aliases) {
      const problem = pathShapeProblem(alias);
      if (problem) {
        problems.push({ file: essay.file, line: lineOf(essay, "aliases"), severity: "error", rule: "bad-path", message: `"aliases": ${JSON.stringify(alias)} ${problem}` });
        continue;
      }
      const url = aliasUrl(alias, essay.url);
      const source = { file: essay.file, line: lineOf(essay, "aliases"), field: "aliases", value: alias, rule: "url-collision" };
      redirects.push({ output: { permalink: outputPath(url), what: essay.file, source }, page: redirect(url) });
    }
    if (options.caseRedirects && essay.source.unlowered) {
      const url = essay.source.unlowered;
      const source = { ...urlSource(essay), field: "letter case of", value: url };
      redirects.push({ output: { permalink: outputPath(url), what: essay.file, source, caseOf: page.permalink }, page: redirect(url) });
    }
  }
  outputs.push(...redirects.map((r) => r.output));
  const collisions = outputCollisions(outputs);
  problems.push(...collisions);
  for (const { page } of redirects) pages.push(page);
  return problems;
}

/**
 * Hugo published a list page for each section (`/posts/`, `/posts/java/`); wenji lists essays
 * in its archives, so each of those addresses redirects to the archives of its language.
 * Hugo also answered at the default language's folder (`/zh-cn/`, redirecting to `/`), or,
 * with the default language in its folder, at `/`. Each redirect yields to a page or an
 * alias of the author's at the same address (in any letter case).
 */
function addListRedirects(essays: Essay[], pages: Page[], of: { home: Record<string, Page>; archives: Record<string, Page> }, settings: Settings): void {
  const { site } = settings;
  const urls = SiteUrls.for(site);
  const roots = settings.languages.map((l) => urls.root(l));
  const reserved = reservedOutputs(roots).map((o) => o.permalink);
  const taken = new Set(pages.map((p) => p.permalink.toLowerCase()));
  const blocked = (permalink: string) =>
    taken.has(permalink.toLowerCase()) || reserved.some((r) => permalink.startsWith(r)) || pages.some((p) => permalink.startsWith(`${p.permalink}/`));
  const redirect = (url: string, to: Page) => {
    const permalink = outputPath(url);
    if (blocked(permalink)) return;
    taken.add(permalink.toLowerCase());
    pages.push({ ...pageBase(to), kind: "redirect", url, href: href(url), permalink, target: to.href, noindex: true, alternates: [] });
  };
  for (const essay of essays) {
    for (const url of essay.source.sectionUrls) redirect(url, of.archives[essay.lang]);
  }
  const home = of.home[site.defaultLanguage];
  if (site.defaultLanguageInSubdir) redirect("/", home);
  else {
    const language = site.languages[site.defaultLanguage];
    for (const code of new Set([language.subdir ?? site.defaultLanguage, ...language.hugoCodes.map((c) => c.toLowerCase())])) redirect(`/${code}/`, home);
  }
}

/** The fields every page has, without what its kind adds (a redirect carries no essay list). */
function pageBase(page: Page): PageBase {
  const { lang, locale, url, href, permalink, title, documentTitle, description, canonical, alternates, switcher, noindex, nav, feeds } = page;
  return { kind: page.kind, lang, locale, url, href, permalink, title, documentTitle, description, canonical, alternates, switcher, noindex, nav, feeds };
}
