import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { DOMParser } from "linkedom";
import { buildFixture, type Fixture } from "../helpers/site.ts";
import { xmllintErrors } from "../feeds/readers.ts";
import { TINY_JPEG } from "../helpers/tiny-images.ts";

const ORIGIN = "https://wenji.example.org";

const essay = (front: string, body = "Some text for the essay.\n") => `---\n${front.trim()}\n---\n\n${body}`;

const POSTS: Record<string, string | Uint8Array> = {
  "paired.md": essay(`title: 成对的文章\ndate: 2025-05-01T08:00:00+08:00\nlastmod: 2025-05-09T08:00:00+08:00\ndescription: 一篇有英文版的文章\ntags: [开源, 写作]\nkeywords: [副本]`),
  "paired.en.md": essay(`title: The paired essay\ndate: 2025-05-01T08:00:00+08:00\ntags: [open source]`),
  "solo.md": essay(`title: 只有中文\ndate: 2025-04-01T08:00:00+08:00\naliases: [/old/solo/]`),
  "noindex.md": essay(`title: 不要收录\ndate: 2025-03-01T08:00:00+08:00\nrobotsNoIndex: true`),
  "hidden.md": essay(`title: 不进搜索\ndate: 2025-02-01T08:00:00+08:00\nsearchHidden: true`),
  "elsewhere.md": essay(`title: 转载\ndate: 2025-01-01T08:00:00+08:00\ncanonicalURL: https://elsewhere.example.com/original/`),
  "draft.md": essay(`title: 草稿\ndate: 2025-01-02T08:00:00+08:00\ndraft: true`),
  "cover/index.md": essay(`title: 有封面\ndate: 2024-12-01T08:00:00+08:00\ncover: {image: street.jpg, alt: 街景}`),
  "cover/street.jpg": TINY_JPEG,
};

let site: Fixture;
before(async () => {
  site = await buildFixture({ posts: POSTS });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
});

interface SitemapEntry {
  loc: string;
  lastmod?: string;
  alternates: Record<string, string>;
}

async function sitemap(): Promise<Map<string, SitemapEntry>> {
  const xml = await site.read("/sitemap.xml");
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const entries = new Map<string, SitemapEntry>();
  for (const url of doc.getElementsByTagName("url")) {
    const loc = url.getElementsByTagName("loc")[0].textContent!;
    const alternates: Record<string, string> = {};
    for (const link of url.getElementsByTagName("xhtml:link")) alternates[link.getAttribute("hreflang")!] = link.getAttribute("href")!;
    entries.set(loc, { loc, lastmod: url.getElementsByTagName("lastmod")[0]?.textContent ?? undefined, alternates });
  }
  return entries;
}

async function htmlPages(): Promise<string[]> {
  const files = await readdir(site.output, { recursive: true });
  return files.filter((f) => f.endsWith(".html")).map((f) => "/" + f.replace(/index\.html$/, ""));
}

test("the sitemap lists exactly the published pages a search engine may index", async () => {
  const listed = await sitemap();
  const expected = new Set<string>();
  for (const url of await htmlPages()) {
    const doc = await site.page(url);
    const robots = doc.querySelector('meta[name="robots"]')?.getAttribute("content") ?? "";
    const refresh = doc.querySelector('meta[http-equiv="refresh"]');
    const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute("href");
    const own = ORIGIN + encodeURI(url);
    if (robots.includes("noindex") || refresh || canonical !== own || url === "/posts/hidden/") continue;
    expected.add(own);
  }
  assert.deepEqual([...listed.keys()].sort(), [...expected].sort());
  // The rules above, essay by essay.
  for (const url of ["/posts/paired/", "/en/posts/paired/", "/posts/solo/", "/posts/cover/", "/", "/en/", "/archives/", "/tags/", `/tags/${encodeURI("开源")}/`]) {
    assert.ok(listed.has(ORIGIN + url), `${url} is listed`);
  }
  for (const url of ["/posts/noindex/", "/posts/hidden/", "/posts/elsewhere/", "/posts/draft/", "/old/solo/", "/404.html", "/en/404.html"]) {
    assert.equal(listed.has(ORIGIN + url), false, `${url} is not listed`);
  }
  assert.equal(site.exists("/posts/hidden/"), true, "a search-hidden essay is still published");
  assert.equal(listed.get(`${ORIGIN}/posts/paired/`)?.lastmod, "2025-05-09T08:00:00+08:00");
});

test("each sitemap entry carries its translations, x-default included, and only those", async () => {
  const listed = await sitemap();
  const pair = { "zh-CN": `${ORIGIN}/posts/paired/`, en: `${ORIGIN}/en/posts/paired/`, "x-default": `${ORIGIN}/posts/paired/` };
  assert.deepEqual(listed.get(`${ORIGIN}/posts/paired/`)?.alternates, pair);
  assert.deepEqual(listed.get(`${ORIGIN}/en/posts/paired/`)?.alternates, pair);
  assert.deepEqual(listed.get(`${ORIGIN}/posts/solo/`)?.alternates, {}, "no translation, no hreflang");
  assert.deepEqual(listed.get(`${ORIGIN}/en/`)?.alternates, { "zh-CN": `${ORIGIN}/`, en: `${ORIGIN}/en/`, "x-default": `${ORIGIN}/` });
  // Every alternate is itself listed and names the page back.
  for (const entry of listed.values()) {
    for (const href of Object.values(entry.alternates)) {
      assert.ok(listed.has(href), `${entry.loc} → ${href} is listed`);
      assert.ok(Object.values(listed.get(href)!.alternates).includes(entry.loc), `${href} names ${entry.loc} back`);
    }
  }
  assert.equal(await xmllintErrors(path.join(site.output, "sitemap.xml")), "");
});

