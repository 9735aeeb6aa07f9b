import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { buildFixture, PROJECT, type Fixture } from "../helpers/site.ts";

const TOC_ESSAY = `---
title: 标题测试
date: 2025-03-01T10:00:00+08:00
showToc: true
---

## 开源商业化的困境

正文一。

## 开源商业化的困境

正文二。

## KubeSphere 的 2021 年

### Q&A：为什么？

#### 更深一层

## ？！

结尾。
`;

let site: Fixture;
before(async () => {
  site = await buildFixture({
    samplePosts: true,
    posts: {
      "toc-test.md": TOC_ESSAY,
      "toc-deep.md": TOC_ESSAY.replace("showToc: true", "showToc: true\ntocLevels: [2, 4]").replace("标题测试", "深目录"),
      "no-headings.md": `---\ntitle: 无标题\ndate: 2025-03-02\nShowToc: true\n---\n\n只有正文。\n`,
    },
  });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
});

async function htmlPages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.join(e.parentPath ?? (e as { path: string }).path, e.name));
}

function flatValues(strings: unknown): string[] {
  if (typeof strings === "string") return [strings];
  return Object.values(strings as object).flatMap(flatValues);
}

test("a zh + en pair: each page's switcher links to the other", async () => {
  const zh = await site.page("/posts/why-we-keep-copies/");
  const en = await site.page("/en/posts/why-we-keep-copies/");
  assert.equal(zh.querySelector("a.lang-switch")?.getAttribute("href"), "/en/posts/why-we-keep-copies/");
  assert.equal(en.querySelector("a.lang-switch")?.getAttribute("href"), "/posts/why-we-keep-copies/");
  const bundleEn = await site.page("/en/posts/bookshop-road/");
  assert.equal(bundleEn.querySelector("a.lang-switch")?.getAttribute("href"), "/posts/bookshop-road/");
});

test("a zh-only essay's switcher leads to the English home page with a note in the reader's language, under the meta, not in the header", async () => {
  const doc = await site.page("/posts/zai-mac-shang-xiezuo/");
  assert.equal(doc.querySelector("a.lang-switch")?.getAttribute("href"), "/en/");
  const note = doc.querySelector(".no-translation a");
  assert.equal(note?.getAttribute("href"), "/en/");
  assert.equal(note!.textContent, "本文暂无英文版本，前往英文首页");
  assert.equal(doc.querySelector(".site-header .no-translation"), null);
  assert.ok(doc.querySelector(".essay-header .no-translation"));
  assert.equal(doc.querySelector("a.lang-switch")?.getAttribute("title"), "本文暂无英文版本，前往英文首页");
});

test("list pages switch to their counterpart in the other language", async () => {
  assert.equal((await site.page("/")).querySelector("a.lang-switch")?.getAttribute("href"), "/en/");
  assert.equal((await site.page("/archives/")).querySelector("a.lang-switch")?.getAttribute("href"), "/en/archives/");
  assert.equal((await site.page("/en/tags/")).querySelector("a.lang-switch")?.getAttribute("href"), "/tags/");
  const tag = await site.page("/tags/durability/");
  assert.equal(tag.querySelector("a.lang-switch")?.getAttribute("href"), "/en/tags/durability/");
  assert.equal(tag.querySelector(".term-other-language a")?.textContent, "查看英文的同名标签", "the language named in the page's language");
  assert.equal(tag.querySelector(".term-other-language a")?.getAttribute("href"), "/en/tags/durability/");
});

