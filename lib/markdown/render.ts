/**
 * The one markdown-it instance. Essays are rendered as Markdown only (never through a
 * template engine), with raw HTML, linkify, footnotes, build-time highlighting and maths,
 * task and definition lists, mermaid fences, Hugo's heading ids, and no typographer: prose
 * characters are the linter's business, not the renderer's.
 */
import MarkdownIt from "markdown-it";
import type { Token, StateCore, Renderer } from "markdown-it";
import footnote from "markdown-it-footnote";
import deflist from "markdown-it-deflist";
import hljs from "highlight.js/lib/common";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import { countText, addCounts, type TextCount } from "../text/count.ts";
import { headingId, UniqueIds } from "./slug.ts";
import type { Heading } from "./toc.ts";
import { escapeHtml } from "./escape.ts";
import { titledImageFigures } from "./figure.ts";
import { scrollingTables } from "./table.ts";
import cjkBreaks from "./cjk-breaks.ts";
import { texMath } from "./math.ts";
import { taskLists } from "./tasks.ts";
import { headingAttributes, htmlAnchors } from "./anchors.ts";
import { codeBlocks } from "./code-block.ts";
import { urlLinks } from "./url-links.ts";

export type Markdown = InstanceType<typeof MarkdownIt>;
type MarkdownEnv = Parameters<Markdown["parse"]>[1];

export interface MarkdownImage {
  src: string;
  alt: string;
  title: string;
  line: number;
}

export interface MarkdownLink {
  href: string;
  line: number;
}

/** What a render tells the rest of the pipeline besides the HTML. */
export interface RenderResult {
  html: string;
  headings: Heading[];
  count: TextCount;
  /** Plain text of the opening paragraphs (up to `<!--more-->` when the essay has one). */
  lead: string;
  hasMoreMarker: boolean;
  images: MarkdownImage[];
  links: MarkdownLink[];
  /** Ids set in the author's raw HTML (`<a id="x">`, `<span id=…>`, `<a name="x">`): fragment targets too. */
  anchors: string[];
  /** Problems that did not stop the render (a formula KaTeX cannot read), with file lines. */
  problems: RenderProblem[];
  /** The page shows maths (MathML: no script needed) / a mermaid diagram (the page loads mermaid). */
  hasMath: boolean;
  hasMermaid: boolean;
}

export interface RenderProblem {
  line: number;
  message: string;
  rule: string;
}

/** A render that failed, with the file line of the paragraph or heading it failed in when known. */
export class RenderError extends Error {
  constructor(readonly line: number | undefined, readonly reason: string) {
    super(line ? `line ${line}: ${reason}` : reason);
    this.name = "RenderError";
  }
}

export interface RenderOptions {
  /** Accessible label of the "#" link beside each heading, in the page's language. */
  anchorLabel: string;
  /** Line of the body's first line in the file, so reported lines are file lines. */
  lineOffset?: number;
}

interface RenderEnv extends RenderOptions {
  headings: Heading[];
  images: MarkdownImage[];
  links: MarkdownLink[];
  anchors: string[];
  problems: RenderProblem[];
  hasMath: boolean;
  hasMermaid: boolean;
}

/** markdown-it types its env loosely; every render here passes a RenderEnv (renderMarkdown). */
function envOf(env: unknown): RenderEnv {
  return env as RenderEnv;
}

// highlight.js's common set (shell, JS/TS, JSON, YAML, Python, Go, Rust, Java, C/C++, CSS,
// HTML/XML, SQL, diff, Markdown, INI/TOML and two dozen more) plus Dockerfile: loading all
// ~190 languages cost every build ~0.15 s. A fence in another language renders as plain code.
hljs.registerLanguage("dockerfile", dockerfile);

function highlight(code: string, lang: string): string {
  const name = lang.trim().split(/\s+/)[0]?.toLowerCase();
  if (name && hljs.getLanguage(name)) {
    return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  }
  return escapeHtml(code);
}

function inlineText(token: Token | undefined): string {
  if (!token?.children) return token?.content ?? "";
  return token.children
    // Maths shows as its TeX in the TOC's plain text, rather than leaving a gap.
    .filter((child) => child.type === "text" || child.type === "code_inline" || child.type === "emoji" || child.type === "math_inline")
    .map((child) => child.content)
    .join("")
    .trim();
}

