/**
 * The search index is built from the site model beside the build and kept in .cache/search:
 * which essays it holds, when it is reused, and that a changed essay makes a new one.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildFixture } from "../helpers/site.ts";
import { captureLog } from "../images/helpers.ts";
import { loadSite } from "../../lib/content/site.ts";
import { searchKey, searchRecords } from "../../lib/search/index.ts";

const essay = (title: string, date: string, body: string, extra = "") => `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n\n${body}\n`;
const POSTS = {
  "copies.md": essay("留住<文字> & 副本", "2025-01-01", "链接会失效，所以我们要留副本。"),
  "hidden.md": essay("不给搜索", "2025-01-02", "这一篇不想被搜到。", "searchHidden: true\n"),
  "draft.md": essay("草稿", "2025-01-03", "还没写完。", "draft: true\n"),
  "about.md": essay("关于", "2025-01-04", "关于这个网站。", "type: page\n"),
  "copies.en.md": essay("Keeping Words", "2025-01-01", "Links rot, so I keep an archive."),
};
const searchLine = (lines: string[]) => lines.find((line) => /search: \d+ essay/.test(line)) ?? "";

test("records: every shown essay page's body with its language and title; searchHidden and drafts left out", async () => {
  const site = await buildFixture({ posts: POSTS });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  const { model } = await loadSite(site.root, { preview: false });
  const records = searchRecords(model);
  // Standalone pages (About) are not essays, and were never searchable.
  assert.deepEqual(records.map((r) => r.url), ["/en/posts/copies/", "/posts/copies/"]);
  const zh = records.find((r) => r.url === "/posts/copies/")!;
  assert.match(zh.html, /^<!doctype html><html lang="zh-CN">/);
  assert.match(zh.html, /data-pagefind-body data-pagefind-meta="title\[data-title\]" data-title="留住&lt;文字&gt; &amp; 副本"/);
  assert.match(zh.html, /链接会失效，所以我们要留副本。/);
  assert.match(records.find((r) => r.url === "/en/posts/copies/")!.html, /<html lang="en">/);
  // In preview the draft is shown, so it is searchable there too.
  const { model: preview } = await loadSite(site.root, { preview: true });
  assert.ok(searchRecords(preview).some((r) => r.url === "/posts/draft/"));
  assert.notEqual(await searchKey(searchRecords(preview)), await searchKey(records));
});

test("an unchanged site reuses the cached index; an edited essay gets a new one and the old is removed", async () => {
  const { value: site, lines } = await captureLog(() => buildFixture({ posts: POSTS }));
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  assert.match(searchLine(lines), /search: 2 essays indexed in [\d.]+ s/);
  const cache = path.join(site.root, ".cache", "search");
  const [first] = await readdir(cache);
  const entry = path.join(site.output, "pagefind", "pagefind-entry.json");
  const builtEntry = await readFile(entry, "utf8");
  assert.equal((await stat(entry)).ino, (await stat(path.join(cache, first, "pagefind-entry.json"))).ino, "hard-linked from the cache");

  await rm(site.output, { recursive: true, force: true });
  const again = await captureLog(() => site.rebuild());
  assert.equal(again.value.ok, true);
  assert.match(searchLine(again.lines), /search: 2 essays, unchanged: index reused from \.cache\/search/);
  assert.equal(await readFile(entry, "utf8"), builtEntry);
  const fragments = await readdir(path.join(site.output, "pagefind", "fragment"));
  assert.equal(fragments.filter((f) => f.startsWith("zh-cn_")).length, 1);
  assert.equal(fragments.filter((f) => f.startsWith("en_")).length, 1);

  await writeFile(path.join(site.root, "posts", "copies.md"), essay("留住文字", "2025-01-01", "这一版换了一句话：书店。"));
  const edited = await captureLog(() => site.rebuild());
  assert.equal(edited.value.ok, true);
  assert.match(searchLine(edited.lines), /search: 2 essays indexed/);
  const after = await readdir(cache);
  assert.equal(after.length, 1, `only the newest index is kept: ${after}`);
  assert.notEqual(after[0], first);
});

test("a site with no searchable essay still builds (Pagefind cannot index nothing), and says so", async () => {
  const { value: site, lines } = await captureLog(() => buildFixture({ posts: { "hidden.md": POSTS["hidden.md"] } }));
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  assert.match(lines.join("\n"), /search: no essay to index/);
  assert.equal(site.exists("/pagefind/pagefind.js"), false);
  assert.ok(site.exists("/search/"));
});
