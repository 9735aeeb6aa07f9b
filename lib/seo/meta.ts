/**
 * What a page tells search engines and link previews: description, canonical URL, robots,
 * OpenGraph and Twitter cards, and JSON-LD for essays. Computed once per page from the
 * model; the `head-meta` partial only prints it, escaped by Nunjucks for HTML attributes.
 */
import type { Essay, Page, SiteModel } from "../content/model.ts";
import { SiteUrls, absoluteUrl } from "../i18n/urls.ts";
import { stripControlCharacters as clean } from "../feeds/xml.ts";
import { resolveUrl } from "../feeds/absolute-html.ts";

export interface HeadImage {
  url: string;
  alt: string;
  width?: number;
  height?: number;
}

export interface HeadMeta {
  description: string;
  canonical: string;
  noindex: boolean;
  og: {
    type: "article" | "website";
    title: string;
    description: string;
    url: string;
    siteName: string;
    locale: string;
    localeAlternates: string[];
    image?: HeadImage;
  };
  article?: { published: string; modified?: string; tags: string[] };
  twitterCard: "summary" | "summary_large_image";
  /** JSON text safe to place inside `<script type="application/ld+json">`. */
  jsonLd?: string;
}

/** OpenGraph writes locales as `zh_CN`, not `zh-CN`. */
export function ogLocale(locale: string): string {
  return locale.replace("-", "_");
}

/**
 * JSON for a `<script>` element: `<`, `>` and `&` as `\u` escapes, so no value (`</script>`,
 * `<!--`) can end the element or change how HTML reads it; U+2028/2029 for old parsers.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The link-preview image the image pipeline (lib/images) makes for an essay, when it has made one. */
interface PreviewImage {
  absoluteUrl: string;
  alt: string;
  width: number;
  height: number;
}

/** The image a preview of the essay shows: the image pipeline's social image when there is one, else the cover. */
function essayImage(essay: Essay, model: SiteModel): HeadImage | undefined {
  const social = (essay as Essay & { socialImage?: PreviewImage }).socialImage;
  if (social) return { url: social.absoluteUrl, alt: social.alt, width: social.width, height: social.height };
  const { site } = model.settings;
  const url = essay.cover && resolveUrl(essay.cover.src, { page: essay.absoluteUrl, siteRoot: absoluteUrl(site.url, site.pathPrefix, "/") });
  return url ? { url, alt: essay.cover!.alt } : undefined;
}

function essayJsonLd(essay: Essay, meta: HeadMeta, image: string | undefined, model: SiteModel): string {
  const { site } = model.settings;
  const authors = essay.fm.author.length
    ? essay.fm.author.map((name) => ({ "@type": "Person", name }))
    : [{ "@type": "Person", name: site.author.name, ...(site.author.url ? { url: site.author.url } : {}) }];
  const keywords = [...new Set([...essay.tags.map((t) => t.name), ...essay.fm.keywords])];
  return scriptSafeJson({
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: clean(essay.title),
    description: meta.description,
    url: essay.absoluteUrl,
    mainEntityOfPage: meta.canonical,
    datePublished: essay.dateIso,
    dateModified: essay.updatedIso ?? essay.dateIso,
    author: authors,
    inLanguage: essay.locale,
    ...(image ? { image: [image] } : {}),
    ...(keywords.length ? { keywords: keywords.join(", ") } : {}),
    isPartOf: { "@type": "Blog", name: model.languages[essay.lang]?.siteTitle, url: absoluteUrl(site.url, site.pathPrefix, SiteUrls.for(site).root(essay.lang)) },
  });
}

export function headMeta(page: Page, model: SiteModel): HeadMeta {
  const { site } = model.settings;
  const lv = model.languages[page.lang];
  // Only essays are articles: standalone pages and redirects (which carry an essay) are not.
  const essay = page.kind === "essay" ? page.essay : undefined;
  const ownLocale = site.languages[page.lang].locale;
  const image = essay && essayImage(essay, model);
  const description = clean(page.description);
  const meta: HeadMeta = {
    description,
    canonical: page.canonical,
    noindex: page.noindex,
    og: {
      type: essay ? "article" : "website",
      title: clean(page.title),
      description,
      url: page.canonical,
      siteName: lv?.siteTitle ?? "",
      locale: ogLocale(ownLocale),
      localeAlternates: page.alternates.filter((a) => a.hreflang !== "x-default" && a.hreflang !== ownLocale).map((a) => ogLocale(a.hreflang)),
      image,
    },
    twitterCard: image ? "summary_large_image" : "summary",
  };
  if (essay) {
    meta.article = { published: essay.dateIso, modified: essay.updatedIso, tags: essay.tags.map((t) => t.name) };
  }
  // Without an image of its own a page is previewed with the site icon (a small card).
  meta.og.image ??= { url: absoluteUrl(site.url, site.pathPrefix, "/assets/icon-512.png"), alt: lv?.siteTitle ?? "" };
  if (essay) meta.jsonLd = essayJsonLd(essay, meta, image?.url, model);
  return meta;
}
