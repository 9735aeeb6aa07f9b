import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { expandShortcodes, type ShortcodeContext } from "../../lib/markdown/shortcodes.ts";
import { createMarkdown, renderMarkdown } from "../../lib/markdown/render.ts";
import { applyShortcodes } from "../../lib/content/shortcodes.ts";
import type { EssaySource } from "../../lib/content/load.ts";
import { loadSettings } from "../../lib/content/settings.ts";
import { PROJECT } from "../helpers/site.ts";

const md = createMarkdown();
const context: ShortcodeContext = { resolveRef: () => undefined, param: (name) => ({ subtitle: "副标题", "author.name": "林" })[name] };
function expand(body: string) {
  const out = expandShortcodes(body, 1, "zh", context);
  assert.equal(out.body.split("\n").length, body.split("\n").length, "every expansion keeps the line count");
  return out;
}
const page = (body: string) => parseHTML(`<!doctype html><html><body>${renderMarkdown(md, expand(body).body, { anchorLabel: "#" }).html}</body></html>`).document;

test("details: the HTML element, its content still Markdown without blank lines around it", () => {
  const doc = page('前文\n{{< details summary="展开 <看>" open=true >}}\n这是**粗体**。\n\n- 一项\n{{< /details >}}\n后文');
  const details = doc.querySelector("details")!;
  assert.equal(details.hasAttribute("open"), true);
  assert.equal(details.querySelector("summary")!.textContent, "展开 <看>");
  assert.equal(details.querySelector("strong")?.textContent, "粗体");
  assert.equal(details.querySelector("li")?.textContent, "一项");
  assert.equal(doc.querySelectorAll("p")[doc.querySelectorAll("p").length - 1].textContent, "后文");
  assert.equal(page("{{% details %}}\n内容\n{{% /details %}}").querySelector("summary")!.textContent, "Details");
});

test("embeds become plain links: no iframe, script or third-party image", () => {
  const cases: [string, string][] = [
    ['{{< youtube id="0RKpf3rK57I" start="30" >}}', "https://www.youtube.com/watch?v=0RKpf3rK57I&t=30s"],
    ["{{< youtube 0RKpf3rK57I >}}", "https://www.youtube.com/watch?v=0RKpf3rK57I"],
    ['{{< vimeo id="55073825" >}}', "https://vimeo.com/55073825"],
    ['{{< x user="SanDiegoZoo" id="1453110110599868418" >}}', "https://x.com/SanDiegoZoo/status/1453110110599868418"],
    ['{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}', "https://x.com/SanDiegoZoo/status/1453110110599868418"],
    ["{{< tweet 1453110110599868418 >}}", "https://x.com/i/status/1453110110599868418"],
    ["{{< gist jmooring 23932424365401ffa5e9d9810102a477 list.html >}}", "https://gist.github.com/jmooring/23932424365401ffa5e9d9810102a477#file-list-html"],
    ["{{< instagram CxOWiQNP2MO >}}", "https://www.instagram.com/p/CxOWiQNP2MO/"],
  ];
  for (const [source, href] of cases) {
    const out = expand(source);
    assert.deepEqual(out.problems, [], source);
    const doc = page(source);
    assert.equal(doc.querySelector("a.embed")?.getAttribute("href"), href, source);
    assert.equal(doc.querySelectorAll("iframe, script, img, blockquote").length, 0, source);
  }
  assert.match(expand("{{< youtube >}}").problems[0].message, /"youtube" needs the video's id/);
});

test("qr: an inline SVG made at build time, from an argument or the inner text", () => {
  for (const source of ['{{< qr text="https://example.org/" alt="本站地址" />}}', '{{< qr alt="本站地址" >}}\nhttps://example.org/\n{{< /qr >}}']) {
    const svg = page(source).querySelector("svg")!;
    assert.ok(svg, source);
    assert.equal(svg.getAttribute("role"), "img");
    assert.equal(svg.getAttribute("aria-label"), "本站地址");
    assert.ok((svg.querySelector("path")?.getAttribute("d") ?? "").length > 500, "modules drawn");
  }
  assert.match(expand("{{< qr />}}").problems[0].message, /"qr" needs the text to encode/);
});

test("param prints the essay's front matter value; a missing one is an error on its line", () => {
  assert.equal(expand('副标题是 {{< param "subtitle" >}}，作者 {{< param author.name >}}。').body, "副标题是 副标题，作者 林。");
  const { problems } = expand('\n{{< param "nope" >}}');
  assert.deepEqual(problems.map((p) => [p.line, p.message]), [[2, `{{< param "nope" >}}: "nope" is set neither in this essay's front matter nor in the site's params`]]);
});

function source(file: string, body: string, frontMatter = "title: t\ndate: 2024-01-01"): EssaySource {
  const text = `---\n${frontMatter}\n---\n${body}`;
  return { file, dir: "posts", bundle: false, lang: "zh", slug: file.slice(6, -3), translationKey: file, url: `/${file.slice(0, -3)}/`, sectionUrls: [], frontMatter: {} as EssaySource["frontMatter"], body, bodyLine: 5, keyLines: new Map(), source: text };
}

test("param reads the essay's own front matter (and its params), else the site settings", () => {
  const settings = loadSettings(PROJECT);
  const essays = [source("posts/a.md", '{{< param "Subtitle" >}} {{< param "mood" >}} {{< param "author.name" >}}', "title: t\ndate: 2024-01-01\nsubtitle: 小标题\nparams:\n  mood: 晴")];
  assert.deepEqual(applyShortcodes(essays, settings, "posts"), []);
  assert.equal(essays[0].body, `小标题 晴 ${settings.site.author.name}`);
});

test("a site's own shortcode is reported once per kind with every file and line, and a suggested replacement", () => {
  const settings = loadSettings(PROJECT);
  const essays = [
    source("posts/a.md", "{{% notice tip %}}\n提示\n{{% /notice %}}\n\n{{< bilibili BV1 >}}\n\n{{% notice warning %}}\n小心\n{{% /notice %}}"),
    source("posts/b.md", "正文\n{{< notice info >}}注意{{< /notice >}}"),
  ];
  const problems = applyShortcodes(essays, settings, "posts");
  assert.deepEqual(
    problems.map((p) => [p.file, p.line, p.severity, p.rule]),
    [
      ["posts/a.md", 5, "warning", "shortcode"],
      ["posts/a.md", 9, "warning", "shortcode"],
    ],
  );
  assert.equal(problems[0].message, `the site's own Hugo shortcode "notice" (from layouts/shortcodes/) is left as written, used 3 times in 2 files: posts/a.md:5, posts/a.md:11, posts/b.md:6; replace it with a blockquote that starts with a bold label (> **注意** …)`);
  assert.match(problems[1].message, /"bilibili" .*used 1 time in 1 file: posts\/a\.md:9; replace it with a plain link/);
  assert.match(essays[1].body, /\{\{< notice info >\}\}注意\{\{< \/notice >\}\}/, "left as written");
});
