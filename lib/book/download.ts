/**
 * `"book": { "download": true }`: the build makes each language's book and publishes it under
 * `/books/`, and the pages that offer it (home, about, subscribe) get a link with the file's
 * size and date in the page's language, computed here so templates only show them.
 */
import type { SiteModel } from "../content/model.ts";
import { formatDay } from "../i18n/dates.ts";
import { translator } from "../i18n/strings.ts";
import { SiteUrls, href } from "../i18n/urls.ts";
import type { Book } from "./book.ts";

/** Where the books are published, as a site path. */
export const BOOKS_PATH = "/books/";

export interface BookLink {
  /** Site path of the EPUB (the path prefix is added to every URL of the page at output). */
  href: string;
  label: string;
  /** "EPUB, 77 KB, updated October 19, 2025": size and date in the page's language. */
  note: string;
  bytes: number;
  dateIso: string;
}

/** `77.1 KB` / `1.2 MB`, digits in the page's language. */
export function formatSize(bytes: number, locale: string): string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024 ? `${format.format(bytes / 1024)} KB` : `${format.format(bytes / 1024 / 1024)} MB`;
}

export function bookLink(model: SiteModel, book: Book): BookLink {
  const { site } = model.settings;
  const locale = site.languages[book.lang].locale;
  const t = translator(model.settings.strings[book.lang]);
  const date = formatDay(book.modified, locale, site.timezone);
  return {
    href: href(`${BOOKS_PATH}${book.fileName}`),
    label: t("book.download"),
    note: t("book.downloadNote", { size: formatSize(book.bytes.length, locale), date }),
    bytes: book.bytes.length,
    dateIso: book.modified.toISO({ suppressMilliseconds: true }) ?? "",
  };
}

/** The site paths of the pages that offer a language's book: its home, about and subscribe pages. */
export function pagesOffering(model: SiteModel, lang: string): string[] {
  const urls = new SiteUrls(model.settings.site.defaultLanguage);
  return [urls.root(lang), urls.about(lang), `${urls.root(lang)}subscribe/`];
}