test("robots.txt points at the sitemap", async () => {
  const robots = await site.read("/robots.txt");
  assert.match(robots, /^User-agent: \*$/m);
  assert.match(robots, new RegExp(`^Sitemap: ${ORIGIN}/sitemap.xml$`, "m"));
});

const meta = (doc: Document, key: string) =>
  Array.from(doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)).map((m) => m.getAttribute("content"));

test("an essay's head has canonical, description, OpenGraph, Twitter card and a BlogPosting without the body", async () => {
  const doc = await site.page("/posts/paired/");
  assert.equal(doc.querySelector('link[rel="canonical"]')?.getAttribute("href"), `${ORIGIN}/posts/paired/`);
  assert.deepEqual(meta(doc, "description"), ["一篇有英文版的文章"]);
  assert.deepEqual(meta(doc, "og:type"), ["article"]);
  assert.deepEqual(meta(doc, "og:title"), ["成对的文章"]);
  assert.deepEqual(meta(doc, "og:url"), [`${ORIGIN}/posts/paired/`]);
  assert.deepEqual(meta(doc, "og:locale"), ["zh_CN"]);
  assert.deepEqual(meta(doc, "og:locale:alternate"), ["en"]);
  assert.deepEqual(meta(doc, "article:published_time"), ["2025-05-01T08:00:00+08:00"]);
  assert.deepEqual(meta(doc, "article:modified_time"), ["2025-05-09T08:00:00+08:00"]);
  assert.deepEqual(meta(doc, "article:tag").sort(), ["开源", "写作"].sort());
  assert.deepEqual(meta(doc, "twitter:card"), ["summary"]);
  assert.deepEqual(meta(doc, "twitter:title"), ["成对的文章"]);
  const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!);
  assert.equal(ld["@type"], "BlogPosting");
  assert.equal(ld.headline, "成对的文章");
  assert.equal(ld.datePublished, "2025-05-01T08:00:00+08:00");
  assert.equal(ld.dateModified, "2025-05-09T08:00:00+08:00");
  assert.equal(ld.inLanguage, "zh-CN");
  assert.equal(ld.url, `${ORIGIN}/posts/paired/`);
  assert.deepEqual(ld.author, [{ "@type": "Person", name: "Lin Qiao" }]);
  assert.deepEqual(ld.keywords.split(", ").sort(), ["开源", "写作", "副本"].sort(), "tags and keywords");
  assert.equal("articleBody" in ld, false);
  assert.equal(JSON.stringify(ld).includes("Some text for the essay"), false, "the body stays out of JSON-LD");

  const en = await site.page("/en/posts/paired/");
  assert.deepEqual(meta(en, "og:locale"), ["en"]);
  assert.deepEqual(meta(en, "og:locale:alternate"), ["zh_CN"]);
});

test("the cover is the preview image, absolute, with a large card", async () => {
  const doc = await site.page("/posts/cover/");
  const social = new RegExp(`^${ORIGIN}/img/[^/]+-og\\.jpg$`);
  assert.match(meta(doc, "og:image")[0] ?? "", social, "the image pipeline's 1200x630 social image");
  assert.deepEqual(meta(doc, "og:image:alt"), ["街景"]);
  assert.deepEqual(meta(doc, "twitter:card"), ["summary_large_image"]);
  const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!);
  assert.match(ld.image[0], social);
});

test("canonicalURL, robotsNoIndex and the kinds of pages are honoured in the head", async () => {
  const elsewhere = await site.page("/posts/elsewhere/");
  assert.equal(elsewhere.querySelector('link[rel="canonical"]')?.getAttribute("href"), "https://elsewhere.example.com/original/");
  assert.deepEqual(meta(elsewhere, "og:url"), ["https://elsewhere.example.com/original/"]);
  const noindex = await site.page("/posts/noindex/");
  assert.deepEqual(meta(noindex, "robots"), ["noindex"]);
  assert.deepEqual(meta(await site.page("/posts/paired/"), "robots"), []);
  const home = await site.page("/");
  assert.deepEqual(meta(home, "og:type"), ["website"]);
  assert.deepEqual(meta(home, "og:image"), [`${ORIGIN}/assets/icon-512.png`]);
  assert.equal(home.querySelector('script[type="application/ld+json"]'), null);
  const redirect = await site.page("/old/solo/");
  assert.deepEqual(meta(redirect, "robots"), ["noindex"]);
  assert.deepEqual(meta(redirect, "og:type"), ["website"], "a redirect is not the article");
});
