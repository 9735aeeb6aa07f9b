/**
 * Site-relative URLs. The default language lives at `/`, each other language at `/<lang>/`.
 * Paths keep raw UTF-8 (files are written as `/tags/运营/index.html`); `href` encodes them.
 */
export class SiteUrls {
  constructor(private readonly defaultLanguage: string) {}

  root(lang: string): string {
    return lang === this.defaultLanguage ? "/" : `/${lang}/`;
  }

  home(lang: string, page = 1): string {
    return page === 1 ? this.root(lang) : `${this.root(lang)}page/${page}/`;
  }

  essay(lang: string, slug: string): string {
    return `${this.root(lang)}posts/${slug}/`;
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
    return lang === this.defaultLanguage ? "/404.html" : `/${lang}/404.html`;
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
