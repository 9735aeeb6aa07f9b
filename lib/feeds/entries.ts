/**
 * One language's feed, built once per build from the site model: channel metadata in the
 * feed's language and the newest essays (pinning ignored; opt-outs, drafts, scheduled and
 * expired essays left out). The result is a `feed` package `Feed`, the one description all
 * three formats are written from.
 */
import { Feed, type Author, type Item } from "feed";
import { DateTime } from "luxon";
import type { Essay, SiteModel } from "../content/model.ts";
import { translator } from "../i18n/strings.ts";
import { SiteUrls, absoluteUrl } from "../i18n/urls.ts";
import { feedHtml } from "../images/feed.ts";
import { resolveUrl } from "./absolute-html.ts";
import { WenjiError } from "../content/problems.ts";

/** An essay's feed HTML; a failure names the essay instead of the template filter that ran it. */
function essayFeedHtml(essay: Essay, siteRoot: string): string {
  try {
    return feedHtml(essay.html, { page: essay.absoluteUrl, siteRoot });
  } catch (error) {
    throw new WenjiError([`${essay.file}: could not be made into feed HTML (${(error as Error).message})`]);
  }
}

export type FeedFormat = "rss" | "atom" | "json";

/** Site paths (without the path prefix) of a language's feeds. */
export function feedPaths(model: SiteModel, lang: string): Record<FeedFormat, string> {
  const root = SiteUrls.for(model.settings.site).root(lang);
  return { rss: `${root}feed.xml`, atom: `${root}atom.xml`, json: `${root}feed.json` };
}

/**
 * The permanent id of an essay in feeds, a `tag:` URI (RFC 4151): the site's host, the day the
 * essay was first published, its language and its translation key. Title and slug edits keep
 * it; readers therefore never show an edited essay twice.
 */
export function essayFeedId(model: SiteModel, essay: Essay): string {
  const { site } = model.settings;
  const host = new URL(site.url).hostname;
  const day = essay.date.setZone(site.timezone).toISODate();
  const key = essay.translationKey.split("/").map(encodeURIComponent).join("/");
  return `tag:${host},${day}:${essay.lang}/${key}`;
}

/** What a feed item carries beyond `feed`'s `Item`: dates with the author's offset, the language. */
export interface EntryDates {
  published: DateTime;
  updated: DateTime;
}

export interface LanguageFeed {
  lang: string;
  locale: string;
  feed: Feed;
  /** Same order as `feed.items`. */
  dates: EntryDates[];
  updated: DateTime;
  /** Absolute URLs. */
  urls: Record<FeedFormat | "home" | "icon" | "favicon", string>;
}

/** Essays a language's feed lists: published, not opted out, newest first, at most `feed.limit`. */
export function feedEssays(model: SiteModel, lang: string): Essay[] {
  return (model.byLanguage[lang] ?? []).filter((essay) => essay.status === "published" && essay.fm.feed).slice(0, model.settings.site.feed.limit);
}

function authorsOf(model: SiteModel, essay: Essay): Author[] {
  const { author } = model.settings.site;
  if (essay.fm.author.length) return essay.fm.author.map((name) => ({ name }));
  return [{ name: author.name, email: author.email || undefined, link: author.url || undefined }];
}

function buildLanguageFeed(model: SiteModel, lang: string): LanguageFeed {
  const { site } = model.settings;
  const language = site.languages[lang];
  const t = translator(model.settings.strings[lang]);
  const abs = (url: string) => absoluteUrl(site.url, site.pathPrefix, url);
  const paths = feedPaths(model, lang);
  const siteRoot = abs("/");
  const home = abs(SiteUrls.for(site).root(lang));
  const essays = feedEssays(model, lang);

  const dates = essays.map((essay) => {
    const lastmod = essay.fm.lastmod;
    return { published: essay.date, updated: lastmod && lastmod > essay.date ? lastmod : essay.date };
  });
  const newest = dates.reduce<DateTime | undefined>((max, d) => (!max || d.updated > max ? d.updated : max), undefined);
  const updated = newest ?? DateTime.fromISO(model.generatedAt, { setZone: true });

  const urls = {
    rss: abs(paths.rss),
    atom: abs(paths.atom),
    json: abs(paths.json),
    home,
    icon: abs("/assets/icon-512.png"),
    favicon: abs("/assets/icon-64.png"),
  };
  const feed = new Feed({
    id: home,
    // The site's name: it becomes the subscription's name in every reader.
    title: language.title,
    description: t("feedDescription", { title: language.title, description: language.description }),
    link: home,
    language: language.locale,
    updated: updated.toJSDate(),
    generator: "wenji",
    feedLinks: { rss: urls.rss, atom: urls.atom, json: urls.json },
    image: urls.icon,
    favicon: urls.favicon,
    copyright: model.languages[lang]?.footer.copyright ?? `© ${site.author.name}`,
    author: { name: site.author.name, email: site.author.email || undefined, link: site.author.url || undefined },
  });
  essays.forEach((essay, i) => {
    const item: Item = {
      id: essayFeedId(model, essay),
      title: essay.title,
      link: essay.absoluteUrl,
      date: dates[i].updated.toJSDate(),
      published: dates[i].published.toJSDate(),
      description: essay.description || essay.summary || undefined,
      // Only the few essays in a feed pay for this; the page HTML is not touched.
      content: essayFeedHtml(essay, siteRoot),
      author: authorsOf(model, essay),
      category: essay.tags.map((tag) => ({ name: tag.name, term: tag.name })),
      image: essay.cover && resolveUrl(essay.cover.src, { page: essay.absoluteUrl, siteRoot }),
    };
    feed.addItem(item);
  });
  return { lang, locale: language.locale, feed, dates, updated, urls };
}

/** Built once per model and language; the three formats all read it. */
const built = new WeakMap<SiteModel, Map<string, LanguageFeed>>();

export function languageFeed(model: SiteModel, lang: string): LanguageFeed {
  let perLanguage = built.get(model);
  if (!perLanguage) built.set(model, (perLanguage = new Map()));
  let result = perLanguage.get(lang);
  if (!result) perLanguage.set(lang, (result = buildLanguageFeed(model, lang)));
  return result;
}
