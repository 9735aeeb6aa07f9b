import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { epubcheck, makeBooks, text, unzipBook, type BookSet } from "./fixture.ts";
import { makeBook } from "../../lib/book/book.ts";
import { bookEssays } from "../../lib/book/select.ts";
import { loadBookModel } from "../../lib/book/site.ts";
import { feedEssays } from "../../lib/feeds/entries.ts";
import { imageStore } from "../../lib/images/encode.ts";

let set: BookSet;
before(async () => {
  set = await makeBooks();
});

const chapters = (files: Map<string, Uint8Array>) => [...files.keys()].filter((name) => /^EPUB\/c\d+\.xhtml$/.test(name)).sort();
const attributes = (xml: string, tag: string, name: string) => [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`, "g"))].map((m) => m[1]);

for (const name of ["zh", "en", "zhVertical", "enVertical"] as const) {
  test(`epubcheck finds no error and no warning in the ${name} book`, async () => {
    const result = await epubcheck(path.join(set.dir, `${name}.epub`));
    assert.deepEqual({ fatals: result.fatals, errors: result.errors, warnings: result.warnings }, { fatals: 0, errors: 0, warnings: 0 }, result.report);
  });
}

test("the zip starts with mimetype, stored, without an extra field", () => {
  const bytes = Buffer.from(set.books.zh.bytes);
  assert.equal(bytes.readUInt32LE(0), 0x04034b50);
  assert.equal(bytes.readUInt16LE(8), 0, "mimetype is stored, not deflated");
  assert.equal(bytes.readUInt16LE(28), 0, "no extra field");
  assert.equal(bytes.subarray(30, 38).toString(), "mimetype");
  assert.equal(bytes.subarray(38, 58).toString(), "application/epub+zip");
});

test("two builds of the same essays are byte-identical, from a fresh model too", async () => {
  const again = await makeBook(set.model, { root: set.root, lang: "zh" });
  assert.ok(Buffer.from(again.bytes).equals(Buffer.from(set.books.zh.bytes)));
  const reloaded = await loadBookModel({ root: set.root, offline: true, log: () => undefined });
  const fresh = await makeBook(reloaded, { root: set.root, lang: "zh" });
  assert.ok(Buffer.from(fresh.bytes).equals(Buffer.from(set.books.zh.bytes)));
});

test("the book holds what the feed holds: no drafts, no feed: false, searchHidden kept", () => {
  const files = (essays: { file: string }[]) => essays.map((e) => e.file).sort();
  const inBook = files(bookEssays(set.model, "zh"));
  assert.deepEqual(inBook, files(feedEssays(set.model, "zh")));
  assert.ok(inBook.includes("posts/search-hidden.md"));
  assert.ok(!inBook.includes("posts/not-in-feeds.md"));
  assert.ok(!inBook.includes("posts/draft-notes.md"));
  assert.ok(!inBook.some((file) => file.startsWith("posts/about")), "standalone pages are not chapters");
});

test("the navigation lists every essay, oldest first, with its headings", () => {
  const files = unzipBook(set.books.zh);
  const nav = text(files, "EPUB/nav.xhtml");
  const toc = nav.slice(nav.indexOf('epub:type="toc"'), nav.indexOf("</nav>"));
  const topLevel = [...toc.matchAll(/<li><a href="(c\d+\.xhtml)">([^<]*)<\/a>/g)].map((m) => m[2]);
  const essays = bookEssays(set.model, "zh");
  assert.deepEqual(topLevel, essays.map((e) => e.title));
  assert.ok(essays[0].date < essays[essays.length - 1].date);
  assert.match(toc, /c\d+\.xhtml#链接不等于拥有">链接不等于拥有</);
  const ncx = text(files, "EPUB/toc.ncx");
  for (const title of topLevel) assert.ok(ncx.includes(`<text>${title}</text>`), `NCX lists ${title}`);
});

test("links between essays stay inside the book; fragments resolve; outside links stay absolute", () => {
  const files = unzipBook(set.books.zh);
  const documents = [...files.keys()].filter((name) => name.endsWith(".xhtml"));
  const ids = new Map(documents.map((name) => [name.slice(5), new Set(attributes(text(files, name), "[a-z0-9]+", "id"))]));
  let internal = 0;
  for (const name of [...chapters(files), "EPUB/nav.xhtml"]) {
    for (const href of attributes(text(files, name), "a", "href")) {
      if (/^(https?|mailto):/.test(href)) continue;
      const [file, fragment] = href.split("#");
      const target = file || name.slice(5);
      assert.ok(files.has(`EPUB/${target}`), `${name}: ${href} points at a file in the book`);
      if (fragment) assert.ok(ids.get(target)?.has(fragment), `${name}: ${href} points at an id that exists`);
      if (file && file !== name.slice(5)) internal++;
    }
  }
  assert.ok(internal >= 2, "the sample essays link to one another");
  const maths = text(files, chapters(files).find((c) => text(files, c).includes("公式、图形"))!);
  assert.match(maths, /href="c\d+\.xhtml#链接不等于拥有"/);
  assert.match(maths, /href="#id-2025-回顾"/);
  assert.match(maths, /id="id-2025-回顾"/);
  assert.match(maths, /href="https:\/\/example\.com\/essay"/);
});

test("footnotes are pop-up notes: a noteref to an aside footnote in the same chapter", () => {
  const files = unzipBook(set.books.en);
  let notes = 0;
  for (const name of chapters(files)) {
    const xml = text(files, name);
    for (const [, href] of xml.matchAll(/<a href="#([^"]+)"[^>]*epub:type="noteref"/g)) {
      notes++;
      assert.match(xml, new RegExp(`<aside epub:type="footnote" id="${href}">`), `${name}: note ${href}`);
    }
  }
  assert.ok(notes >= 1);
});

test("every image is embedded from the cache, under 1600 px, and in the manifest with its media type", async () => {
  const files = unzipBook(set.books.zh);
  const opf = text(files, "EPUB/package.opf");
  const manifest = new Map([...opf.matchAll(/<item id="[^"]+" href="([^"]+)" media-type="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const used = chapters(files).flatMap((name) => attributes(text(files, name), "img", "src"));
  assert.ok(used.length >= 2);
  const store = imageStore(set.root).files;
  for (const src of used) {
    const type = manifest.get(src);
    assert.ok(type, `${src} is in the manifest`);
    assert.equal(type, src.endsWith(".png") ? "image/png" : "image/jpeg");
    const bytes = files.get(`EPUB/${src}`)!;
    assert.ok(Buffer.from(bytes).equals(await readFile(path.join(store, path.basename(src)))), `${src} is the cached file, not re-encoded`);
    assert.ok((await sharp(bytes).metadata()).width! <= 1600);
  }
  for (const [href, type] of manifest) if (type.startsWith("image/")) assert.ok(files.has(`EPUB/${href}`), `${href} is in the zip`);
});

test("a remote image that cannot be had becomes a placeholder; MathML and SVG pass through", () => {
  const files = unzipBook(set.books.zh);
  const name = chapters(files).find((c) => text(files, c).includes("公式、图形"))!;
  const xml = text(files, name);
  // The site's own placeholder (the image stage makes it), carried into the book: the alt text and a link to the original.
  assert.match(xml, /<span class="image-missing"><span class="image-missing-label">图片：一张已经下载不到的图<\/span> <a href="http:\/\/127\.0\.0\.1:9\/gone\.png"[^>]*>查看原图<\/a><\/span>/);
  assert.doesNotMatch(xml, /<img[^>]*127\.0\.0\.1/, "no image is loaded from the remote address");
  assert.match(xml, /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"><mi>E<\/mi>/);
  assert.match(xml, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 40 20"/);
  assert.match(text(files, "EPUB/package.opf"), new RegExp(`href="${name.slice(5)}" media-type="application/xhtml\\+xml" properties="mathml svg"`));
});

test("metadata: language, stable identifier, modified date, vertical writing only for Chinese", () => {
  const opf = (book: keyof BookSet["books"]) => text(unzipBook(set.books[book]), "EPUB/package.opf");
  assert.match(opf("zh"), /<dc:language>zh-CN<\/dc:language>/);
  assert.match(opf("en"), /<dc:language>en<\/dc:language>/);
  const id = (xml: string) => /<dc:identifier id="book-id">(urn:uuid:[0-9a-f-]{36})</.exec(xml)?.[1];
  assert.ok(id(opf("zh")));
  assert.equal(id(opf("zh")), id(opf("zhVertical")));
  assert.notEqual(id(opf("zh")), id(opf("en")));
  assert.match(opf("zh"), /<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/meta>/);
  assert.match(opf("zhVertical"), /<spine toc="ncx" page-progression-direction="rtl">/);
  assert.doesNotMatch(opf("zh"), /page-progression-direction/);
  assert.doesNotMatch(opf("enVertical"), /page-progression-direction/);
  assert.match(text(unzipBook(set.books.zhVertical), "EPUB/book.css"), /writing-mode: vertical-rl/);
  assert.doesNotMatch(text(unzipBook(set.books.zh), "EPUB/book.css"), /vertical-rl/);
});
