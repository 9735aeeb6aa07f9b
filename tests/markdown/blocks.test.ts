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

const full = (source: string) => renderMarkdown(md, source, { anchorLabel: "本节链接" });

test("task lists get disabled checkboxes labelled by the item", () => {
  assert.equal(
    render("- [x] 写完初稿\n- [ ] 校对\n- 普通项"),
    [
      '<ul class="contains-task-list">',
      '<li class="task-list-item"><label class="task"><input type="checkbox" disabled checked> 写完初稿</label></li>',
      '<li class="task-list-item"><label class="task"><input type="checkbox" disabled> 校对</label></li>',
      "<li>普通项</li>",
      "</ul>",
    ].join("\n"),
  );
  assert.equal(render("[x] 不在列表里"), "<p>[x] 不在列表里</p>");
});

test("definition lists", () => {
  assert.equal(render("术语\n: 它的定义\n\nTerm\n:   Definition"), "<dl>\n<dt>术语</dt>\n<dd>它的定义</dd>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>");
});

test("a mermaid fence stays readable text in a pre and flags the page; other fences do not", () => {
  const diagram = full("```mermaid\ngraph TD; 开始-->结束\n```");
  assert.equal(diagram.html.trim(), '<pre class="mermaid">graph TD; 开始--&gt;结束\n</pre>');
  assert.equal(diagram.hasMermaid, true);
  const code = full("```js\nlet a = 1;\n```");
  assert.equal(code.hasMermaid, false);
  assert.doesNotMatch(code.html, /mermaid/);
});

test("explicit heading ids and classes are honoured as Hugo reads them; an invalid block stays text", () => {
  const { html, headings } = full("## 标题 {#my-id .note}\n\n## 另一个 {#my-id}\n\n## my-id\n\n## 花括号 {不是属性}");
  assert.deepEqual(headings.map((h) => [h.id, h.text]), [["my-id", "标题"], ["my-id", "另一个"], ["my-id-1", "my-id"], ["花括号-不是属性", "花括号 {不是属性}"]]);
  assert.match(html, /<h2 id="my-id" class="note">标题 <a/);
});

test("ids and names in the author's raw HTML are fragment targets", () => {
  const { anchors } = full('<a id="1"></a>\n\n文字 <span id=note>注</span> 和 <a name=\'top\'>顶</a>。\n\n<div class="x" ID="Block">块</div>');
  assert.deepEqual(anchors, ["1", "note", "top", "Block"]);
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
