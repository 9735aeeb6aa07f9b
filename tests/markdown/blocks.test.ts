import { test } from "node:test";
import assert from "node:assert/strict";
import { createMarkdown, renderMarkdown } from "../../lib/markdown/render.ts";

const md = createMarkdown();
const render = (source: string) => renderMarkdown(md, source, { anchorLabel: "本节链接" }).html.trim();

test("an image alone in its paragraph with a title becomes a figure captioned by the title", () => {
  assert.equal(
    render(`![书店街](street.jpg "傍晚的书店街 <夜>")`),
    `<figure><img src="street.jpg" alt="书店街" title="傍晚的书店街 &lt;夜&gt;"><figcaption>傍晚的书店街 &lt;夜&gt;</figcaption></figure>`,
  );
});

test("an image without a title, or inside a sentence, stays as it was", () => {
  assert.equal(render(`![书店街](street.jpg)`), `<p><img src="street.jpg" alt="书店街"></p>`);
  assert.equal(render(`看这张 ![图](a.png "标题") 图。`), `<p>看这张 <img src="a.png" alt="图" title="标题"> 图。</p>`);
});

test("a table sits in a focusable scrolling box", () => {
  const html = render("| 平台 | 格式 |\n|---|---|\n| 甲 | Markdown |");
  assert.match(html, /^<div class="table-scroll" tabindex="0">\n<table>\n[\s\S]*<\/table>\n<\/div>$/);
});

test("a fence sits in a code box that names its language; its pre scrolls by keyboard; no language, empty name", () => {
  const md = createMarkdown();
  const html = renderMarkdown(md, "```sh\n# 注释\nls\n```\n\n```\nplain <b>\n```\n", { anchorLabel: "#" }).html;
  assert.match(html, /^<div class="code-block" data-lang="sh"><pre tabindex="0"><code class="language-sh">/);
  assert.match(html, /<div class="code-block" data-lang=""><pre tabindex="0"><code>plain &lt;b&gt;\n<\/code><\/pre><\/div>/);
});

test("bare URLs (linkified or <autolinks>) carry class url; written links do not", () => {
  const html = renderMarkdown(createMarkdown(), "见 https://example.com/a 与 <https://example.com/b> 和 [文字](https://example.com/c)。", { anchorLabel: "#" }).html;
  assert.match(html, /<a href="https:\/\/example.com\/a" class="url">/);
  assert.match(html, /<a href="https:\/\/example.com\/b" class="url">/);
  assert.match(html, /<a href="https:\/\/example.com\/c">文字<\/a>/);
});
