/**
 * TeX maths rendered at build time to MathML by KaTeX: `$…$` and `\(…\)` inline, `$$…$$` and
 * `\[…\]` as display maths (alone on their lines, or inline within a paragraph). Current
 * browsers lay MathML out themselves, so a page needs no script, font or stylesheet for it.
 *
 * A small plugin of our own rather than a published one: none of the markdown-it maths plugins
 * reads all four delimiters with pandoc's rules for `$` (no space after the opening `$`, none
 * before the closing one, no digit right after it, so `价格 $5 到 $10` stays prose), and none
 * reports a bad formula with its file line instead of throwing or printing KaTeX's red text.
 *
 * The rules run before markdown-it's escapes and emphasis, so `\(`, `$a*b*c$` and `$x_1$` reach
 * KaTeX as written.
 */
import katex from "katex";
import type { StateBlock, StateCore, StateInline, Token } from "markdown-it";
import type { Markdown, RenderProblem } from "./render.ts";
import { escapeHtml } from "./escape.ts";

/** What the maths rules leave in the render's env. */
export interface MathEnv {
  lineOffset?: number;
  problems?: RenderProblem[];
  hasMath?: boolean;
}

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** TeX that prose does not write: a command, a sub- or superscript, a brace or an equals sign. */
const TEX_SIGNAL = /\\[A-Za-z]|[_^{}=]/;

/**
 * The end (index of the closing `$`) of `$…$` maths opening at `start`, or -1. Pandoc's rule
 * (no space inside the dollars, no digit after the closing one) keeps `$5 到 $10` prose; a
 * span that breaks the space rule is maths still when it holds TeX (`$ p_Z(z) $`, `$\beta_t $`),
 * as Chinese notes often write it and Hugo's passthrough reads it.
 */
function closingDollar(src: string, start: number, max: number): number {
  if (start + 1 >= max) return -1;
  const strict = scanDollars(src, start, max, (i) => !isSpace(src.charCodeAt(start + 1)) && !isSpace(src.charCodeAt(i - 1)));
  if (strict !== -1) return strict;
  // The first closing candidate decides: maths if the span holds TeX, else prose.
  const loose = scanDollars(src, start, max, () => true);
  const tex = loose === -1 ? "" : src.slice(start + 1, loose);
  return tex.trim() && TEX_SIGNAL.test(tex) ? loose : -1;
}

/** The first `$` after `start` (escapes skipped, no digit after it) that `closes` accepts, or -1. */
function scanDollars(src: string, start: number, max: number, closes: (i: number) => boolean): number {
  for (let i = start + 1; i < max; i++) {
    const code = src.charCodeAt(i);
    if (code === BACKSLASH) {
      i++;
      continue;
    }
    if (code !== DOLLAR) continue;
    const after = src.charCodeAt(i + 1);
    // Half of a `$$` neither closes nor is skipped over as text: `$5 到 $$x$$` is no formula "5 到 ".
    if (src.charCodeAt(i - 1) === DOLLAR || after === DOLLAR) return -1;
    if (!(after >= 0x30 && after <= 0x39) && closes(i)) return i;
  }
  return -1;
}

/** Inline maths: `$…$`, `$$…$$` (display), `\(…\)` and `\[…\]` (display) inside a paragraph. */
function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  const code = src.charCodeAt(pos);
  let open = "";
  let close = "";
  if (code === BACKSLASH) {
    const next = src[pos + 1];
    if (next === "(") [open, close] = ["\\(", "\\)"];
    else if (next === "[") [open, close] = ["\\[", "\\]"];
    else return false;
  } else if (code === DOLLAR) {
    if (src.charCodeAt(pos + 1) === DOLLAR) [open, close] = ["$$", "$$"];
    else {
      const end = closingDollar(src, pos, posMax);
      if (end === -1) return false;
      if (!silent) push(state, src.slice(pos + 1, end), false, pos);
      state.pos = end + 1;
      return true;
    }
  } else return false;
  const end = src.indexOf(close, pos + open.length);
  if (end === -1 || end + close.length > posMax || end === pos + open.length) return false;
  // `\[1\]` and `\[注1\]` are escaped brackets in prose (a reference number), not display maths.
  if (open === "\\[" && ESCAPED_BRACKETS.test(src.slice(pos + open.length, end))) return false;
  if (!silent) push(state, src.slice(pos + open.length, end), open !== "\\(", pos);
  state.pos = end + close.length;
  return true;
}

