import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, writeFile, stat } from "node:fs/promises";
import path from "node:path";
import { buildFixture, kubesphereEssay, makeFixtureRoot } from "../helpers/site.ts";
import { runScript } from "../helpers/run.ts";
import { loadSite } from "../../lib/content/site.ts";
import { WenjiError } from "../../lib/content/problems.ts";

const OTHER = `---\ntitle: 另一篇\ndate: 2025-09-01T10:00:00+08:00\ntags: [写作]\n---\n\n较新的一篇。\n`;

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? (e as { path: string }).path, e.name));
}

test("the PaperMod-shaped essay builds offline and its page shows what the author wrote", async () => {
  const site = await buildFixture({ posts: { "kubesphere.md": await kubesphereEssay() } });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  const doc = await site.page("/posts/kubesphere/");
  assert.equal(doc.querySelector("h1")?.textContent?.trim(), "KubeSphere “闭源”之殇");
  assert.equal(doc.querySelector(".essay-meta time")?.textContent, "2025年8月1日");
  assert.equal(doc.querySelector(".essay-meta time")?.getAttribute("datetime"), "2025-08-01T16:26:26+08:00");
  assert.equal(doc.querySelector(".essay-description")?.textContent, "KubeSphere 开源的终结");
  const tags = [...doc.querySelectorAll(".essay-tags a")].map((a) => [a.textContent, a.getAttribute("href")]);
  assert.deepEqual(tags, [["community", "/tags/community/"], ["KubeSphere", "/tags/kubesphere/"]]);
  for (const [, href] of tags) assert.ok(site.exists(href!), `${href} exists`);
  const category = doc.querySelector(".essay-meta .categories a");
  assert.equal(category?.textContent, "运营");
  assert.equal(category?.getAttribute("href"), "/categories/%E8%BF%90%E8%90%A5/");
  assert.ok(site.exists("/categories/运营/"));
  const categoryPage = await site.page("/categories/运营/");
  assert.equal(categoryPage.querySelector(".entry-title a")?.getAttribute("href"), "/posts/kubesphere/");
  assert.equal(doc.querySelector(".toc"), null, "no headings, so no table of contents");
  assert.equal(doc.querySelector("html")?.getAttribute("lang"), "zh-CN");
  assert.ok(doc.querySelector(".breadcrumbs"), "showbreadcrumbs");
  assert.ok(doc.querySelector(".share"), "share links unless disableShare");
  assert.equal(doc.querySelectorAll(".essay-body p").length >= 18, true);
});

test("weight: 1 pins the essay first on the home page with a badge", async () => {
  const essay = (await kubesphereEssay()).replace(/^weight:.*$/m, "weight: 1");
  const site = await buildFixture({ posts: { "kubesphere.md": essay, "other.md": OTHER } });
  const home = await site.page("/");
  const entries = [...home.querySelectorAll("article.entry")];
  assert.equal(entries[0].querySelector(".entry-title a")?.getAttribute("href"), "/posts/kubesphere/");
  assert.equal(entries[0].querySelector(".badge-pinned")?.textContent, "置顶");
  assert.equal(entries[1].querySelector(".badge-pinned"), null);
});

test("draft: true leaves the essay out of every output file of a build, and the build says why", async () => {
  const essay = (await kubesphereEssay()).replace(/^draft:.*$/m, "draft: true");
  const site = await buildFixture({ posts: { "kubesphere.md": essay, "other.md": OTHER } });
  assert.match(site.result.lines.join("\n"), /left out 1 essay: 1 draft \(posts\/kubesphere\.md\)/);
  for (const file of await allFiles(site.output)) {
    const text = await readFile(file, "utf8");
    assert.ok(!text.includes("闭源") && !text.includes("kubesphere"), `${path.relative(site.output, file)} mentions the draft`);
  }
  assert.equal(site.exists("/tags/community/"), false);
});

