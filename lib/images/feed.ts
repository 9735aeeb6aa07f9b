/**
 * Feed-ready essay HTML. Feed readers ignore `<source>` and `srcset` and show an entry away
 * from its page: each `<picture>` collapses to one plain `<img>` of a width fit for reading,
 * then every link and image URL becomes absolute (lib/feeds/absolute-html.ts).
 */
import { parseDocument, DomUtils } from "htmlparser2";
import { absoluteHtml, type UrlBase } from "../feeds/absolute-html.ts";
import { FEED_WIDTH } from "./settings.ts";

type ChildNode = ReturnType<typeof parseDocument>["children"][number];
type ElementNode = Extract<ChildNode, { attribs: Record<string, string> }>;

const DROPPED_ON_IMG = ["srcset", "sizes", "loading", "decoding", "fetchpriority"];

/** The candidate closest to the feed width: the smallest at least that wide, else the widest. */
export function feedCandidate<T extends { width: number }>(candidates: T[]): T | undefined {
  const sorted = [...candidates].sort((a, b) => a.width - b.width);
  return sorted.find((c) => c.width >= FEED_WIDTH) ?? sorted[sorted.length - 1];
}

function parseSrcset(srcset: string): { url: string; width: number }[] {
  return srcset
    .split(",")
    .map((part) => part.trim().split(/\s+/))
    .map(([url, descriptor]) => ({ url, width: Number.parseInt(descriptor ?? "", 10) }))
    .filter((c) => c.url && Number.isFinite(c.width));
}

function plainImg(img: ElementNode): void {
  const chosen = img.attribs.srcset ? feedCandidate(parseSrcset(img.attribs.srcset)) : undefined;
  if (chosen) {
    const width = Number(img.attribs.width);
    const height = Number(img.attribs.height);
    if (width && height) img.attribs.height = String(Math.round((height * chosen.width) / width));
    img.attribs.width = String(chosen.width);
    img.attribs.src = chosen.url;
  }
  for (const name of DROPPED_ON_IMG) delete img.attribs[name];
}

function collapse(nodes: ChildNode[]): void {
  for (const node of [...nodes]) {
    if (!("attribs" in node)) continue;
    if (node.name === "picture") {
      const img = DomUtils.findOne((e) => e.name === "img", node.children) as ElementNode | null;
      if (img) {
        plainImg(img);
        DomUtils.replaceElement(node, img);
      } else DomUtils.removeElement(node);
      continue;
    }
    if (node.name === "img") plainImg(node);
    collapse(node.children);
  }
}

/** Each `<picture>` → its `<img>` at the feed width; lazy-loading hints dropped. Other HTML unchanged. */
export function collapsePictures(html: string): string {
  if (!html.includes("<img")) return html;
  const document = parseDocument(html);
  collapse(document.children);
  return DomUtils.getOuterHTML(document, { encodeEntities: "utf8", decodeEntities: true });
}

/**
 * Feed-ready HTML of an essay body: plain `<img>`s and absolute URLs. `base.page` is the
 * essay's absolute URL, `base.siteRoot` the site's origin + path prefix ending in `/`.
 */
export function feedHtml(html: string, base: UrlBase): string {
  return absoluteHtml(collapsePictures(html), base);
}
