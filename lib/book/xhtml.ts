/**
 * An essay's HTML (markdown-it's, after the image stage) → the body of an EPUB chapter in
 * well-formed XHTML. parse5 reads the HTML as a browser would (implied end tags, SVG and
 * MathML in their namespaces); one pass then writes it back as XML while making it a book:
 * heading anchors and scripts dropped, footnotes as EPUB pop-up notes, links between essays
 * pointing inside the book, `<picture>`s as one embedded JPEG or PNG, ids valid in XML.
 */
import { parseFragment, type DefaultTreeAdapterTypes as T } from "parse5";

type Element = T.Element;
type Node = T.ChildNode;

const NS = {
  html: "http://www.w3.org/1999/xhtml",
  svg: "http://www.w3.org/2000/svg",
  math: "http://www.w3.org/1998/Math/MathML",
  xlink: "http://www.w3.org/1999/xlink",
};

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/** Loading hints and responsive candidates mean nothing inside a book. */
const DROPPED_ATTRIBUTES = new Set(["loading", "decoding", "fetchpriority", "srcset", "sizes"]);
/** Embedded players and scripts do not work in reading systems: a link to what they showed instead. */
const AS_LINK = new Set(["iframe", "video", "audio", "object", "embed"]);
const XML_NAME = /^[A-Za-z_][-A-Za-z0-9_.]*$/;

/** An embedded image: where it sits in the book and where its bytes come from. */
export interface ImageUse {
  /** Path inside the package folder, e.g. `images/abc123-1280.jpeg`. */
  href: string;
}

export interface ChapterContext {
  /** The essay's absolute URL: relative links resolve against it. */
  base: string;
  /** The site's origin and path prefix, ending in `/`. */
  siteRoot: string;
  /** Site path (decoded, without prefix, ending in `/`) → chapter file, for every essay in the book. */
  chapters: ReadonlyMap<string, string>;
  /** This chapter's file name: a link to its own essay stays in the file. */
  file: string;
  /** An optimized image's site path (`/img/<name>`) → its place in the book, or undefined when it cannot be embedded. */
  image(sitePath: string, srcset: string | undefined): ImageUse | undefined;
  /** The text a missing image shows, from its alt text. */
  missingImage(alt: string): string;
}

export interface ChapterBody {
  xhtml: string;
  images: string[];
  /** Manifest properties the chapter needs (`mathml`, `svg`). */
  properties: Set<string>;
}

/**
 * An id valid as an XML id (letters, digits, `-`, `_`, `.`, not starting with a digit, Han
 * characters allowed). Valid ids are kept; others get `id-` and each invalid character spelled
 * as `_<hex>_`, so two different ids stay different. Links to them use the same function.
 */
export function xmlId(id: string): string {
  if (/^[\p{L}_][\p{L}\p{N}\p{M}_.-]*$/u.test(id)) return id;
  return `id-${[...id].map((c) => (/[\p{L}\p{N}\p{M}_.-]/u.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}_`)).join("")}`;
}

// XML 1.0 allows tab, newline, carriage return and characters from U+0020; nothing else below it.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(text: string): string {
  return text.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name && !a.namespace)?.value;
}

function hasClass(element: Element, name: string): boolean {
  return (attr(element, "class") ?? "").split(/\s+/).includes(name);
}

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as T.TextNode).value;
  return "childNodes" in node ? node.childNodes.map(textOf).join("") : "";
}

/** A fragment (`#x`) as the book spells it: percent-decoded, then made a valid id. */
function fragment(hash: string): string {
  if (!hash || hash === "#") return "";
  let decoded = hash.slice(1);
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // Not percent-encoded text: kept as written.
  }
  return `#${xmlId(decoded)}`;
}

/** Where a link goes in the book: the same chapter, another chapter, or the web (absolute). */
export function bookHref(href: string, context: ChapterContext): string {
  const trimmed = href.trim();
  if (trimmed.startsWith("#")) return fragment(trimmed);
  let url: URL;
  try {
    // A root-relative link is a site path: the path prefix goes before it, as on the site.
    url = trimmed.startsWith("/") && !trimmed.startsWith("//") ? new URL(trimmed.slice(1), context.siteRoot) : new URL(trimmed, context.base);
  } catch {
    return trimmed;
  }
  if (!url.href.startsWith(context.siteRoot) || url.search) return url.href;
  let sitePath = url.pathname.slice(new URL(context.siteRoot).pathname.length - 1).replace(/index\.html$/, "");
  try {
    sitePath = decodeURI(sitePath);
  } catch {
    return url.href;
  }
  if (!sitePath.endsWith("/")) sitePath += "/";
  const chapter = context.chapters.get(sitePath);
  if (!chapter) return url.href;
  return chapter === context.file && url.hash ? fragment(url.hash) : chapter + fragment(url.hash);
}

class Writer {
  out: string[] = [];
  images: string[] = [];
  properties = new Set<string>();

  constructor(private readonly context: ChapterContext) {}

  nodes(nodes: Node[]): void {
    for (const node of nodes) this.node(node);
  }

  node(node: Node): void {
    if (node.nodeName === "#text") this.out.push(escapeText((node as T.TextNode).value));
    else if (isElement(node)) this.element(node);
    // Comments (`<!--more-->`) and doctypes have no place in a chapter.
  }