test("future and expired essays are left out of builds; the preview shows them with a visible marker", async () => {
  const posts = {
    "future.md": `---\ntitle: 未来\ndate: 2099-01-01\n---\n正文`,
    "later.md": `---\ntitle: 定时\ndate: 2024-01-01\npublishDate: 2099-01-01\n---\n正文`,
    "expired.md": `---\ntitle: 过期\ndate: 2024-01-01\nexpiryDate: 2024-06-01\n---\n正文`,
    "draft.md": `---\ntitle: 草稿一篇\ndate: 2024-01-01\ndraft: true\n---\n正文`,
    "ok.md": OTHER,
  };
  const site = await buildFixture({ posts });
  const report = site.result.lines.join("\n");
  assert.match(report, /left out 4 essays: /);
  assert.match(report, /1 draft \(posts\/draft\.md\)/);
  assert.match(report, /2 dated in the future \(posts\/future\.md, posts\/later\.md\)/);
  assert.match(report, /1 past expiryDate \(posts\/expired\.md\)/);
  for (const slug of ["future", "later", "expired", "draft"]) assert.equal(site.exists(`/posts/${slug}/`), false, slug);

  const preview = await buildFixture({ posts, preview: true });
  const draft = await preview.page("/posts/draft/");
  assert.equal(draft.querySelector("h1 .badge-draft")?.textContent, "草稿");
  assert.equal(draft.querySelector('meta[name="robots"]')?.getAttribute("content"), "noindex");
  assert.equal((await preview.page("/posts/future/")).querySelector("h1 .badge-draft")?.textContent, "未发布（定时）");
});

