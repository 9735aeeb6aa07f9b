import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFile, stat } from "node:fs/promises";
import path from "node:path";
import { buildFixture } from "../helpers/site.ts";
import { formatSize } from "../../lib/book/download.ts";

test("book.download: the build publishes each language's EPUB and links it from home, about and subscribe, in the page's language", async () => {
  const site = await buildFixture({ samplePosts: true, site: { book: { download: true } } });
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  for (const [lang, home, about, locale, subscribe] of [["zh", "/", "/about/", "zh-CN", "/subscribe/"], ["en", "/en/", "/en/about/", "en", "/en/subscribe/"]] as const) {
    const file = path.join(site.output, "books", `wenji.example.org-${lang}.epub`);
    const bytes = (await stat(file)).size;
    for (const url of [home, about, subscribe]) {
      const page = await site.page(url);
      const link = page.querySelector(".book-download a");
      assert.ok(link, `${url} links the book`);
      assert.equal(link.getAttribute("href"), `/books/wenji.example.org-${lang}.epub`);
      assert.equal(link.getAttribute("type"), "application/epub+zip");
      const note = page.querySelector(".book-download-note")!.textContent!;
      assert.ok(note.includes(formatSize(bytes, locale)), `${url}: "${note}" gives the size`);
      assert.match(note, lang === "zh" ? /EPUB，.*KB，2026年4月12日更新/ : /EPUB, .*KB, updated April 12, 2026/);
    }
  }
  assert.equal((await site.page("/archives/")).querySelector(".book-download"), null);
});

test("without book.download the build makes no book and links none", async () => {
  const site = await buildFixture({ samplePosts: true });
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  assert.equal(site.exists("/books/wenji.example.org-zh.epub"), false);
  assert.equal((await site.page("/")).querySelector(".book-download"), null);
});

test("an incremental build after an edit shows the new size on the about page, which it would otherwise reuse", async () => {
  const site = await buildFixture({ samplePosts: true, site: { book: { download: true } } });
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  const note = async () => (await site.page("/about/")).querySelector(".book-download-note")!.textContent!;
  const before = await note();
  await appendFile(path.join(site.root, "posts", "kaiyuan-de-jiyi.md"), `\n${"多写一段，让电子书变大。".repeat(400)}\n`);
  const again = await site.rebuild();
  assert.ok(again.ok, again.lines.join("\n"));
  const bytes = (await stat(path.join(site.output, "books", "wenji.example.org-zh.epub"))).size;
  assert.notEqual(await note(), before);
  assert.ok((await note()).includes(formatSize(bytes, "zh-CN")));
});