/**
 * Gives every heading Hugo's id (slug.ts) unless it has an explicit `{#id}`, adds a hover
 * anchor, and records the headings for the TOC. Ids come from the heading's source, before
 * inline parsing, as Hugo's do.
 */
function headingIds(md: Markdown): void {
  md.core.ruler.before("inline", "wenji_heading_ids", (state: StateCore) => {
    const ids = new UniqueIds();
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== "heading_open") continue;
      const explicit = tokens[i].attrGet("id");
      tokens[i].attrSet("id", explicit ? ids.claim(String(explicit)) : headingId(tokens[i + 1]?.content ?? "", ids));
    }
  });
  md.core.ruler.push("wenji_headings", (state: StateCore) => {
    const env = state.env as unknown as RenderEnv;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== "heading_open") continue;
      env.headings?.push({ level: Number(tokens[i].tag.slice(1)), id: String(tokens[i].attrGet("id")), text: inlineText(tokens[i + 1]) });
    }
  });
  const defaultClose = md.renderer.rules.heading_close;
  md.renderer.rules.heading_close = (tokens: Token[], idx: number, options: Markdown["options"], renderEnv: unknown, self: Renderer) => {
    const env = renderEnv as RenderEnv;
    const open = tokens[idx - 2];
    const id = open?.attrGet("id");
    const anchor = id
      ? ` <a class="heading-anchor" href="#${encodeURIComponent(id)}" aria-label="${escapeHtml(env.anchorLabel)}">#</a>`
      : "";
    return anchor + (defaultClose ? defaultClose(tokens, idx, options, renderEnv as MarkdownEnv, self) : self.renderToken(tokens, idx, options));
  };
}

/** Records images and links with their file lines, for checks and the image pipeline. */
function recordReferences(md: Markdown): void {
  md.core.ruler.push("wenji_references", (state: StateCore) => {
    const env = state.env as unknown as RenderEnv;
    const offset = env.lineOffset ?? 0;
    for (const block of state.tokens) {
      if (block.type === "html_block") recordHtmlImages(block.content, (block.map?.[0] ?? 0) + 1 + offset, env.images);
      if (block.type !== "inline" || !block.children) continue;
      // Each line break inside a paragraph moves on a line, so an image on a paragraph's fourth
      // line is reported there (a break the CJK rule joined is an empty text token, still a <br>).
      let line = (block.map?.[0] ?? 0) + 1 + offset;
      for (const child of block.children) {
        if (child.type === "softbreak" || child.type === "hardbreak" || (child.type === "text" && child.tag === "br")) line++;
        else if (child.type === "image") {
          env.images?.push({
            src: String(child.attrGet("src") ?? ""),
            alt: child.children?.map((c: Token) => c.content).join("") ?? child.content,
            title: String(child.attrGet("title") ?? ""),
            line,
          });
        } else if (child.type === "html_inline") {
          recordHtmlImages(child.content, line, env.images);
        } else if (child.type === "link_open") {
          env.links?.push({ href: String(child.attrGet("href") ?? ""), line });
        }
      }
    }
  });
}

const HTML_IMG = /<img\b[^>]*>/gi;
const HTML_ATTR = /\s([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g;

/** `<img>` written as HTML (or made by a Hugo figure) counts as an image too; no `alt` attribute reads as empty. */
function recordHtmlImages(html: string, firstLine: number, images: MarkdownImage[] | undefined): void {
  for (const match of html.matchAll(HTML_IMG)) {
    const attrs = new Map([...match[0].matchAll(HTML_ATTR)].map((a) => [a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? ""]));
    const line = firstLine + (html.slice(0, match.index).match(/\n/g)?.length ?? 0);
    images?.push({ src: attrs.get("src") ?? "", alt: attrs.get("alt") ?? "", title: attrs.get("title") ?? "", line });
  }
}

/** ```` ```mermaid ```` stays readable text in a `<pre>`; the page loads the vendored mermaid script to draw it. */
function mermaidFences(md: Markdown): void {
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token.info.trim().split(/\s+/)[0]?.toLowerCase() !== "mermaid") return fence(tokens, idx, options, env, self);
    envOf(env).hasMermaid = true;
    return `<pre class="mermaid">${escapeHtml(token.content)}</pre>\n`;
  };
}