test("each language has its own lists with only its essays", async () => {
  const en = await site.page("/en/");
  const hrefs = [...en.querySelectorAll(".entry-title a")].map((a) => a.getAttribute("href")!);
  assert.ok(hrefs.length >= 2);
  for (const href of hrefs) assert.match(href, /^\/en\/posts\//);
  const zh = await site.page("/archives/");
  for (const a of zh.querySelectorAll(".archive-list a")) assert.match(a.getAttribute("href")!, /^\/posts\//);
});

test("every page has <html lang>, hreflang alternates for existing translations and x-default", async () => {
  const pages = await htmlPages(site.output);
  assert.ok(pages.length > 20);
  for (const file of pages) {
    const rel = path.relative(site.output, file);
    const doc = parseHTML(await readFile(file, "utf8")).document;
    const lang = doc.documentElement.getAttribute("lang");
    assert.equal(lang, rel.startsWith("en/") ? "en" : "zh-CN", rel);
    if (doc.querySelector('meta[http-equiv="refresh"]') || rel.endsWith("404.html")) continue;
    const alternates = [...doc.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => l.getAttribute("hreflang"));
    assert.ok(alternates.includes(lang!), `${rel} lists itself`);
    assert.equal(alternates.filter((h) => h === "x-default").length, 1, `${rel} has one x-default`);
  }
  const pair = await site.page("/en/posts/why-we-keep-copies/");
  const links = Object.fromEntries([...pair.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.getAttribute("hreflang"), l.getAttribute("href")]));
  assert.deepEqual(links, {
    "zh-CN": "https://wenji.example.org/posts/why-we-keep-copies/",
    en: "https://wenji.example.org/en/posts/why-we-keep-copies/",
    "x-default": "https://wenji.example.org/posts/why-we-keep-copies/",
  });
  const zhOnly = await site.page("/posts/zai-mac-shang-xiezuo/");
  assert.equal(zhOnly.querySelectorAll('link[rel="alternate"][hreflang]').length, 2, "itself and x-default only");
});

test("no UI string of the other language appears on a page (walks every page against the strings files)", async () => {
  const strings = {
    zh: flatValues(JSON.parse(await readFile(path.join(PROJECT, "_data/i18n/zh.json"), "utf8"))),
    en: flatValues(JSON.parse(await readFile(path.join(PROJECT, "_data/i18n/en.json"), "utf8"))),
  };
  const fixed = (s: string) => s.split(/\{\w+\}/).map((part) => part.trim()).filter((part) => part.length >= 2);
  for (const file of await htmlPages(site.output)) {
    const rel = path.relative(site.output, file);
    const lang = rel.startsWith("en/") ? "en" : "zh";
    const other = lang === "en" ? "zh" : "en";
    const doc = parseHTML(await readFile(file, "utf8")).document;
    // Author content (essay bodies, titles, summaries, term names) is not UI.
    for (const el of doc.querySelectorAll(".essay-body, .essay-title, .essay-description, .entry-title, .entry-summary, .essay-tags, .term-cloud a, .categories, .tag, .archive-list a, .post-nav a, .page-title, title, [lang]:not(html)")) el.remove();
    const chrome = [doc.body.textContent ?? "", ...[...doc.querySelectorAll("[aria-label], [title], [data-copied]")].flatMap((el) => [el.getAttribute("aria-label"), el.getAttribute("title"), el.getAttribute("data-copied")])].join("\n");
    const own = new Set(strings[lang].flatMap(fixed));
    for (const value of strings[other].flatMap(fixed)) {
      if (own.has(value)) continue;
      assert.ok(!chrome.includes(value), `${rel} (${lang}) contains the ${other} UI string "${value}"`);
    }
  }
});

test("TOC: unique, non-empty Chinese ids and every TOC link resolves to an element on the page", async () => {
  const doc = await site.page("/posts/toc-test/");
  const links = [...doc.querySelectorAll(".toc a")];
  assert.equal(links.length, 5, "h2–h3 by default");
  const ids = links.map((a) => decodeURIComponent(a.getAttribute("href")!.slice(1)));
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) {
    assert.ok(id.length > 0);
    assert.ok(doc.getElementById(id), `#${id} resolves`);
  }
  assert.ok(ids.includes("开源商业化的困境") && ids.includes("开源商业化的困境-1"));
});

test("TOC levels follow site and per-essay configuration; no headings means no TOC", async () => {
  assert.equal((await site.page("/posts/toc-deep/")).querySelectorAll(".toc a").length, 6, "tocLevels [2, 4] adds the h4");
  assert.equal((await site.page("/posts/no-headings/")).querySelector(".toc"), null);
  const narrow = await buildFixture({ site: { toc: { levels: [2, 2] } }, posts: { "toc-test.md": TOC_ESSAY } });
  assert.equal((await narrow.page("/posts/toc-test/")).querySelectorAll(".toc a").length, 4, "site setting h2 only");
});

test("TocOpen opens the TOC", async () => {
  const open = await buildFixture({ posts: { "a.md": TOC_ESSAY.replace("showToc: true", "showToc: true\ntocopen: true") } });
  assert.equal((await open.page("/posts/a/")).querySelector("details.toc")?.hasAttribute("open"), true);
  assert.equal((await site.page("/posts/toc-test/")).querySelector("details.toc")?.hasAttribute("open"), false);
});

test("mixed text: an English essay quoting Chinese counts both", async () => {
  const mixed = await buildFixture({ posts: { "m.en.md": `---\ntitle: Mixed\ndate: 2025-01-01\n---\n\n${"The phrase 开源软件 means open source software. ".repeat(40)}\n` } });
  const doc = await mixed.page("/en/posts/m/");
  // 40 × (4 Han + 6 words) = 160 Han + 240 words → 160/350 + 240/220 = 1.55 → 2 minutes.
  assert.equal(doc.querySelector(".reading-time")?.textContent, "2 min read");
  assert.equal(doc.querySelector(".word-count")?.textContent, "400 words");
});

test("a missing UI string fails the build naming the key and the language", async () => {
  const zh = JSON.parse(await readFile(path.join(PROJECT, "_data/i18n/zh.json"), "utf8"));
  delete zh.subscribe;
  const broken = await buildFixture({ files: { "_data/i18n/zh.json": JSON.stringify(zh) }, posts: { "a.md": `---\ntitle: A\ndate: 2025-01-01\n---\nx` } });
  assert.equal(broken.result.ok, false);
  assert.ok(broken.result.lines.some((l) => l.includes('missing string "subscribe" for language "zh"')), broken.result.lines.join("\n"));
});
