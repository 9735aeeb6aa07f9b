/**
 * Essay URLs as Hugo 0.111 makes them (the figures were read off `hugo list all` on small
 * sites), language codes in file names, and per-language content folders.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DateTime } from "luxon";
import { aliasUrl, essayUrl, permalinkProblem, sanitizePath, SiteUrls, type UrlSource } from "../../lib/i18n/urls.ts";
import { languageOfFile, loadEssays } from "../../lib/content/load.ts";
import { loadSettings } from "../../lib/content/settings.ts";
import { WenjiError } from "../../lib/content/problems.ts";
import { makeFixtureRoot } from "../helpers/site.ts";

const source = (over: Partial<UrlSource> = {}): UrlSource => ({
  root: "/",
  dir: "posts/Java/Feature",
  name: "Hello-World",
  sections: "posts/Java",
  title: "Hello, World 你好 世界!",
  date: DateTime.fromISO("2023-12-31T23:30:00-08:00", { setZone: true }),
  isPage: false,
  ...over,
});
const lowered = { permalinks: {}, disablePathToLower: false };

test("the default path keeps the section folders and lowercases them, as Hugo does", () => {
  assert.deepEqual(essayUrl(source(), lowered), { url: "/posts/java/feature/hello-world/", unlowered: "/posts/Java/Feature/Hello-World/" });
  assert.deepEqual(essayUrl(source(), { permalinks: {}, disablePathToLower: true }), { url: "/posts/Java/Feature/Hello-World/", unlowered: undefined });
  assert.equal(essayUrl(source({ slug: "My-Slug" }), lowered).url, "/posts/java/feature/my-slug/");
  assert.equal(essayUrl(source({ dir: "posts", name: "My Bundle", root: "/en/" }), lowered).url, "/en/posts/my-bundle/");
  assert.equal(essayUrl(source({ dir: "posts", name: "why-we-keep-copies" }), lowered).unlowered, undefined, "nothing to redirect when nothing was lowercased");
});

test("front matter url is used as written: from the site root, or under the language's root", () => {
  assert.deepEqual(essayUrl(source({ url: "/Some/Where/" }), lowered), { url: "/Some/Where/" });
  assert.equal(essayUrl(source({ url: "/Some/Where/", root: "/en/" }), lowered).url, "/Some/Where/");
  assert.equal(essayUrl(source({ url: "rel/Path", root: "/en/" }), lowered).url, "/en/rel/Path/");
  assert.equal(essayUrl(source({ url: "/old/page.html" }), lowered).url, "/old/page.html");
});

test("permalink tokens expand as in Hugo 0.111", () => {
  const expand = (pattern: string, over: Partial<UrlSource> = {}) => essayUrl(source(over), { permalinks: { posts: pattern }, disablePathToLower: false }).url;
  assert.equal(expand("/:year/:month/:day/:slug/"), "/2023/12/31/hello-world-你好-世界/", "the date in its own offset; :slug falls back to the urlized title");
  assert.equal(expand("/:year/:slug/", { slug: "Short" }), "/2023/short/");
  assert.equal(expand("/:title/"), "/hello-world-你好-世界/", "punctuation dropped, spaces become one hyphen, lowercased");
  assert.equal(expand("/:section/:filename/"), "/posts/hello-world/");
  assert.equal(expand("/:sections/:filename/"), "/posts/java/hello-world/");
  assert.equal(expand("/:sections/:slugorfilename/"), "/posts/java/hello-world/");
  assert.equal(expand("/:contentbasename/"), "/hello-world/");
  assert.equal(expand("/:monthname/:weekdayname/:weekday/:yearday/"), "/december/sunday/0/365/");
  assert.equal(expand("/:year/:slug/", { root: "/en/" }), "/en/2023/hello-world-你好-世界/", "under the language's root");
  assert.equal(expand("/:year/:slug/", { isPage: true, dir: "posts", name: "about" }), "/about/", "standalone pages are not in the section");
  assert.equal(expand("/:year/:slug/").includes("Hello"), false);
  assert.equal(essayUrl(source(), { permalinks: { posts: "/:title/" }, disablePathToLower: false }).unlowered, undefined, "a pattern's title had no old letter case");
});

test("permalink patterns with unknown tokens or dot segments are refused by name", () => {
  assert.equal(permalinkProblem("/:year/:slug/"), undefined);
  assert.match(permalinkProblem("/:yaer/:slug/")!, /unknown token :yaer/);
  assert.match(permalinkProblem(":slug/")!, /must start with \//);
  assert.match(permalinkProblem("/../:slug/")!, /\.\./);
});

test("sanitizing keeps letters of every script and marks, drops other punctuation", () => {
  assert.equal(sanitizePath("为什么 要写 笔记？", true), "为什么-要写-笔记");
  assert.equal(sanitizePath("C++ & Go: a  tour", false), "C++-Go-a-tour");
  assert.equal(sanitizePath("café %E4 100%", true), "café-%e4-100");
});

test("aliases resolve like Hugo's: from the root, or beside the page", () => {
  assert.equal(aliasUrl("/Old/Alias/", "/posts/my-bundle/"), "/Old/Alias/");
  assert.equal(aliasUrl("/old/path", "/posts/a/"), "/old/path/");
  assert.equal(aliasUrl("rel-alias", "/posts/my-bundle/"), "/posts/rel-alias/");
  assert.equal(aliasUrl("/old.html", "/posts/a/"), "/old.html");
  assert.equal(aliasUrl("/old.php", "/posts/a/"), "/old.php/", "only .html names a file, as in Hugo");
});

test("language codes in file names are matched in any letter case, through hugoCodes", () => {
  const codes = new Map([["zh", "zh"], ["zh-cn", "zh"], ["en", "en"], ["en-us", "en"]]);
  assert.deepEqual(languageOfFile("posts/a/index.zh-cn.md", codes, "zh"), { stem: "index", lang: "zh" });
  assert.deepEqual(languageOfFile("posts/post.zh-CN.md", codes, "zh"), { stem: "post", lang: "zh" });
  assert.deepEqual(languageOfFile("posts/x.en-us.md", codes, "zh"), { stem: "x", lang: "en" });
  assert.deepEqual(languageOfFile("posts/x.EN.md", codes, "zh"), { stem: "x", lang: "en" });
  assert.deepEqual(languageOfFile("posts/v1.2.md", codes, "zh"), { stem: "v1.2", lang: "zh" }, "a dot that names no language is part of the name");
});

const essay = (title: string, extra = "") => `---\ntitle: ${title}\ndate: 2024-03-05\n${extra}---\n\n正文。\n`;

test("bundles in zh-cn, zh-CN and en are one essay in two languages, and contentDir folders hold a language's essays", async () => {
  const root = await makeFixtureRoot({
    site: {
      languages: {
        zh: { locale: "zh-CN", name: "中文", title: "文集", hugoCodes: ["zh-cn"] },
        en: { locale: "en", name: "English", title: "Wenji", hugoCodes: ["en-us"], contentDir: "content/en" },
      },
    },
    posts: {
      "a/index.zh-cn.md": essay("甲"),
      "a/index.en.md": essay("A"),
      "b/index.zh-CN.md": essay("乙"),
      "c.md": essay("丙"),
      "d.md": essay("丁", 'slug: "My Slug"\n'),
    },
    files: { "content/en/posts/b/index.md": essay("B"), "content/en/posts/c.en-US.md": essay("C") },
  });
  const settings = loadSettings(root);
  const { essays, problems } = await loadEssays(root, settings);
  assert.deepEqual(problems, []);
  const seen = essays.map((e) => [e.file, e.lang, e.url, e.translationKey]).sort();
  assert.deepEqual(seen, [
    ["content/en/posts/b/index.md", "en", "/en/posts/b/", "b"],
    ["content/en/posts/c.en-US.md", "en", "/en/posts/c/", "c"],
    ["posts/a/index.en.md", "en", "/en/posts/a/", "a"],
    ["posts/a/index.zh-cn.md", "zh", "/posts/a/", "a"],
    ["posts/b/index.zh-CN.md", "zh", "/posts/b/", "b"],
    ["posts/c.md", "zh", "/posts/c/", "c"],
    ["posts/d.md", "zh", "/posts/my-slug/", "d"],
  ]);
});

test("settings name the key and the value when a permalink, hugoCode or contentDir is wrong", async () => {
  const root = await makeFixtureRoot({
    site: {
      permalinks: { posts: "/:yaer/:slug/" },
      languages: {
        zh: { locale: "zh-CN", name: "中文", title: "文集", hugoCodes: ["en"] },
        en: { locale: "en", name: "English", title: "Wenji", contentDir: "../elsewhere" },
      },
    },
  });
  assert.throws(() => loadSettings(root), (error: unknown) => {
    assert.ok(error instanceof WenjiError);
    const text = error.lines.join("\n");
    assert.match(text, /_data\/site\.json: "permalinks\.posts" "\/:yaer\/:slug\/" uses unknown token :yaer/);
    assert.match(text, /"languages\.zh\.hugoCodes" "en" already names language "en"|"languages\.en\.hugoCodes" "en" already names language "zh"/);
    assert.match(text, /"languages\.en\.contentDir" must be a folder inside the project/);
    return true;
  });
});

test("language folders in URLs: subdir names them, defaultLanguageInSubdir puts the default one in its folder", () => {
  const languages = { zh: { subdir: "zh-cn" }, en: {} };
  const atRoot = SiteUrls.for({ defaultLanguage: "zh", defaultLanguageInSubdir: false, languages });
  assert.deepEqual([atRoot.root("zh"), atRoot.root("en"), atRoot.notFound("en")], ["/", "/en/", "/en/404.html"]);
  const inSubdir = SiteUrls.for({ defaultLanguage: "zh", defaultLanguageInSubdir: true, languages: { zh: { subdir: "zh-cn" }, en: { subdir: "en-us" } } });
  assert.deepEqual([inSubdir.root("zh"), inSubdir.home("zh", 2), inSubdir.root("en"), inSubdir.notFound("zh")], ["/zh-cn/", "/zh-cn/page/2/", "/en-us/", "/404.html"]);
});