test("aliases produce redirect pages to the essay", async () => {
  const site = await buildFixture({ posts: { "a.md": `---\ntitle: A\ndate: 2024-01-01\naliases: [/old/a/, /2019/01/a.html]\n---\n正文` } });
  for (const url of ["/old/a/", "/2019/01/a.html"]) {
    const doc = await site.page(url);
    assert.equal(doc.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content"), "0; url=/posts/a/");
    assert.equal(doc.querySelector('link[rel="canonical"]')?.getAttribute("href"), "https://wenji.example.org/posts/a/");
  }
});

test("Chinese tags get raw UTF-8 paths, percent-encoded hrefs; letter case shares one page; no empty slug", async () => {
  const site = await buildFixture({
    posts: {
      "a.md": `---\ntitle: A\ndate: 2024-01-01\ntags: [运营, KubeSphere, "？！"]\n---\n正文`,
      "b.md": `---\ntitle: B\ndate: 2024-02-01\ntags: [kubesphere, 运营]\n---\n正文`,
    },
  });
  assert.ok(site.exists("/tags/运营/"));
  const tagPage = await site.page("/tags/kubesphere/");
  assert.equal(tagPage.querySelectorAll("article.entry").length, 2);
  const index = await site.page("/tags/");
  const hrefs = [...index.querySelectorAll(".term-cloud a")].map((a) => a.getAttribute("href")!);
  assert.equal(hrefs.length, 3);
  assert.ok(hrefs.includes("/tags/%E8%BF%90%E8%90%A5/"));
  for (const href of hrefs) {
    assert.match(href, /^\/tags\/[^/]+\/$/);
    assert.ok(site.exists(href), href);
  }
});

test("hidemeta, disableShare and comments follow the front matter; comments load no third-party script up front", async () => {
  const site = await buildFixture({
    site: { comments: { provider: "giscus", giscus: { repo: "me/blog", repoId: "R", category: "C", categoryId: "CI", mapping: "pathname" } } },
    posts: {
      "quiet.md": `---\ntitle: Q\ndate: 2024-01-01\nhidemeta: true\ndisableShare: true\n---\n正文`,
      "talk.md": `---\ntitle: T\ndate: 2024-01-01\ncomments: true\n---\n正文`,
    },
  });
  const quiet = await site.page("/posts/quiet/");
  assert.equal(quiet.querySelector(".essay-meta"), null);
  assert.equal(quiet.querySelector(".share"), null);
  assert.equal(quiet.querySelector(".comments"), null);
  const talk = await site.page("/posts/talk/");
  const button = talk.querySelector(".comments button.load-comments");
  assert.equal(button?.getAttribute("data-repo"), "me/blog");
  assert.equal(button?.getAttribute("data-script"), "https://giscus.app/client.js");
  assert.equal([...talk.querySelectorAll("script[src]")].filter((s) => /^https?:/.test(s.getAttribute("src")!)).length, 0);
});

test("a failed build leaves the previous output exactly as it was", async () => {
  const root = await makeFixtureRoot({ posts: { "ok.md": OTHER } });
  const first = await runScript("build.ts", [], { cwd: root });
  assert.equal(first.code, 0, first.stderr);
  const output = path.join(root, "_site");
  const snapshot = async () =>
    Object.fromEntries(await Promise.all((await allFiles(output)).map(async (f) => [path.relative(output, f), await readFile(f, "utf8")])));
  const before = await snapshot();
  const mtime = (await stat(path.join(output, "index.html"))).mtimeMs;
  await writeFile(path.join(root, "posts", "bad.md"), `---\ntitle: Bad\ndate: 2025-13-01\n---\n`);
  await writeFile(path.join(root, "posts", "ok.md"), OTHER.replace("较新的一篇", "改过的内容"));
  const second = await runScript("build.ts", [], { cwd: root });
  assert.equal(second.code, 1);
  assert.match(second.stderr, /previous output was left as it was/);
  assert.deepEqual(await snapshot(), before);
  assert.equal((await stat(path.join(output, "index.html"))).mtimeMs, mtime);
  assert.deepEqual((await readdir(root)).filter((f) => f.includes("building")), [], "no staging folder left behind");
});

test("a site served from a sub-path prefixes every link, asset and feed URL", async () => {
  const site = await buildFixture({
    site: { pathPrefix: "/blog/", url: "https://example.github.io" },
    posts: { "a.md": `---\ntitle: A\ndate: 2024-01-01\ntags: [运营]\n---\n见 [另一篇](/posts/b/)。`, "b.md": OTHER },
  });
  const doc = await site.page("/posts/a/");
  const urls = [
    ...[...doc.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")!),
    ...[...doc.querySelectorAll("link[href]")].map((l) => l.getAttribute("href")!),
    ...[...doc.querySelectorAll("script[src], img[src]")].map((s) => s.getAttribute("src")!),
  ].filter((u) => u.startsWith("/"));
  assert.ok(urls.length > 10);
  for (const url of urls) assert.ok(url.startsWith("/blog/"), `${url} carries the prefix`);
  assert.equal(doc.querySelector('link[rel="canonical"]')?.getAttribute("href"), "https://example.github.io/blog/posts/a/");
  assert.ok(urls.includes("/blog/feed.xml"));
  assert.ok(urls.includes("/blog/posts/b/"), "links inside the essay get the prefix too");
});

test("the sample site builds, with a zh + en pair, a page bundle and an about page in each language", async () => {
  const site = await buildFixture({ samplePosts: true });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  for (const url of ["/", "/en/", "/posts/why-we-keep-copies/", "/en/posts/why-we-keep-copies/", "/posts/bookshop-road/", "/en/posts/bookshop-road/", "/about/", "/en/about/", "/archives/", "/404.html", "/en/404.html"]) {
    assert.ok(site.exists(url), url);
  }
  assert.equal((await site.page("/en/")).querySelector("html")?.getAttribute("lang"), "en");
  const bundle = await site.page("/en/posts/bookshop-road/");
  const src = bundle.querySelector(".essay-body img")?.getAttribute("src");
  assert.ok(src, "the bundle's image is in the English page too");
});

test("a second load in the same process (a preview rebuild) sees every edit, even one that keeps the file's size", async () => {
  const essay = (body: string, date = "2025-09-01") => `---\ntitle: 一篇\ndate: ${date}\n---\n\n${body}\n`;
  const root = await makeFixtureRoot({ posts: { "a.md": essay("甲乙丙"), "b.md": OTHER } });
  const file = path.join(root, "posts", "a.md");
  const first = await loadSite(root, { preview: true });
  assert.match(first.model.essays.find((e) => e.file === "posts/a.md")!.html, /甲乙丙/);
  // Same length in bytes, written at once: only the file's times and content differ.
  await writeFile(file, essay("丁戊己"));
  const second = await loadSite(root, { preview: true });
  assert.match(second.model.essays.find((e) => e.file === "posts/a.md")!.html, /丁戊己/);
  // Front matter that became invalid is checked again, not taken from the last load.
  await writeFile(file, essay("丁戊己", "2025-13-01"));
  await assert.rejects(loadSite(root, { preview: true }), (error: unknown) => error instanceof WenjiError && /posts\/a\.md:3.*date.*2025-13-01/s.test(error.message));
});
