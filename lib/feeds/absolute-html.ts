/**
 * Feed-ready HTML: a feed reader shows an essay away from its page, so every URL in it must
 * be absolute. Parsed with htmlparser2 (a real HTML parser), rewritten, serialized again.
 * Heading hover anchors, scripts and comments are page furniture and are dropped.
 */
import { parseDocument, DomUtils, ElementType } from "htmlparser2";

type ChildNode = ReturnType<typeof parseDocument>["children"][number];
type ElementNode = Extract<ChildNode, { attribs: Record<string, string> }>;

function isElement(node: ChildNode): node is ElementNode {
  return "attribs" in node;
}

/** Attributes that hold one URL, by element. */
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  area: ["href"],
  img: ["src", "longdesc"],
  source: ["src"],
  track: ["src"],
  video: ["src", "poster"],
  audio: ["src"],
  iframe: ["src"],
  embed: ["src"],
  object: ["data"],
  link: ["href"],
  blockquote: ["cite"],
  q: ["cite"],
  del: ["cite"],
  ins: ["cite"],
};
/** Attributes that hold a comma-separated list of `URL descriptor` candidates. */
const SRCSET_ELEMENTS = new Set(["img", "source"]);

/** Where relative URLs resolve: the essay's own page, and the site root (origin + path prefix, ending in `/`). */
export interface UrlBase {
  page: string;
  siteRoot: string;
}

/** One URL made absolute; root-relative URLs get the site's path prefix, as HtmlBasePlugin gives them on pages. */
export function resolveUrl(value: string, base: UrlBase): string {
  const trimmed = value.trim();
  if (trimmed === "") return value;
  try {
    if (trimmed.startsWith("/") && !trimmed.startsWith("//")) return new URL(trimmed.slice(1), base.siteRoot).href;
    return new URL(trimmed, base.page).href;
  } catch {
    return value;
  }
}

function resolveSrcset(value: string, base: UrlBase): string {
  return value
    .split(",")
    .map((candidate) => {
      const [url, ...descriptors] = candidate.trim().split(/\s+/);
      return url ? [resolveUrl(url, base), ...descriptors].join(" ") : "";
    })
    .filter(Boolean)
    .join(", ");
}

function isDropped(node: ChildNode): boolean {
  if (node.type === ElementType.Comment) return true;
  if (!isElement(node)) return false;
  return node.name === "script" || (node.name === "a" && (node.attribs.class ?? "").split(/\s+/).includes("heading-anchor"));
}

function rewrite(nodes: ChildNode[], base: UrlBase): void {
  for (const node of [...nodes]) {
    if (isDropped(node)) {
      // The space that set a heading's anchor apart from its text goes with it.
      const before = node.prev;
      if (before && "data" in before && before.type === ElementType.Text) before.data = before.data.trimEnd();
      DomUtils.removeElement(node);
      continue;
    }
    if (!isElement(node)) continue;
    const element = node;
    for (const attribute of URL_ATTRIBUTES[element.name] ?? []) {
      const value = element.attribs[attribute];
      if (value !== undefined) element.attribs[attribute] = resolveUrl(value, base);
    }
    if (SRCSET_ELEMENTS.has(element.name) && element.attribs.srcset !== undefined) {
      element.attribs.srcset = resolveSrcset(element.attribs.srcset, base);
    }
    rewrite(element.children, base);
  }
}

/** The essay's HTML with every link and media URL made absolute. */
export function absoluteHtml(html: string, base: UrlBase): string {
  const document = parseDocument(html);
  rewrite(document.children, base);
  return DomUtils.getOuterHTML(document, { encodeEntities: "utf8", decodeEntities: true });
}
