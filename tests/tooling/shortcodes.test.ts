import { test } from "node:test";
import assert from "node:assert/strict";
import { expandShortcodes } from "../../lib/markdown/shortcodes.ts";
import { createMarkdown, renderMarkdown } from "../../lib/markdown/render.ts";

const noRefs = { resolveRef: () => undefined };

test("shortcodes keep the line count, so later lines are still file lines", () => {
  const body = ['{{< figure src="a.png"', '    alt="甲" caption="乙" >}}', "", "[链接](/posts/x/)", "", "{{< highlight js >}}", "let a = 1;", "{{< /highlight >}}", "", "[再一个](/posts/y/)"].join("\n");
  const { body: out, problems } = expandShortcodes(body, 5, "zh", noRefs);
  assert.deepEqual(problems, []);
  assert.equal(out.split("\n").length, body.split("\n").length);
  const rendered = renderMarkdown(createMarkdown(), out, { anchorLabel: "#", lineOffset: 4 });
  assert.deepEqual(rendered.links.map((l) => [l.href, l.line]), [["/posts/x/", 8], ["/posts/y/", 14]]);
  assert.deepEqual(rendered.images.map((i) => [i.src, i.alt, i.line]), [["a.png", "甲", 5]]);
  assert.match(rendered.html, /<figure><img src="a.png" alt="甲" loading="lazy"><figcaption>乙<\/figcaption><\/figure>/);
  assert.match(rendered.html, /<div class="code-block" data-lang="js"><pre tabindex="0"><code class="language-js">/);
});

test("Hugo's comment escape writes a shortcode literally; unknown and unreadable ones are problems with file lines", () => {
  const { body, problems } = expandShortcodes('写法是 `{{</* figure src="x" */>}}`。\n\n{{< notice 1 >}}\n{{< ref >}}', 10, "zh", noRefs);
  assert.match(body, /`\{\{< figure src="x" >\}\}`/);
  assert.deepEqual(problems.map((p) => p.line), [12, 13]);
  assert.match(problems[0].message, /unknown Hugo shortcode "notice"/);
  assert.match(problems[1].message, /"ref" needs the essay it links to/);
});

test("a figure without alt renders an img without alt, which the image records show as empty", () => {
  const { body } = expandShortcodes('{{< figure src="/assets/x.png" title="T" link="/big.png" >}}', 1, "zh", noRefs);
  assert.equal(body, '<figure><a href="/big.png"><img src="/assets/x.png" loading="lazy"></a><figcaption><strong>T</strong></figcaption></figure>');
  const rendered = renderMarkdown(createMarkdown(), body, { anchorLabel: "#" });
  assert.deepEqual(rendered.images.map((i) => [i.src, i.alt]), [["/assets/x.png", ""]]);
});
