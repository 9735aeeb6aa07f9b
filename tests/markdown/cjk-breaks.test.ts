import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { createMarkdown, renderMarkdown } from "../../lib/markdown/render.ts";

const md = createMarkdown();
const html = (source: string) => renderMarkdown(md, source, { anchorLabel: "本节链接" }).html.trim();

test("emphasis at the end of a line followed by a line break renders (markdown-it-cjk-breaks crashed here)", () => {
  assert.equal(html("**粗体**\n中文"), "<p><strong>粗体</strong>中文</p>");
  assert.equal(html("中文**粗体**\n中文"), "<p>中文<strong>粗体</strong>中文</p>");
  assert.equal(html("中文*强调*\n*强调*中文"), "<p>中文<em>强调</em><em>强调</em>中文</p>");
  assert.equal(html("[链接](/a/)\n中文"), '<p><a href="/a/">链接</a>中文</p>');
});

test("a break between two Han characters or full-width punctuation is no space", () => {
  assert.equal(html("第一行\n第二行"), "<p>第一行第二行</p>");
  assert.equal(html("句子。\n「引号」"), "<p>句子。「引号」</p>");
  assert.equal(html("代码 `x`\n中文"), "<p>代码 <code>x</code>\n中文</p>");
});

test("a break next to Latin text, Hangul or an image stays a break", () => {
  assert.equal(html("中文\nEnglish"), "<p>中文\nEnglish</p>");
  assert.equal(html("English\n中文"), "<p>English\n中文</p>");
  assert.equal(html("한국어\n한국어"), "<p>한국어\n한국어</p>");
  assert.equal(html("中文![图](a.png)\n中文"), '<p>中文<img src="a.png" alt="图">\n中文</p>');
});

test("characters outside the BMP are compared whole", () => {
  assert.equal(html("𠮷\n𠮷"), "<p>𠮷𠮷</p>");
});

// Pieces Chinese technical prose is made of, joined at line starts and ends in every order.
const piece = fc.constantFrom(
  "中文", "English", "混合English中文", "**粗体**", "*强调*", "_强调_", "__粗__", "***粗斜***", "`code`", "`代码`",
  "[链接](https://example.com/)", "[中文链接](/posts/a/)", "![图](a.png)", "，", "。", "「", "」", "（", "）", "“", "”",
  "$x^2$", "$$", "\\(a\\)", "<span>html</span>", "<br>", "~~删除~~", "1.", "- ", "> ", "#", "\\", "*", "**", "_", " ",
  "😀", "𠮷", "한국어", "\u200b", "\t",
  // Maths in every syntax wenji reads (math.ts), good and bad, and prose dollars.
  "$a*b*c$", "$x_1 + y_1$", "$$E=mc^2$$", "\\[x^2\\]", "\\(\\frac{1}{2}\\)", "$\\frac{1$", "价格 $5 到 $10", "$", "\\(", "\\]",
  "$$\n\\int_0^1 x\\,dx\n$$", "\\[\n\\sum_i i\n\\]", "$$\\frac{", "\\$", "$中文$",
  // Task and definition lists, diagrams, heading attributes.
  "- [x] ", "- [ ] ", ": 定义", "```mermaid\ngraph TD; A-->B\n```", "{#id}", "{.cls}",
);
const line = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(""));
const document = fc.array(line, { minLength: 1, maxLength: 8 }).chain((lines) => fc.constantFrom("\n", "\n\n", "  \n", "\r\n").map((sep) => lines.join(sep)));

test("property: generated Chinese Markdown never makes the renderer throw", () => {
  fc.assert(
    fc.property(document, (source) => {
      const { html: out, problems } = renderMarkdown(md, source, { anchorLabel: "本节链接" });
      assert.equal(typeof out, "string");
      // A formula KaTeX cannot read is a reported problem with a line, never a throw.
      for (const problem of problems) assert.ok(problem.line >= 1 && problem.message.length > 0);
    }),
    { numRuns: 2000, seed: 20261208 },
  );
});
