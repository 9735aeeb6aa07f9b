/**
 * Feed-ready HTML: a feed reader shows an essay away from its page, so every URL in it must
 * be absolute. Read with htmlparser2 (a real HTML parser); only the tags that change are rewritten.
 * Heading hover anchors, scripts and comments are page furniture and are dropped.
 */
import { Parser } from "htmlparser2";

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

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/\u00a0/g, "&nbsp;");

function isDropped(name: string, attribs: Record<string, string>): boolean {
  return name === "script" || (name === "a" && (attribs.class ?? "").split(/\s+/).includes("heading-anchor"));
}

/** The tag with its URL attributes made absolute, or undefined when none changes. */
function rewrittenTag(name: string, attribs: Record<string, string>, base: UrlBase): string | undefined {
  let changed = false;
  const out = { ...attribs };
  for (const attribute of URL_ATTRIBUTES[name] ?? []) {
    if (out[attribute] === undefined) continue;
    out[attribute] = resolveUrl(out[attribute], base);
    changed ||= out[attribute] !== attribs[attribute];
  }
  if (SRCSET_ELEMENTS.has(name) && out.srcset !== undefined) {
    out.srcset = resolveSrcset(out.srcset, base);
    changed ||= out.srcset !== attribs.srcset;
  }
  if (!changed) return undefined;
  return `<${name}${Object.entries(out).map(([key, value]) => (value === "" ? ` ${key}` : ` ${key}="${escapeAttribute(value)}"`)).join("")}>`;
}

/**
 * The essay's HTML with every link and media URL made absolute. A streaming rewrite over the
 * parser's events, with the source copied between the edits: no tree, so no recursion as deep
 * as the markup (10,000 nested `*` overflowed the stack in a tree walk and its serializer),
 * and the essay's own bytes are kept as they were wherever nothing changes.
 */
export function absoluteHtml(html: string, base: UrlBase): string {
  const parts: string[] = [];
  let copied = 0;
  /** Names of open elements; where a dropped element's content began, by depth. */
  const open: string[] = [];
  let dropFrom: { depth: number; start: number } | undefined;
  const cut = (start: number, end: number, replacement: string) => {
    parts.push(html.slice(copied, start), replacement);
    copied = end;
  };
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs, implied) {
        open.push(name);
        if (dropFrom || implied) return;
        if (isDropped(name, attribs)) {
          dropFrom = { depth: open.length, start: parser.startIndex };
          return;
        }
        const tag = rewrittenTag(name, attribs, base);
        if (tag) cut(parser.startIndex, parser.endIndex + 1, tag);
      },
      onclosetag(name) {
        if (dropFrom && open.length === dropFrom.depth) {
          const end = VOID.has(name) ? parser.endIndex + 1 : Math.max(parser.endIndex + 1, dropFrom.start);
          // The space that set a heading's anchor apart from its text goes with it.
          parts.push(html.slice(copied, dropFrom.start).replace(/\s+$/, ""));
          copied = Math.min(html.length, end);
          dropFrom = undefined;
        }
        open.pop();
      },
      oncomment() {
        if (!dropFrom) cut(parser.startIndex, parser.endIndex + 1, "");
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  if (dropFrom) copied = html.length;
  parts.push(html.slice(copied));
  return parts.join("");
}
