/**
 * `sitemap.xml` and `robots.txt`. The sitemap lists every page a search engine should index
 * (not noindex, search-hidden, canonicalized elsewhere, redirects or 404s), each with the
 * translations that link back to it (`xhtml:link hreflang`, x-default included).
 */
import type { Page, SiteModel } from "../content/model.ts";
import { absoluteUrl } from "../i18n/urls.ts";
import { element } from "../feeds/xml.ts";

/** Whether a page belongs in the sitemap. */
export function isIndexable(page: Page, model: SiteModel): boolean {
  if (page.kind === "redirect" || page.kind === "notfound" || page.noindex) return false;
  if ("essay" in page && page.essay.fm.searchHidden) return false;
  // A page that names another URL as canonical is a copy; the sitemap lists the original.
  return page.canonical === absoluteUrl(model.settings.site.url, model.settings.site.pathPrefix, page.url);
}

export function renderSitemap(model: SiteModel): string {
  const pages = model.pages.filter((page) => isIndexable(page, model));
  const listed = new Map(pages.map((page) => [page.canonical, page]));
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
  ];
  for (const page of pages) {
    // hreflang pairs count only when both pages are listed and each names the other.
    const alternates = page.alternates.filter((alt) => {
      if (alt.href === page.canonical) return true;
      const other = listed.get(alt.href);
      return other !== undefined && other.alternates.some((back) => back.href === page.canonical);
    });
    const languages = new Set(alternates.filter((alt) => alt.hreflang !== "x-default").map((alt) => alt.hreflang));
    const parts = [element("loc", {}, page.canonical)];
    if ("essay" in page) parts.push(element("lastmod", {}, page.essay.updatedIso ?? page.essay.dateIso));
    if (languages.size > 1) {
      for (const alt of alternates) parts.push(element("xhtml:link", { rel: "alternate", hreflang: alt.hreflang, href: alt.href }));
    }
    lines.push(`<url>${parts.join("")}</url>`);
  }
  lines.push("</urlset>", "");
  return lines.join("\n");
}

export function renderRobots(model: SiteModel): string {
  const { site } = model.settings;
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site.url, site.pathPrefix, "/sitemap.xml")}\n`;
}
