/**
 * The three formats of one language feed. JSON Feed comes from `feed`'s own writer, raised
 * from 1.0 to 1.1 (`authors`, `language`, offsets kept). RSS and Atom are written here from
 * the same `Feed`: `feed`'s XML writer (xml-js) wraps text in CDATA that one `]]>` too many
 * breaks, leaves `<` and `&` raw in attributes, un-escapes a literal `&amp;` in text, marks
 * Atom titles as HTML and has no `xml:lang`; every string below goes through `xml.ts`.
 */
import type { Author, Item } from "feed";
import type { DateTime } from "luxon";
import { element, stripControlCharacters, xmlAttr, xmlText } from "./xml.ts";
import type { LanguageFeed } from "./entries.ts";

function iso(date: DateTime): string {
  return date.toISO({ suppressMilliseconds: true }) ?? "";
}

/** Plain XML for feed readers: no stylesheet (browsers are removing XSLT; people get the subscribe page). */
function prolog(): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n`;
}

/** RSS 2.0 with `content:encoded` (full text), `dc:creator` (authors without an email) and an Atom self link. */
export function renderRss(lf: LanguageFeed): string {
  const { options, items } = lf.feed;
  const lines: string[] = [
    prolog() +
      `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    "<channel>",
    element("title", {}, options.title),
    element("link", {}, lf.urls.home),
    element("description", {}, options.description ?? ""),
    element("language", {}, lf.locale),
    element("atom:link", { href: lf.urls.rss, rel: "self", type: "application/rss+xml" }),
    element("lastBuildDate", {}, lf.updated.toRFC2822() ?? ""),
    element("generator", {}, "wenji"),
    element("docs", {}, "https://www.rssboard.org/rss-specification"),
  ];
  if (options.copyright) lines.push(element("copyright", {}, options.copyright));
  lines.push(`<image>${element("url", {}, lf.urls.icon)}${element("title", {}, options.title)}${element("link", {}, lf.urls.home)}</image>`);
  items.forEach((item, i) => {
    const dates = lf.dates[i];
    lines.push(
      "<item>",
      element("title", {}, item.title),
      element("link", {}, item.link),
      element("guid", { isPermaLink: "false" }, item.id ?? item.link),
      element("pubDate", {}, dates.published.toRFC2822() ?? ""),
      ...(item.author ?? []).map((author) => element("dc:creator", {}, author.name ?? "")),
      ...(item.category ?? []).map((category) => element("category", {}, category.name ?? "")),
      // RSS descriptions are HTML: the plain-text summary is escaped once for that, then for XML.
      ...(item.description ? [element("description", {}, escapeHtmlText(item.description))] : []),
      element("content:encoded", {}, item.content ?? ""),
      "</item>",
    );
  });
  lines.push("</channel>", "</rss>", "");
  return lines.join("\n");
}

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function atomPerson(tag: string, author: Author): string {
  const parts = [element("name", {}, author.name ?? "")];
  if (author.email) parts.push(element("email", {}, author.email));
  if (author.link) parts.push(element("uri", {}, author.link));
  return `<${tag}>${parts.join("")}</${tag}>`;
}

/** Atom 1.0 with `xml:lang`, titles and summaries as text, content as escaped HTML. */
export function renderAtom(lf: LanguageFeed): string {
  const { options, items } = lf.feed;
  const lines: string[] = [
    prolog() + `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlAttr(lf.locale)}">`,
    element("id", {}, options.id ?? lf.urls.home),
    element("title", { type: "text" }, options.title),
    element("subtitle", { type: "text" }, options.description ?? ""),
    element("updated", {}, iso(lf.updated)),
    element("link", { rel: "alternate", type: "text/html", href: lf.urls.home }),
    element("link", { rel: "self", type: "application/atom+xml", href: lf.urls.atom }),
    element("icon", {}, lf.urls.favicon),
    element("logo", {}, lf.urls.icon),
    element("generator", {}, "wenji"),
  ];
  if (options.author) lines.push(atomPerson("author", options.author));
  if (options.copyright) lines.push(element("rights", {}, options.copyright));
  items.forEach((item: Item, i) => {
    const dates = lf.dates[i];
    lines.push(
      "<entry>",
      element("id", {}, item.id ?? item.link),
      element("title", { type: "text" }, item.title),
      element("link", { rel: "alternate", type: "text/html", href: item.link }),
      element("published", {}, iso(dates.published)),
      element("updated", {}, iso(dates.updated)),
      ...(item.author ?? []).map((author) => atomPerson("author", author)),
      ...(item.category ?? []).map((category) => element("category", { term: category.term ?? category.name ?? "", label: category.name })),
      ...(item.description ? [element("summary", { type: "text" }, item.description)] : []),
      element("content", { type: "html" }, item.content ?? ""),
      "</entry>",
    );
  });
  lines.push("</feed>", "");
  return lines.join("\n");
}

interface JsonAuthor {
  name?: string;
  url?: string;
  avatar?: string;
}

/** Strips what no reader should see, in every string of a JSON value. */
function cleanStrings(value: unknown): unknown {
  if (typeof value === "string") return stripControlCharacters(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)]));
  return value;
}

function jsonAuthor(author: Author): JsonAuthor {
  return { name: author.name, ...(author.link ? { url: author.link } : {}), ...(author.avatar ? { avatar: author.avatar } : {}) };
}

/** JSON Feed 1.1: `feed`'s 1.0 output with the version, `language`, `authors` and dates with offsets set right. */
export function renderJsonFeed(lf: LanguageFeed): string {
  const { options, items } = lf.feed;
  // 1.0's single `author` gives way to 1.1's `authors` below.
  const { items: baseItems, author: _singular, ...base } = JSON.parse(lf.feed.json1()) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const feed = {
    ...base,
    version: "https://jsonfeed.org/version/1.1",
    home_page_url: lf.urls.home,
    feed_url: lf.urls.json,
    icon: lf.urls.icon,
    favicon: lf.urls.favicon,
    language: lf.locale,
    ...(options.author ? { authors: [jsonAuthor(options.author)] } : {}),
    items: baseItems.map((entry, i) => {
      const item = items[i];
      const rest = { ...entry };
      delete rest.author;
      return {
        ...rest,
        id: item.id,
        date_published: iso(lf.dates[i].published),
        date_modified: iso(lf.dates[i].updated),
        authors: (item.author ?? []).map(jsonAuthor),
        language: lf.locale,
      };
    }),
  };
  return JSON.stringify(cleanStrings(feed), null, 2) + "\n";
}
