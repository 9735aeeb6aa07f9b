/**
 * One language's book from the finished site model (essays rendered and their images
 * optimized by the build's own stages and caches): chapters, cover, title page, navigation,
 * package, zipped. Everything in it derives from the essays, so the same essays make the same
 * bytes: no clock is read, no map is iterated in an order that could change.
 */
import { DateTime } from "luxon";
import type { Essay, SiteModel } from "../content/model.ts";
import { WenjiError } from "../content/problems.ts";
import { imageStore } from "../images/encode.ts";
import { formatDay } from "../i18n/dates.ts";
import { formatNumber } from "../i18n/numbers.ts";
import { translator, type Translate } from "../i18n/strings.ts";
import { absoluteUrl } from "../i18n/urls.ts";
import { bookCss } from "./css.ts";
import { chapterDocument, chapterHeadings, coverDocument, navDocument, navItems, STYLESHEET, titleDocument, type DocumentLanguage, type NavChapter, type TitleView } from "./documents.ts";
import { BookImages, readBookImage, readCover } from "./images.ts";
import { bookIdentifier, CONTAINER_XML, ncxDocument, PACKAGE_DIR, packageDocument, type ManifestItem, type PackageMetadata } from "./package.ts";
import { bookEssays, type BookFilter } from "./select.ts";
import { chapterBody, type ChapterContext } from "./xhtml.ts";
import { epubZip, type ZipEntry } from "./zip.ts";

export interface BookOptions {
  /** The project root: the image cache and the cover are read from it. */
  root: string;
  lang: string;
  filter?: BookFilter;
  /** Overrides `book.vertical` (Chinese books only). */
  vertical?: boolean;
}

export interface Book {
  lang: string;
  /** `<site>-<lang>.epub`. */
  fileName: string;
  bytes: Uint8Array;
  essays: Essay[];
  /** The newest essay's date or update: the book's `dcterms:modified`. */
  modified: DateTime;
  images: number;
}

/** The site's name in file names: its host without `www.` (`wenji.example.org`). */
export function bookFileName(model: SiteModel, lang: string): string {
  return `${new URL(model.settings.site.url).hostname.replace(/^www\./, "")}-${lang}.epub`;
}

function chapterFile(index: number): string {
  return `c${String(index + 1).padStart(4, "0")}.xhtml`;
}

function newestOf(essays: Essay[]): DateTime {
  return essays.reduce((max, e) => {
    const last = e.fm.lastmod && e.fm.lastmod > e.date ? e.fm.lastmod : e.date;
    return last > max ? last : max;
  }, essays[0].date);
}

function titleView(model: SiteModel, lang: string, essays: Essay[], t: Translate): TitleView {
  const { site } = model.settings;
  const language = site.languages[lang];
  const byDate = [...essays].sort((a, b) => a.date.toMillis() - b.date.toMillis());
  const first = formatDay(byDate[0].date, language.locale, site.timezone);
  const last = formatDay(byDate[byDate.length - 1].date, language.locale, site.timezone);
  return {
    title: language.title,
    author: site.author.name,
    description: language.description,
    dates: first === last ? first : `${first} – ${last}`,
    count: t("book.essays", { n: formatNumber(essays.length, language.locale) }),
    madeFrom: t("book.madeFrom", { url: absoluteUrl(site.url, site.pathPrefix, "/") }),
  };
}

function rightsOf(model: SiteModel, essays: Essay[]): string {
  const { site } = model.settings;
  const years = essays.map((e) => e.date.setZone(site.timezone).year);
  const from = Math.min(site.copyrightStartYear ?? Infinity, ...years);
  const to = Math.max(...years);
  return `© ${from === to ? to : `${from}–${to}`} ${site.author.name}`;
}

interface Chapters {
  documents: ZipEntry[];
  items: ManifestItem[];
  nav: NavChapter[];
}

