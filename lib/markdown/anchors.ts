/**
 * Fragment targets besides Hugo's automatic heading ids: an explicit `{#id}` on a heading (as
 * Hugo's Goldmark reads it, with `.class` and `key=value` too), and the ids or names an
 * author's raw HTML sets (`<a id="1">`, `<span id=note>`, `<a name="top">`).
 */
import type { StateCore, Token } from "markdown-it";
import type { Markdown } from "./render.ts";

const ATTRIBUTE = /#([^\s{}#.]+)|\.([^\s{}#.]+)|([A-Za-z_:][\w:.-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+))/g;
const TRAILING_BLOCK = /\s*\{([^{}]*)\}\s*$/;

/** The attributes of a trailing `{…}`, or undefined when it is not a valid attribute list (then it is text). */
export function parseAttributes(inner: string): [string, string][] | undefined {
  const attrs: [string, string][] = [];
  const classes: string[] = [];
  let rest = inner;
  for (const m of inner.matchAll(ATTRIBUTE)) {
    rest = rest.replace(m[0], "");
    if (m[1]) attrs.push(["id", m[1]]);
    else if (m[2]) classes.push(m[2]);
    else attrs.push([m[3], m[4] ?? m[5] ?? m[6] ?? ""]);
  }
  if (rest.trim() || (!attrs.length && !classes.length)) return undefined;
  if (classes.length) attrs.push(["class", classes.join(" ")]);
  return attrs;
}

function applyHeadingAttributes(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i].type !== "heading_open" || tokens[i + 1].type !== "inline") continue;
    const inline = tokens[i + 1];
    const match = TRAILING_BLOCK.exec(inline.content);
    const attrs = match && parseAttributes(match[1]);
    if (!match || !attrs) continue;
    inline.content = inline.content.slice(0, match.index);
    for (const [name, value] of attrs) tokens[i].attrSet(name, value);
  }
}

export function headingAttributes(md: Markdown): void {
  md.core.ruler.before("inline", "wenji_heading_attributes", applyHeadingAttributes);
}

const TAG = /<[A-Za-z][\w-]*\b[^>]*>/g;
const ID_ATTRIBUTE = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi;

/** The ids and names set by the tags of one piece of raw HTML. */
export function idsInHtml(html: string): string[] {
  const ids: string[] = [];
  for (const tag of html.matchAll(TAG)) {
    for (const m of tag[0].matchAll(ID_ATTRIBUTE)) {
      const id = m[1] ?? m[2] ?? m[3] ?? "";
      if (id) ids.push(id);
    }
  }
  return ids;
}

function collectAnchors(state: StateCore): void {
  const anchors = (state.env as { anchors?: string[] }).anchors;
  if (!anchors) return;
  const visit = (token: Token) => {
    if (token.type === "html_block" || token.type === "html_inline") anchors.push(...idsInHtml(token.content));
    token.children?.forEach(visit);
  };
  state.tokens.forEach(visit);
}

export function htmlAnchors(md: Markdown): void {
  md.core.ruler.push("wenji_html_anchors", collectAnchors);
}
