import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { collapsePictures, feedHtml } from "../../lib/images/feed.ts";
import { pictureHtml } from "../../lib/images/html.ts";
import type { OptimizedImage } from "../../lib/images/encode.ts";

const variant = (format: string, width: number) => ({
  format,
  sourceType: `image/${format}`,
  url: `/img/abc-${width}.${format}`,
  srcset: `/img/abc-${width}.${format} ${width}w`,
  width,
  height: (width * 3) / 4,
  name: `abc-${width}.${format}`,
  bytes: width,
});
const photo: OptimizedImage = {
  kind: "picture",
  width: 1280,
  height: 960,
  formats: { avif: [400, 800, 1280].map((w) => variant("avif", w)), webp: [400, 800, 1280].map((w) => variant("webp", w)), jpeg: [400, 800, 1280].map((w) => variant("jpeg", w)) },
  hash: "abc",
  sourceBytes: 1,
  outputBytes: 1,
};

const pageUrl = "https://example.org/blog/posts/%E4%B9%A6/";
const base = { page: pageUrl, siteRoot: "https://example.org/blog/" };

test("feedHtml collapses <picture> to one <img> of the feed width with absolute URLs", () => {
  const html = `<p>看<a href="#fn1">注</a>和<a href="/tags/x/">标签</a>、<a href="map.png">地图</a>、<a href="https://other.example/">外链</a>、<a href="mailto:a@b.c">信</a>。</p>\n${pictureHtml(photo, { alt: "街 & 店", eager: true, original: { title: "傍晚" } })}\n<img src="/img/logo.svg" alt="标志" width="120" height="80" loading="lazy" decoding="async">`;
  const out = feedHtml(html, base);
  const { document } = parseHTML(`<div>${out}</div>`);
  assert.equal(document.querySelectorAll("picture, source").length, 0, "no <picture> or <source> left");
  const imgs = Array.from(document.querySelectorAll("img") as ArrayLike<Element>);
  assert.equal(imgs.length, 2);
  const [img, logo] = imgs;
  assert.equal(img.getAttribute("src"), "https://example.org/blog/img/abc-800.jpeg", "the JPEG fallback at 800 px, absolute, with the path prefix");
  assert.equal(img.getAttribute("width"), "800");
  assert.equal(img.getAttribute("height"), "600", "height scaled with the width");
  assert.equal(img.getAttribute("alt"), "街 & 店");
  assert.equal(img.getAttribute("title"), "傍晚");
  for (const name of ["srcset", "sizes", "loading", "decoding", "fetchpriority"]) {
    assert.equal(img.getAttribute(name), null, name);
    assert.equal(logo.getAttribute(name), null, name);
  }
  assert.equal(logo.getAttribute("src"), "https://example.org/blog/img/logo.svg");
  const hrefs = Array.from(document.querySelectorAll("a") as ArrayLike<Element>).map((a) => a.getAttribute("href"));
  assert.deepEqual(hrefs, [
    `${pageUrl}#fn1`,
    "https://example.org/blog/tags/x/",
    `${pageUrl}map.png`,
    "https://other.example/",
    "mailto:a@b.c",
  ]);
  assert.match(out, /看/, "CJK text stays as characters, not entities");
});

test("collapsePictures leaves HTML without images as it was, without parsing it", () => {
  const html = '<p>纯文字 &amp; <a href="#x">跳</a></p>';
  assert.equal(collapsePictures(html), html);
  assert.equal(feedHtml(html, base), `<p>纯文字 &amp; <a href="${pageUrl}#x">跳</a></p>`);
});