  element(element: Element): void {
    const name = element.tagName;
    if (element.namespaceURI !== NS.html) return this.foreign(element, true);
    if (name === "script" || name === "noscript" || name === "template") return;
    if (name === "a" && hasClass(element, "heading-anchor")) return this.trimEnd();
    if (name === "hr" && hasClass(element, "footnotes-sep")) return;
    if (name === "section" && hasClass(element, "footnotes")) return this.footnotes(element);
    if (name === "picture") return this.picture(element);
    if (name === "img") return this.image(element, attr(element, "srcset"));
    if (AS_LINK.has(name)) return this.asLink(element);
    const attrs = this.attributes(element);
    if (name === "a" && element.parentNode && isElement(element.parentNode as Node) && hasClass(element.parentNode as Element, "footnote-ref")) {
      attrs.push(["epub:type", "noteref"]);
    }
    this.open(name, attrs, element);
  }

  /** The space the renderer put before a dropped heading anchor. */
  trimEnd(): void {
    const last = this.out.length - 1;
    if (last >= 0 && !this.out[last].endsWith(">")) this.out[last] = this.out[last].trimEnd();
  }

  open(name: string, attrs: [string, string][], element: Element | undefined): void {
    const written = attrs.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join("");
    if (VOID.has(name)) {
      this.out.push(`<${name}${written}/>`);
      return;
    }
    this.out.push(`<${name}${written}>`);
    if (element) this.nodes(element.childNodes);
    this.out.push(`</${name}>`);
  }

  attributes(element: Element): [string, string][] {
    const result: [string, string][] = [];
    for (const a of element.attrs) {
      if (a.namespace || DROPPED_ATTRIBUTES.has(a.name) || !XML_NAME.test(a.name)) continue;
      if (a.name === "id") result.push(["id", xmlId(a.value)]);
      else if (a.name === "href" && element.tagName === "a") result.push(["href", bookHref(a.value, this.context)]);
      else result.push([a.name, a.value]);
    }
    return result;
  }

  /** SVG and MathML: written with their namespace on the outermost element, attributes as parsed. */
  foreign(element: Element, outermost: boolean): void {
    const isMath = element.namespaceURI === NS.math;
    if (outermost) this.properties.add(isMath ? "mathml" : "svg");
    const attrs = element.attrs
      .filter((a) => a.name !== "xmlns" && !a.name.startsWith("xmlns:"))
      .map((a) => ` ${a.prefix ? `${a.prefix}:` : ""}${a.name}="${escapeAttribute(a.name === "id" ? xmlId(a.value) : a.value)}"`);
    if (outermost) attrs.unshift(` xmlns="${element.namespaceURI}"`, ...(isMath ? [] : [` xmlns:xlink="${NS.xlink}"`]));
    this.out.push(`<${element.tagName}${attrs.join("")}>`);
    for (const child of element.childNodes) {
      if (isElement(child) && child.namespaceURI !== NS.html) this.foreign(child, false);
      else this.node(child);
    }
    this.out.push(`</${element.tagName}>`);
  }

  /** markdown-it-footnote's list → one `<aside epub:type="footnote">` per note: readers show them as pop-ups. */
  footnotes(section: Element): void {
    const items = section.childNodes.filter(isElement).flatMap((list) => list.childNodes.filter(isElement)).filter((li) => li.tagName === "li");
    this.out.push(`<div class="footnotes">`);
    for (const item of items) {
      const id = attr(item, "id");
      this.out.push(`<aside epub:type="footnote"${id ? ` id="${escapeAttribute(xmlId(id))}"` : ""}>`);
      this.nodes(item.childNodes);
      this.out.push(`</aside>`);
    }
    this.out.push(`</div>`);
  }

  picture(picture: Element): void {
    const img = picture.childNodes.filter(isElement).find((child) => child.tagName === "img");
    if (img) this.image(img, attr(img, "srcset"));
  }

  image(img: Element, srcset: string | undefined): void {
    const src = attr(img, "src") ?? "";
    const alt = attr(img, "alt") ?? "";
    const use = src.startsWith("/img/") ? this.context.image(src, srcset) : undefined;
    if (!use) {
      this.out.push(`<span class="image-missing">${escapeText(this.context.missingImage(alt))}</span>`);
      return;
    }
    this.images.push(use.href);
    const kept: [string, string][] = [["src", use.href], ["alt", alt]];
    for (const name of ["class", "title", "id"]) {
      const value = attr(img, name);
      if (value !== undefined) kept.push([name, name === "id" ? xmlId(value) : value]);
    }
    this.open("img", kept, undefined);
  }

  asLink(element: Element): void {
    const src = attr(element, "src") ?? attr(element, "data") ?? element.childNodes.filter(isElement).map((c) => attr(c, "src")).find(Boolean);
    if (!src) return;
    const href = bookHref(src, this.context);
    const label = attr(element, "title") || textOf(element).trim() || href;
    this.out.push(`<a class="embed-link" href="${escapeAttribute(href)}">${escapeText(label)}</a>`);
  }
}

/** The chapter body for an essay's HTML; `images` lists the embedded images' hrefs in order. */
export function chapterBody(html: string, context: ChapterContext): ChapterBody {
  const writer = new Writer(context);
  writer.nodes(parseFragment(html).childNodes);
  return { xhtml: writer.out.join(""), images: writer.images, properties: writer.properties };
}
