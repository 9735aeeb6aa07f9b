/**
 * Feed-ready essay HTML. Feed readers show an entry outside the site, ignore `<source>` and
 * `srcset`, and resolve relative URLs unreliably; so every link and image URL becomes
 * absolute and each `<picture>` collapses to one plain `<img>` of a width fit for reading.
 */
import { parseDocument, DomUtils } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { FEED_WIDTH } from "./settings.ts";

export interface FeedHtmlOptions {
  /** Absolute URL of the essay page: relative URLs (`#fn1`, `map.png`) resolve against it. */
  pageUrl: string;
  /** `site.url` and `site.pathPrefix`: root-relative URLs (`/img/...`) resolve against them. */
  siteUrl: string;
  pathPrefix: string;
}

const URL_ATTRIBUTES = ["href", "src", "poster", "cite"];
const DROPPED_ON_IMG = ["srcset", "sizes", "loading", "decoding", "fetchpriority"];

function absolute(value: string, options: FeedHtmlOptions): string {
  const trimmed = value.trim();
  if (!trimmed || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return value;
  try {
    if (trimmed.startsWith("/") && !trimmed.startsWith("//")) {
      const prefix = options.pathPrefix.replace(/\/+$/, "");
      return new URL(prefix + trimmed, options.siteUrl).href;
    }
    return new URL(trimmed, options.pageUrl).href;
  } catch {
    return value;
  }
}

/** The srcset candidate closest to the feed width (the smallest at least that wide, else the widest). */
function feedCandidate(srcset: string): { url: string; width: number } | undefined {
  const candidates = srcset
    .split(",")
    .map((part) => part.trim().split(/\s+/))
    .map(([url, descriptor]) => ({ url, width: Number.parseInt(descriptor ?? "", 10) }))
    .filter((c) => c.url && Number.isFinite(c.width))
    .sort((a, b) => a.width - b.width);
  return candidates.find((c) => c.width >= FEED_WIDTH) ?? candidates[candidates.length - 1];
}

function plainImg(img: Element): void {
  const srcset = img.attribs.srcset;
  const chosen = srcset ? feedCandidate(srcset) : undefined;
  if (chosen) {
    const width = Number(img.attribs.width);
    const height = Number(img.attribs.height);
    if (width && height) img.attribs.height = String(Math.round((height * chosen.width) / width));
    img.attribs.width = String(chosen.width);
    img.attribs.src = chosen.url;
  }
  for (const name of DROPPED_ON_IMG) delete img.attribs[name];
}

function walk(nodes: ChildNode[], options: FeedHtmlOptions): void {
  for (const node of [...nodes]) {
    if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue;
    const element = node as Element;
    if (element.name === "picture") {
      const img = DomUtils.findOne((e) => e.name === "img", element.children);
      if (img) {
        plainImg(img);
        DomUtils.replaceElement(element, img);
        for (const name of URL_ATTRIBUTES) if (img.attribs[name] !== undefined) img.attribs[name] = absolute(img.attribs[name], options);
      } else DomUtils.removeElement(element);
      continue;
    }
    if (element.name === "img") plainImg(element);
    for (const name of URL_ATTRIBUTES) {
      if (element.attribs[name] !== undefined) element.attribs[name] = absolute(element.attribs[name], options);
    }
    walk(element.children, options);
  }
}

/** Feed-ready HTML of an essay body; the essay's page HTML is left as it was. */
export function feedHtml(html: string, options: FeedHtmlOptions): string {
  const document = parseDocument(html, { decodeEntities: true });
  walk(document.children, options);
  return DomUtils.getOuterHTML(document, { encodeEntities: "utf8" });
}

/** `feedHtml` for an essay of the model (what the feeds use). */
export function essayFeedHtml(essay: { html: string; absoluteUrl: string }, site: { url: string; pathPrefix: string }): string {
  return feedHtml(essay.html, { pageUrl: essay.absoluteUrl, siteUrl: site.url, pathPrefix: site.pathPrefix });
}
