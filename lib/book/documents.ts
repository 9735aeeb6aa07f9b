/**
 * The book's XHTML documents: one chapter per essay (its title, date, tags, then the body),
 * the cover, the title page and the navigation document. Every text is escaped here; the
 * chapter bodies arrive already as XHTML (xhtml.ts).
 */
import type { Essay } from "../content/model.ts";
import { buildToc, type TocNode } from "../markdown/toc.ts";
import { escapeAttribute as attr, escapeText as text, xmlId } from "./xhtml.ts";

export const STYLESHEET = "book.css";

export interface DocumentLanguage {
  locale: string;
  /** UI strings of the book's language, already filled. */
  tags: string;
  contents: string;
  cover: string;
  titlePage: string;
}

export function xhtmlDocument(locale: string, title: string, body: string, bodyAttributes = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${attr(locale)}" xml:lang="${attr(locale)}">
<head>
<meta charset="UTF-8"/>
<title>${text(title)}</title>
<link rel="stylesheet" type="text/css" href="${STYLESHEET}"/>
</head>
<body${bodyAttributes}>
${body}
</body>
</html>
`;
}

/** An essay as a chapter: its heading block, then its body (XHTML). */
export function chapterDocument(essay: Essay, body: string, language: DocumentLanguage): string {
  const colon = language.locale.startsWith("zh") ? "：" : ": ";
  const tags = essay.tags.length
    ? `<p class="chapter-tags">${text(language.tags)}${colon}${essay.tags.map((tag) => `<span>${text(tag.name)}</span>`).join("")}</p>`
    : "";
  const header = `<header class="chapter-header"><h1>${text(essay.title)}</h1><p class="chapter-meta"><time datetime="${attr(essay.dateIso)}">${text(essay.dateText)}</time></p>${tags}</header>`;
  return xhtmlDocument(essay.locale, essay.title, `<section epub:type="chapter" class="chapter">${header}\n${body}\n</section>`, ` epub:type="bodymatter"`);
}

export interface TitleView {
  title: string;
  author: string;
  description: string;
  /** First and last essay days, in the book's language. */
  dates: string;
  count: string;
  madeFrom: string;
}

export function titleDocument(view: TitleView, language: DocumentLanguage): string {
  const body = `<section epub:type="titlepage" class="title-page">
<h1>${text(view.title)}</h1>
<p class="author">${text(view.author)}</p>
${view.description ? `<p class="description">${text(view.description)}</p>` : ""}
<p class="dates">${text(view.dates)}</p>
<p class="count">${text(view.count)}</p>
<p class="made-from">${text(view.madeFrom)}</p>
</section>`;
  return xhtmlDocument(language.locale, language.titlePage, body, ` epub:type="frontmatter"`);
}

/** The cover: the configured image, else a page of text (title, author, dates) that needs no raster. */
export function coverDocument(view: TitleView, language: DocumentLanguage, image?: string): string {
  const body = image
    ? `<section epub:type="cover" class="cover-image"><img src="${attr(image)}" alt="${attr(view.title)}"/></section>`
    : `<section epub:type="cover" class="cover-page"><h1>${text(view.title)}</h1><p>${text(view.author)}</p><p>${text(view.dates)}</p></section>`;
  return xhtmlDocument(language.locale, language.cover, body, ` epub:type="cover"`);
}

export interface NavChapter {
  file: string;
  title: string;
  headings: TocNode[];
}

/** The essay's headings at the site's TOC levels (or the essay's own), nested as on its page. */
export function chapterHeadings(essay: Essay, siteLevels: readonly [number, number]): TocNode[] {
  return buildToc(essay.headings, essay.fm.tocLevels ?? siteLevels);
}

function navList(items: { href: string; label: string; children: NavItem[] }[]): string {
  if (!items.length) return "";
  return `<ol>${items.map((item) => `<li><a href="${attr(item.href)}">${text(item.label)}</a>${navList(item.children)}</li>`).join("")}</ol>`;
}

export interface NavItem {
  href: string;
  label: string;
  children: NavItem[];
}

/** Chapters with their headings as sub-entries: what nav.xhtml and the NCX both list. */
export function navItems(chapters: NavChapter[]): NavItem[] {
  const sub = (file: string, nodes: TocNode[]): NavItem[] => nodes.map((node) => ({ href: `${file}#${xmlId(node.id)}`, label: node.text, children: sub(file, node.children) }));
  return chapters.map((chapter) => ({ href: chapter.file, label: chapter.title, children: sub(chapter.file, chapter.headings) }));
}

export function navDocument(items: NavItem[], language: DocumentLanguage, landmarks: { cover: string; title: string; firstChapter: string }): string {
  const body = `<nav epub:type="toc" id="toc"><h1>${text(language.contents)}</h1>${navList(items)}</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden"><ol>
<li><a epub:type="cover" href="${attr(landmarks.cover)}">${text(language.cover)}</a></li>
<li><a epub:type="titlepage" href="${attr(landmarks.title)}">${text(language.titlePage)}</a></li>
<li><a epub:type="toc" href="nav.xhtml#toc">${text(language.contents)}</a></li>
<li><a epub:type="bodymatter" href="${attr(landmarks.firstChapter)}">${text(items[0]?.label ?? "")}</a></li>
</ol></nav>`;
  return xhtmlDocument(language.locale, language.contents, body);
}
