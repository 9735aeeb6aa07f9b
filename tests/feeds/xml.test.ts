import { test } from "node:test";
import assert from "node:assert/strict";
import { element, stripControlCharacters, xmlAttr, xmlText } from "../../lib/feeds/xml.ts";
import { absoluteHtml } from "../../lib/feeds/absolute-html.ts";

test("characters XML cannot hold are dropped; tabs, newlines, Chinese and emoji are kept", () => {
  assert.equal(stripControlCharacters("a\u0000b\u0007c\u001Fd\u007Fe\uFFFEf"), "abcdef");
  assert.equal(stripControlCharacters("lone \uD83D high, lone \uDE00 low, pair 😀"), "lone  high, lone  low, pair 😀");
  assert.equal(stripControlCharacters("tab\tline\nreturn\r 中文"), "tab\tline\nreturn\r 中文");
});

test("text and attributes are escaped for their context, and ]]> never survives", () => {
  assert.equal(xmlText(`a & b < c > d ]]> "q" 'q'`), `a &amp; b &lt; c &gt; d ]]&gt; "q" 'q'`);
  assert.equal(xmlAttr(`"><img onerror=alert(1)>\tx\ny`), `&quot;&gt;&lt;img onerror=alert(1)&gt;&#9;x&#10;y`);
  assert.equal(xmlText("&amp;"), "&amp;amp;", "a literal entity in text stays literal");
  assert.equal(element("category", { term: "<tag>", label: undefined }), `<category term="&lt;tag&gt;"/>`);
  assert.equal(element("title", { type: "text" }, "A & B\u0001"), `<title type="text">A &amp; B</title>`);
});

test("feed HTML: every URL absolute (relative, root-relative under the prefix, fragments, srcset), anchors and comments dropped", () => {
  const html = absoluteHtml(
    `<h2 id="x">Heading <a class="heading-anchor" href="#x">#</a></h2><p><a href="../b/">b</a> <a href="/c/">c</a> <a href="#fn1">1</a> <a href="mailto:a@b.c">m</a> <a href="https://o.example/?a=1&amp;b=2">o</a></p><img src="p.png" srcset="p.png 1x, /q.png 2x"><!-- note ]]> --><script>x()</script><video src="v.mp4" poster="v.jpg"></video>`,
    { page: "https://h.example/blog/posts/a/", siteRoot: "https://h.example/blog/" },
  );
  assert.equal(
    html,
    `<h2 id="x">Heading</h2><p><a href="https://h.example/blog/posts/b/">b</a> <a href="https://h.example/blog/c/">c</a> <a href="https://h.example/blog/posts/a/#fn1">1</a> <a href="mailto:a@b.c">m</a> <a href="https://o.example/?a=1&amp;b=2">o</a></p><img src="https://h.example/blog/posts/a/p.png" srcset="https://h.example/blog/posts/a/p.png 1x, https://h.example/blog/q.png 2x"><video src="https://h.example/blog/posts/a/v.mp4" poster="https://h.example/blog/posts/a/v.jpg"></video>`,
  );
});
