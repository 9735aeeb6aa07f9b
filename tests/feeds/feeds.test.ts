import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, readdir } from "node:fs/promises";
import path from "node:path";
import { buildFixture, PROJECT, type Fixture } from "../helpers/site.ts";
import { buildHostileSite, EXPECTED_FEEDS, FEED_LIMIT, POSTS } from "./hostile-site.ts";
import { readWithFeedparser, readWithNewsboat, xmllintErrors, urlsIn } from "./readers.ts";

const ORIGIN = "https://wenji.example.org";
const FEEDS = { zh: { rss: "/feed.xml", atom: "/atom.xml", json: "/feed.json" }, en: { rss: "/en/feed.xml", atom: "/en/atom.xml", json: "/en/feed.json" } };
const LANGS = ["zh", "en"] as const;

let site: Fixture;
before(async () => {
  site = await buildHostileSite();
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
});

const file = (url: string) => path.join(site.output, url);
const tagId = (day: string, lang: string, key: string) => `tag:wenji.example.org,${day}:${lang}/${key}`;
const EXPECTED_IDS = {
  zh: [tagId("2025-06-06", "zh", "hostile"), tagId("2025-06-05", "zh", "why"), tagId("2025-06-04", "zh", "bookshop"), tagId("2025-06-03", "zh", "%E7%AC%AC%E4%B8%89%E7%AF%87")],
  en: [tagId("2025-06-05", "en", "why"), tagId("2025-06-04", "en", "bookshop")],
};

function assertAbsolute(html: string, where: string): void {
  const urls = urlsIn(html);
  assert.ok(urls.length > 0 || !html.includes("<a "), `${where}: found no URLs to check in ${html.slice(0, 200)}`);
  for (const url of urls) assert.match(url, /^(https:\/\/|mailto:)/, `${where}: relative URL ${url}`);
}

test("feedparser reads every RSS and Atom feed without bozo, with the titles, links and ids as written", async () => {
  for (const lang of LANGS) {
    for (const format of ["rss", "atom"] as const) {
      const where = `${lang} ${format}`;
      const result = await readWithFeedparser(file(FEEDS[lang][format]));
      assert.equal(result.bozo, false, `${where}: ${result.bozoException}`);
      assert.equal(result.version, format === "rss" ? "rss20" : "atom10", where);
      assert.deepEqual(result.entries.map((e) => e.title), EXPECTED_FEEDS[lang].map((e) => e.title), where);
      assert.deepEqual(result.entries.map((e) => e.link), EXPECTED_FEEDS[lang].map((e) => ORIGIN + encodeURI(e.path)), where);
      assert.deepEqual(result.entries.map((e) => e.id), EXPECTED_IDS[lang], where);
      for (const id of EXPECTED_IDS[lang]) assert.ok(URL.canParse(id), `${id} parses as a URL`);
      for (const entry of result.entries) {
        assert.ok(entry.content.length > 0, `${where}: ${entry.title} has no content`);
        assertAbsolute(entry.content, `${where} ${entry.title}`);
      }
    }
  }
});

test("newsboat imports every RSS and Atom feed into its cache with the same titles, links, ids and count", async () => {
  for (const lang of LANGS) {
    for (const format of ["rss", "atom"] as const) {
      const where = `${lang} ${format}`;
      const items = await readWithNewsboat(file(FEEDS[lang][format]));
      assert.deepEqual(items.map((e) => e.title), EXPECTED_FEEDS[lang].map((e) => e.title), where);
      assert.deepEqual(items.map((e) => e.link), EXPECTED_FEEDS[lang].map((e) => ORIGIN + encodeURI(e.path)), where);
      assert.deepEqual(items.map((e) => e.id), EXPECTED_IDS[lang], where);
    }
  }
});

