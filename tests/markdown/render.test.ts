import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { createMarkdown, renderMarkdown } from "../../lib/markdown/render.ts";
import { buildToc, renderToc } from "../../lib/markdown/toc.ts";

const md = createMarkdown();
const render = (source: string) => renderMarkdown(md, source, { anchorLabel: "本节链接" });
const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;

const HEADINGS = "## 开源商业化的困境\n\n## 开源商业化的困境\n\n## KubeSphere 的 2021 年\n\n### Q&A：为什么？\n\n## ？！\n";

test("heading ids keep Han characters, are unique and never empty (Hugo's: repeats -1, nothing left: heading)", () => {
  const { headings } = render(HEADINGS);
  const ids = headings.map((h) => h.id);
  assert.deepEqual(ids, ["开源商业化的困境", "开源商业化的困境-1", "kubesphere-的-2021-年", "qa为什么", "heading"]);
  assert.equal(new Set(ids).size, ids.length);
});

test("heading ids are stable across builds", () => {
  assert.deepEqual(render(HEADINGS).headings, render(HEADINGS).headings);
});

test("TOC links percent-encode the ids and every one resolves to a heading", () => {
  const { html, headings } = render(HEADINGS);
  const toc = renderToc(buildToc(headings, [2, 3]));
  const doc = dom(toc + html);
  const links = [...doc.querySelectorAll("ol a")];
  assert.equal(links.length, 5);
  for (const a of links) {
    const href = a.getAttribute("href")!;
    assert.match(href, /^#[A-Za-z0-9%._~-]+$/, "percent-encoded");
    const id = decodeURIComponent(href.slice(1));
    assert.ok(doc.getElementById(id), `#${id} exists`);
  }
});

test("the TOC nests by level and honours the level range", () => {
  const source = "## A\n\n### A1\n\n#### A1a\n\n## B\n";
  const { headings } = render(source);
  const nested = buildToc(headings, [2, 3]);
  assert.deepEqual(nested.map((n) => [n.text, n.children.map((c) => c.text)]), [["A", ["A1"]], ["B", []]]);
  assert.equal(nested[0].children[0].children.length, 0, "h4 is outside 2–3");
  const deep = buildToc(headings, [2, 4]);
  assert.equal(deep[0].children[0].children[0].text, "A1a");
});

test("headings with inline markup, links and footnote references give clean TOC text", () => {
  const { headings } = render("## 使用 **Eleventy** 的理由\n\n## `npm` 命令\n\n## 参见 [文档](https://example.org)[^1]\n\n[^1]: 注释\n");
  assert.deepEqual(headings.map((h) => h.text), ["使用 Eleventy 的理由", "npm 命令", "参见 文档"]);
  const toc = renderToc(buildToc(headings, [2, 3]));
  assert.ok(!toc.includes("<strong>") && !toc.includes("[1]"));
});

test("every heading carries a hover anchor link to itself", () => {
  const doc = dom(render("## 开源商业化的困境\n").html);
  const anchor = doc.querySelector("h2 a.heading-anchor")!;
  assert.equal(decodeURIComponent(anchor.getAttribute("href")!), "#开源商业化的困境");
  assert.equal(anchor.getAttribute("aria-label"), "本节链接");
});

test("Markdown is not a template: {{ x }} and {% y %} stay literal, and no typographer rewrites prose", () => {
  const { html } = render('写 {{ page.title }} 和 {% include "x" %}，"quotes" -- dashes ... (c)');
  assert.ok(html.includes("{{ page.title }}"));
  assert.ok(html.includes("{% include &quot;x&quot; %}"));
  assert.ok(html.includes("&quot;quotes&quot; -- dashes ... (c)"));
});

test("raw HTML, linkify (not fuzzy), footnotes and build-time highlighting", () => {
  const { html } = render('<kbd>Ctrl</kbd> see https://example.org and Node.js\n\n```js\nconst a = 1;\n```\n\n注[^n]\n\n[^n]: 脚注');
  const doc = dom(html);
  assert.ok(doc.querySelector("kbd"));
  assert.deepEqual([...doc.querySelectorAll("p a[href^='http']")].map((a) => a.getAttribute("href")), ["https://example.org"]);
  assert.ok(doc.querySelector("pre code.language-js .hljs-keyword"));
  assert.ok(doc.querySelector(".footnotes li#fn1"));
});

test("fences in the usual languages are highlighted; any other language is plain escaped code", () => {
  const fence = (lang: string, code: string) => `\`\`\`${lang}\n${code}\n\`\`\`\n`;
  const usual: [string, string][] = [
    ["bash", "echo $HOME"], ["sh", "ls -la"], ["ts", "const a: number = 1;"], ["json", '{"a": 1}'], ["yaml", "a: 1"],
    ["python", "def f(): pass"], ["go", "func main() {}"], ["rust", "fn main() {}"], ["java", "class A {}"], ["c", "int main(void);"],
    ["cpp", "int main();"], ["css", "a { color: red; }"], ["html", "<p class=\"x\">y</p>"], ["sql", "SELECT 1;"], ["diff", "+ added"],
    ["dockerfile", "FROM node:20"], ["markdown", "# title"], ["toml", "[table]\nkey = 1"], ["ini", "[s]\nk = v"],
  ];
  for (const [lang, code] of usual) {
    const doc = dom(render(fence(lang, code)).html);
    assert.ok(doc.querySelector(`pre code.language-${lang} span[class^="hljs-"]`), `${lang} is highlighted`);
  }
  const { html } = render(fence("no-such-language", "<b>x</b> & y"));
  assert.match(html, /<code class="language-no-such-language">&lt;b&gt;x&lt;\/b&gt; &amp; y\n<\/code>/);
  assert.ok(!html.includes("hljs"));
});

test("every scheme linkify knows still links inside Chinese text: HTTPS://, mailto:, ftp:// and //host", () => {
  const doc = dom(render("见 HTTPS://Example.org/a 与 mailto:lin@example.org 和 //example.net/x，ftp://files.example.org。").html);
  assert.deepEqual([...doc.querySelectorAll("a")].map((a) => a.getAttribute("href")), ["HTTPS://Example.org/a", "mailto:lin@example.org", "//example.net/x", "ftp://files.example.org"]);
});

test("a soft line break between Han characters adds no space", () => {
  const { html } = render("中文\n换行");
  assert.ok(html.includes("中文换行"));
});