/** Inline parsing, as markdown-it's own core rule, but a failure names the file line of its paragraph or heading. */
function linedInlineParsing(md: Markdown): void {
  md.core.ruler.at("inline", (state: StateCore) => {
    const offset = envOf(state.env).lineOffset ?? 0;
    for (const token of state.tokens) {
      if (token.type !== "inline") continue;
      try {
        state.md.inline.parse(token.content, state.md, state.env, token.children ?? (token.children = []));
      } catch (error) {
        throw new RenderError(token.map ? token.map[0] + 1 + offset : undefined, error instanceof Error ? error.message : String(error));
      }
    }
  });
}

export function createMarkdown(): Markdown {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, highlight });
  // Fuzzy links would turn "Node.js" or "e.g." into links; only explicit URLs are linked.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  // Without fuzzy links a link starts with a scheme ("https:", "mailto:") or "//": text holding
  // neither cannot contain one, so linkify-it's costly scan (every text of an inline) is skipped.
  const linkifyTest = md.linkify.test.bind(md.linkify);
  md.linkify.test = (text: string) => (text.includes(":") || text.includes("//")) && linkifyTest(text);
  md.use(footnote);
  md.use(linedInlineParsing);
  // $…$, $$…$$, \(…\), \[…\]: MathML from KaTeX at build time, before emphasis can mangle it.
  md.use(texMath);
  // `- [x] done`: a disabled checkbox; Pandoc/PHP Markdown Extra definition lists (`Term` / `: definition`).
  md.use(taskLists);
  md.use(deflist);
  // Diagrams stay text in the HTML; only their pages load the vendored mermaid script.
  md.use(mermaidFences);
  // A line break between two Han characters is not a space in Chinese.
  md.use(cjkBreaks);
  // `## Title {#id .class}` as Hugo reads it; then Hugo's automatic ids for the others.
  md.use(headingAttributes);
  md.use(headingIds);
  // Ids the author's raw HTML sets, for `check` to accept links to them.
  md.use(htmlAnchors);
  md.use(recordReferences);
  // `![alt](src "title")` alone in a paragraph → <figure> with the title as its caption.
  md.use(titledImageFigures);
  // Wide tables scroll inside a focusable box rather than widening the page.
  md.use(scrollingTables);
  // Fences: a bar with the language (and the copy button), code that scrolls instead of wrapping.
  md.use(codeBlocks);
  // Bare URLs may break anywhere (class="url"), so justified lines before them do not stretch.
  md.use(urlLinks);
  return md;
}

let shared: Markdown | undefined;

/** The process's one renderer, made on first use (building it costs ~20 ms). */
export function sharedMarkdown(): Markdown {
  shared ??= createMarkdown();
  return shared;
}

const MORE = /^<!--\s*more\s*-->$/m;

export function renderMarkdown(md: Markdown, source: string, options: RenderOptions): RenderResult {
  const env: RenderEnv = { ...options, headings: [], images: [], links: [], anchors: [], problems: [], hasMath: false, hasMermaid: false };
  const tokens = md.parse(source, env as unknown as MarkdownEnv);
  let count: TextCount = { han: 0, latin: 0 };
  const lead: string[] = [];
  let leadDone = false;
  let hasMoreMarker = false;
  let inParagraph = false;
  for (const token of tokens) {
    if (token.type === "html_block" && MORE.test(token.content.trim())) {
      hasMoreMarker = true;
      leadDone = true;
    }
    if (token.type === "paragraph_open") inParagraph = true;
    if (token.type === "paragraph_close") inParagraph = false;
    if (token.type !== "inline") continue;
    const text = token.children?.filter((c: Token) => c.type === "text" || c.type === "code_inline").map((c: Token) => c.content).join("") ?? "";
    count = addCounts(count, countText(text));
    if (inParagraph && !leadDone) {
      lead.push(text);
      if (lead.join("").length > 400) leadDone = true;
    }
  }
  const html = md.renderer.render(tokens, md.options, env as unknown as MarkdownEnv);
  const { headings, images, links, anchors, problems, hasMath, hasMermaid } = env;
  return { html, headings, count, lead: lead.join(" "), hasMoreMarker, images, links, anchors, problems, hasMath, hasMermaid };
}