function writeChapters(model: SiteModel, essays: Essay[], images: BookImages, language: DocumentLanguage, t: Translate): Chapters {
  const { site } = model.settings;
  const siteRoot = absoluteUrl(site.url, site.pathPrefix, "/");
  const chapters = new Map(essays.map((essay, i) => [essay.url, chapterFile(i)]));
  const result: Chapters = { documents: [], items: [], nav: [] };
  essays.forEach((essay, i) => {
    const file = chapterFile(i);
    const context: ChapterContext = {
      base: essay.absoluteUrl,
      siteRoot,
      chapters,
      file,
      image: (src, srcset) => images.use(src, srcset),
      missingImage: (alt) => t("book.missingImage", { alt: alt || "—" }),
    };
    const body = chapterBody(essay.html, context);
    result.documents.push({ path: `${PACKAGE_DIR}/${file}`, data: chapterDocument(essay, body.xhtml, language) });
    result.items.push({ id: `c${i + 1}`, href: file, mediaType: "application/xhtml+xml", properties: [...body.properties].sort().join(" ") || undefined, spine: true });
    result.nav.push({ file, title: essay.title, headings: chapterHeadings(essay, site.toc.levels) });
  });
  return result;
}

export async function makeBook(model: SiteModel, options: BookOptions): Promise<Book> {
  const { site } = model.settings;
  const { lang } = options;
  const language = site.languages[lang];
  if (!language) throw new WenjiError([`--lang: "${lang}" is not a language of this site (expected one of ${model.settings.languages.join(", ")})`]);
  const essays = bookEssays(model, lang, options.filter);
  if (!essays.length) throw new WenjiError([`book (${lang}): no essay matches; nothing to make a book of (published essays without feed: false, after the filters given)`]);
  const t = translator(model.settings.strings[lang]);
  const chinese = language.locale.toLowerCase().startsWith("zh");
  const vertical = chinese && (options.vertical ?? site.book.vertical);
  const docLanguage: DocumentLanguage = { locale: language.locale, tags: t("tags"), contents: t("book.contents"), cover: t("book.cover"), titlePage: t("book.titlePage") };
  const modified = newestOf(essays).toUTC().startOf("second");
  const meta: PackageMetadata = {
    identifier: bookIdentifier(site.url, lang),
    title: language.title,
    language: language.locale,
    author: site.author.name,
    description: language.description,
    rights: rightsOf(model, essays),
    modified: modified.toISO({ suppressMilliseconds: true, includeOffset: false }) + "Z",
    vertical,
  };

  const images = new BookImages(imageStore(options.root).files);
  const chapters = writeChapters(model, essays, images, docLanguage, t);
  const cover = site.book.cover ? await readCover(options.root, site.book.cover) : undefined;
  const view = titleView(model, lang, essays, t);
  const nav = navItems(chapters.nav);
  const imageFiles = images.files();
  const imageBytes = await Promise.all(imageFiles.map(readBookImage));

  const items: ManifestItem[] = [
    { id: "cover", href: "cover.xhtml", mediaType: "application/xhtml+xml", spine: true },
    { id: "title-page", href: "title.xhtml", mediaType: "application/xhtml+xml", spine: true },
    { id: "nav", href: "nav.xhtml", mediaType: "application/xhtml+xml", properties: "nav", spine: true },
    ...chapters.items,
    { id: "ncx", href: "toc.ncx", mediaType: "application/x-dtbncx+xml" },
    { id: "css", href: STYLESHEET, mediaType: "text/css" },
    ...(cover ? [{ id: "cover-image", href: cover.href, mediaType: cover.mediaType, properties: "cover-image" }] : []),
    ...imageFiles.map((image, i) => ({ id: `img${i + 1}`, href: image.href, mediaType: image.mediaType })),
  ];
  const inPackage = (file: string, data: string | Uint8Array, store = false): ZipEntry => ({ path: `${PACKAGE_DIR}/${file}`, data, store });
  const entries: ZipEntry[] = [
    { path: "META-INF/container.xml", data: CONTAINER_XML },
    inPackage("package.opf", packageDocument(meta, items)),
    inPackage("nav.xhtml", navDocument(nav, docLanguage, { cover: "cover.xhtml", title: "title.xhtml", firstChapter: chapters.nav[0].file })),
    inPackage("toc.ncx", ncxDocument(meta, nav)),
    inPackage(STYLESHEET, bookCss({ chinese, vertical, indent: site.book.indent ?? site.typography.indent })),
    inPackage("cover.xhtml", coverDocument(view, docLanguage, cover?.href)),
    inPackage("title.xhtml", titleDocument(view, docLanguage)),
    ...chapters.documents,
    ...(cover ? [inPackage(cover.href, cover.bytes, true)] : []),
    ...imageFiles.map((image, i) => inPackage(image.href, imageBytes[i], image.mediaType !== "image/svg+xml")),
  ];
  const bytes = epubZip(entries, modified.toJSDate());
  return { lang, fileName: bookFileName(model, lang), bytes, essays, modified, images: imageFiles.length };
}