test("the hostile essay's full content reaches readers absolute, escaped once, without control characters", async () => {
  const rss = await readWithFeedparser(file("/feed.xml"));
  const hostile = rss.entries[0];
  assert.ok(hostile.content.includes("Ampersands &amp; angle brackets &lt; &gt; and a CDATA end ]]&gt;"), hostile.content.slice(0, 300));
  assert.ok(hostile.content.includes('href="https://wenji.example.org/posts/why/"'), "relative link resolved against the essay");
  assert.ok(hostile.content.includes('href="https://wenji.example.org/about/"'), "root link resolved against the site");
  assert.ok(hostile.content.includes('href="https://wenji.example.org/posts/hostile/#notes"'), "fragment link resolved");
  assert.match(hostile.content, /src="https:\/\/wenji\.example\.org\/img\/[^"]+\.png"/, "image optimized by the pipeline and made absolute");
  for (const raw of ["/feed.xml", "/atom.xml", "/feed.json"]) {
    const text = await readFile(file(raw), "utf8");
    assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, `${raw} carries a control character`);
    assert.doesNotMatch(text, /<!\[CDATA\[/, `${raw} uses CDATA`);
    assert.doesNotMatch(text, /heading-anchor/, `${raw} keeps the page's heading anchors`);
  }
});

/** Violations of the JSON Feed 1.1 specification's required and typed fields. */
function jsonFeedProblems(feed: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const isUrl = (value: unknown) => typeof value === "string" && /^https?:\/\//.test(value) && URL.canParse(value);
  const isDate = (value: unknown) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  if (feed.version !== "https://jsonfeed.org/version/1.1") problems.push(`version is ${String(feed.version)}`);
  if (typeof feed.title !== "string" || !feed.title) problems.push("title missing");
  if (!Array.isArray(feed.items)) problems.push("items missing");
  for (const key of ["home_page_url", "feed_url", "icon", "favicon"]) if (key in feed && !isUrl(feed[key])) problems.push(`${key} is not a URL`);
  if ("author" in feed) problems.push("1.0 `author` present");
  if (!Array.isArray(feed.authors) || (feed.authors as { name?: unknown }[]).some((a) => typeof a.name !== "string")) problems.push("authors is not a list of named authors");
  if (typeof feed.language !== "string") problems.push("language missing");
  for (const [i, item] of ((feed.items as Record<string, unknown>[]) ?? []).entries()) {
    if (typeof item.id !== "string" || !item.id) problems.push(`items[${i}].id missing`);
    if (typeof item.content_html !== "string" && typeof item.content_text !== "string") problems.push(`items[${i}] has neither content_html nor content_text`);
    if ("url" in item && !isUrl(item.url)) problems.push(`items[${i}].url is not a URL`);
    if ("image" in item && !isUrl(item.image)) problems.push(`items[${i}].image is not a URL`);
    for (const key of ["date_published", "date_modified"]) if (key in item && !isDate(item[key])) problems.push(`items[${i}].${key} is not RFC 3339`);
    if ("author" in item) problems.push(`items[${i}] has 1.0 \`author\``);
    if ("tags" in item && !(Array.isArray(item.tags) && item.tags.every((t) => typeof t === "string"))) problems.push(`items[${i}].tags`);
    if (!Array.isArray(item.authors)) problems.push(`items[${i}].authors missing`);
  }
  return problems;
}

test("JSON Feed 1.1 meets the specification's fields, in the feed's language, with the same items", async () => {
  for (const lang of LANGS) {
    const feed = JSON.parse(await readFile(file(FEEDS[lang].json), "utf8")) as Record<string, unknown> & { items: Record<string, string>[] };
    assert.deepEqual(jsonFeedProblems(feed), [], lang);
    assert.equal(feed.language, lang === "zh" ? "zh-CN" : "en");
    assert.equal(feed.feed_url, ORIGIN + FEEDS[lang].json);
    assert.deepEqual(feed.items.map((i) => i.title), EXPECTED_FEEDS[lang].map((e) => e.title));
    assert.deepEqual(feed.items.map((i) => i.url), EXPECTED_FEEDS[lang].map((e) => ORIGIN + encodeURI(e.path)));
    assert.deepEqual(feed.items.map((i) => i.id), EXPECTED_IDS[lang]);
    for (const item of feed.items) assertAbsolute(item.content_html, `${lang} json ${item.title}`);
  }
  const zh = JSON.parse(await readFile(file("/feed.json"), "utf8"));
  assert.equal(zh.items[1].date_published, "2025-06-05T09:00:00+08:00", "dates keep the author's offset");
  assert.equal(zh.items[1].date_modified, "2025-06-20T09:00:00+08:00", "lastmod is the modified date");
  assert.match(zh.items[2].image, new RegExp(`^${ORIGIN}/img/[^/]+\\.jpeg$`), "the cover (optimized JPEG) is the item image");
});

test("xmllint --noout passes on every XML file of the site", async () => {
  const entries = await readdir(site.output, { recursive: true });
  const xml = entries.filter((f) => /\.(xml|xsl)$/.test(f)).sort();
  assert.deepEqual(xml, ["atom.xml", "en/atom.xml", "en/feed.xml", "feed.xml", "sitemap.xml"], "no XSLT stylesheet is written");
  for (const name of xml) assert.equal(await xmllintErrors(path.join(site.output, name)), "", name);
});

test("feed metadata is in the feed's language: the site's name as title, description from the strings, language, self links, icon, no stylesheet", async () => {
  for (const lang of LANGS) {
    const strings = JSON.parse(await readFile(path.join(PROJECT, "_data", "i18n", `${lang}.json`), "utf8")) as Record<string, string>;
    const settings = JSON.parse(await readFile(path.join(PROJECT, "_data", "site.json"), "utf8"));
    const language = settings.languages[lang];
    const title = language.title;
    const description = strings.feedDescription.replace("{title}", language.title).replace("{description}", language.description);
    const rssText = await readFile(file(FEEDS[lang].rss), "utf8");
    const atomText = await readFile(file(FEEDS[lang].atom), "utf8");
    const parsedRss = await readWithFeedparser(file(FEEDS[lang].rss));
    const parsedAtom = await readWithFeedparser(file(FEEDS[lang].atom));
    assert.equal(parsedRss.title, title);
    assert.equal(parsedAtom.title, title);
    assert.equal(parsedRss.language, language.locale);
    assert.equal(parsedAtom.language, language.locale);
    assert.ok(rssText.includes(`<description>${description}</description>`), `${lang} rss description`);
    assert.ok(atomText.includes(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language.locale}">`), `${lang} atom xml:lang`);
    assert.ok(rssText.includes(`<atom:link href="${ORIGIN}${FEEDS[lang].rss}" rel="self" type="application/rss+xml"/>`), `${lang} rss self link`);
    assert.ok(atomText.includes(`<link rel="self" type="application/atom+xml" href="${ORIGIN}${FEEDS[lang].atom}"/>`), `${lang} atom self link`);
    assert.ok(rssText.includes(`<image><url>${ORIGIN}/assets/icon-512.png</url>`), `${lang} rss image`);
    for (const text of [rssText, atomText]) assert.ok(text.startsWith(`<?xml version="1.0" encoding="utf-8"?>\n<`) && !text.includes("xml-stylesheet"), `${lang}: plain XML, no stylesheet`);
    assert.match(rssText, /xmlns:content="http:\/\/purl.org\/rss\/1.0\/modules\/content\/"/);
  }
  const icon = await readFile(path.join(site.output, "assets", "icon-512.png"));
  assert.equal(icon.subarray(1, 4).toString(), "PNG");
});

test("ids do not change when an essay's title and slug are edited; its link does", async () => {
  const before = await readWithFeedparser(file("/atom.xml"));
  const source = path.join(site.root, "posts", "why.md");
  const original = await readFile(source, "utf8");
  try {
    await writeFile(source, original.replace('title: "为什么留副本"', 'title: "为什么要留副本（修订）"\nslug: "keep-copies"'));
    const result = await site.rebuild();
    assert.equal(result.ok, true, result.lines.join("\n"));
    const after = await readWithFeedparser(file("/atom.xml"));
    assert.equal(after.entries[1].title, "为什么要留副本（修订）");
    assert.equal(after.entries[1].link, `${ORIGIN}/posts/keep-copies/`);
    assert.equal(after.entries[1].id, before.entries[1].id);
  } finally {
    await writeFile(source, original);
    await site.rebuild();
  }
});

test("every page links its language's feeds in <head>; the subscribe link goes to the language's subscribe page, which lists the three feeds", async () => {
  for (const [url, lang] of [["/", "zh"], ["/posts/hostile/", "zh"], ["/en/", "en"], ["/en/posts/why/", "en"]] as const) {
    const doc = await site.page(url);
    const hrefOf = (type: string) => doc.querySelector(`head link[rel="alternate"][type="${type}"]`)?.getAttribute("href");
    assert.equal(hrefOf("application/rss+xml"), FEEDS[lang].rss, url);
    assert.equal(hrefOf("application/atom+xml"), FEEDS[lang].atom, url);
    assert.equal(hrefOf("application/feed+json"), FEEDS[lang].json, url);
    const subscribe = doc.querySelector("header .subscribe")?.getAttribute("href");
    assert.equal(subscribe, lang === "zh" ? "/subscribe/" : "/en/subscribe/", url);
    const page = await site.page(subscribe!);
    const listed = [...page.querySelectorAll(".feed-list li")].map((li) => [li.querySelector("a")?.getAttribute("href"), li.getAttribute("data-copy"), li.querySelector("code")?.textContent]);
    assert.deepEqual(listed, [FEEDS[lang].rss, FEEDS[lang].atom, FEEDS[lang].json].map((f) => [f, ORIGIN + f, ORIGIN + f]), subscribe);
  }
});

test("feeds list the newest essays first whatever is pinned, 20 by default, and leave out opt-outs, drafts, scheduled and expired essays", async () => {
  const many: Record<string, string | Uint8Array> = { ...POSTS };
  for (let i = 1; i <= 20; i++) many[`filler-${i}.md`] = `---\ntitle: "Filler ${i}"\ndate: 2024-01-${String(i).padStart(2, "0")}T08:00:00+08:00\n---\n\nText.\n`;
  const big = await buildFixture({ posts: many });
  assert.equal(big.result.ok, true, big.result.lines.join("\n"));
  const rss = await readWithFeedparser(path.join(big.output, "feed.xml"));
  assert.equal(rss.entries.length, 20, "default limit");
  assert.deepEqual(rss.entries.slice(0, 5).map((e) => e.title), [...EXPECTED_FEEDS.zh.map((e) => e.title), "第四篇"]);
  const titles = new Set(rss.entries.map((e) => e.title));
  for (const left of ["不进订阅", "草稿", "定时", "过期"]) assert.equal(titles.has(left), false, left);
  assert.equal(titles.has("置顶的旧文"), false, "the pinned essay is the oldest, so the limit leaves it out");
  const home = await big.page("/");
  const main = home.querySelector("main")?.textContent ?? "";
  assert.ok(main.includes("置顶的旧文") && main.indexOf("置顶的旧文") < main.indexOf("Tom & Jerry"), "yet it is pinned on top of the home page");
  // And the small site's limit is read from _data/site.json.
  assert.equal((await readWithFeedparser(file("/feed.xml"))).entries.length, FEED_LIMIT);
});

test("feeds work under a path prefix", async () => {
  const prefixed = await buildHostileSite({ site: { pathPrefix: "/blog/", feed: { limit: FEED_LIMIT } } });
  assert.equal(prefixed.result.ok, true, prefixed.result.lines.join("\n"));
  const rssText = await readFile(path.join(prefixed.output, "feed.xml"), "utf8");
  assert.ok(!rssText.includes("xml-stylesheet"));
  const rss = await readWithFeedparser(path.join(prefixed.output, "feed.xml"));
  assert.equal(rss.bozo, false);
  assert.equal(rss.entries[1].link, `${ORIGIN}/blog/posts/why/`);
  assert.ok(rss.entries[0].content.includes(`href="${ORIGIN}/blog/about/"`), "root links get the prefix");
  assert.ok(rss.entries[0].content.includes(`href="${ORIGIN}/blog/posts/why/"`), "relative links resolve under the prefix");
  const doc = await prefixed.page("/");
  assert.equal(doc.querySelector("header .subscribe")?.getAttribute("href"), "/blog/subscribe/");
  assert.equal((await prefixed.page("/subscribe/")).querySelector(".feed-list a")?.getAttribute("href"), "/blog/feed.xml");
  const atom = await readWithNewsboat(path.join(prefixed.output, "en", "atom.xml"));
  assert.deepEqual(atom.map((e) => e.link), EXPECTED_FEEDS.en.map((e) => `${ORIGIN}/blog${e.path}`));
});