/** What between `\[` and `\]` inside a paragraph reads as bracketed prose: a number, or any Han. */
const ESCAPED_BRACKETS = /^\s*\d+\s*$|\p{Script=Han}/u;

function push(state: StateInline, tex: string, display: boolean, at: number): void {
  const token = state.push("math_inline", "math", 0);
  token.content = tex;
  token.markup = display ? "display" : "inline";
  // Where in the paragraph it starts, to give a bad formula its file line.
  token.meta = { offset: at };
}

const BLOCK_DELIMITERS: [string, string][] = [
  ["$$", "$$"],
  ["\\[", "\\]"],
];

/** Display maths whose delimiters open a line: `$$` … `$$`, `\[` … `\]`, on one line or many. */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const first = state.src.slice(start, state.eMarks[startLine]);
  const pair = BLOCK_DELIMITERS.find(([open]) => first.startsWith(open));
  if (!pair) return false;
  const [open, close] = pair;
  let line = startLine;
  let text = first.slice(open.length);
  // `$$a$$, $$b$$` on one line is two inline formulas, not one block from the first to the last.
  if (text.trimEnd().endsWith(close) && text.trimEnd().slice(0, -close.length).includes(close)) return false;
  let closed = text.trimEnd().endsWith(close) && text.trim().length >= close.length;
  const parts: string[] = [];
  if (closed) parts.push(text.trimEnd().slice(0, -close.length));
  else {
    parts.push(text);
    while (!closed && ++line < endLine) {
      // A less indented line ends the list or quote the maths sat in.
      if (!state.isEmpty(line) && state.sCount[line] < state.blkIndent) break;
      text = state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
      const trimmed = text.trimEnd();
      if (trimmed.endsWith(close)) {
        parts.push(trimmed.slice(0, -close.length));
        closed = true;
      } else parts.push(text);
    }
  }
  // An unclosed `$$` is prose (a price, a shell variable), not maths to the end of the file.
  if (!closed) return false;
  if (silent) return true;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = parts.join("\n").trim();
  token.map = [startLine, line + 1];
  token.markup = open;
  state.line = line + 1;
  return true;
}

/** KaTeX's MathML for one formula; a formula KaTeX cannot read stays visible as code, and is reported. */
export function renderTex(tex: string, display: boolean, line: number, env: MathEnv): string {
  env.hasMath = true;
  try {
    return katex.renderToString(tex, { output: "mathml", displayMode: display, throwOnError: true, strict: "ignore", trust: false });
  } catch (error) {
    const reason = error instanceof katex.ParseError ? error.rawMessage : error instanceof Error ? error.message : String(error);
    env.problems?.push({ line, rule: "math", message: `the formula ${JSON.stringify(tex.length > 60 ? `${tex.slice(0, 57)}...` : tex)} cannot be rendered: ${reason}` });
    const code = `<code class="math-error">${escapeHtml(tex)}</code>`;
    return display ? `<pre class="math-error">${code}</pre>` : code;
  }
}

/** Renders every formula once, after parsing, where each one's block gives its file line. */
function renderFormulas(state: StateCore): void {
  const env = state.env as MathEnv;
  const offset = env.lineOffset ?? 0;
  for (const block of state.tokens) {
    if (block.type === "math_block") {
      block.meta = { html: renderTex(block.content, true, (block.map?.[0] ?? 0) + 1 + offset, env) };
      continue;
    }
    if (block.type !== "inline" || !block.children) continue;
    for (const child of block.children) {
      if (child.type !== "math_inline") continue;
      const before = block.content.slice(0, (child.meta as { offset: number }).offset);
      const line = (block.map?.[0] ?? 0) + 1 + offset + (before.match(/\n/g)?.length ?? 0);
      child.meta = { html: renderTex(child.content, child.markup === "display", line, env) };
    }
  }
}

function rendered(tokens: Token[], idx: number): string {
  return (tokens[idx].meta as { html?: string } | null)?.html ?? escapeHtml(tokens[idx].content);
}

export function texMath(md: Markdown): void {
  md.inline.ruler.before("escape", "math_inline", mathInline);
  md.block.ruler.before("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.core.ruler.after("inline", "wenji_math", renderFormulas);
  md.renderer.rules.math_inline = (tokens, idx) => rendered(tokens, idx);
  md.renderer.rules.math_block = (tokens, idx) => `<div class="math-display">${rendered(tokens, idx)}</div>\n`;
}
