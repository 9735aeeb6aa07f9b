/**
 * `npm run import:hugo` on the shapes real Hugo blogs have (issue 16 items 4-7 and 11): the
 * config (hugo.toml + config/_default/) becomes _data/site.json, every front-matter shape is
 * imported, essays without front matter are repaired, Typora images are copied, the sample
 * essays leave, the summary counts by kind, and the result builds with no network.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { buildSite } from "../../lib/build.ts";
import { SAMPLE_POSTS, sampleHash } from "../../lib/hugo/samples.ts";
import { makeFixtureRoot, PROJECT } from "../helpers/site.ts";
import { runScript } from "../helpers/run.ts";

const FIXTURES = path.join(PROJECT, "tests", "fixtures");

/** A wenji site to import into: assets/ its own copy (the importer writes there), posts/ empty or the samples. */
async function wenjiSite(samplePosts = false): Promise<string> {
  const root = await makeFixtureRoot({ samplePosts });
  rmSync(path.join(root, "assets"));
  cpSync(path.join(PROJECT, "assets"), path.join(root, "assets"), { recursive: true });
  return root;
}

/** A Hugo site: the split config fixture, the shapes, an English translation in the English contentDir, and `files`. */
async function hugoSite(files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wenji-hugo-"));
  cpSync(path.join(FIXTURES, "hugo-import-config"), dir, { recursive: true });
  rmSync(path.join(dir, "SOURCES.md"));
  cpSync(path.join(FIXTURES, "hugo-blog", "content", "posts", "shapes"), path.join(dir, "content", "posts", "shapes"), { recursive: true });
  const all = { "content/en/posts/shapes/json.md": "---\ntitle: JSON front matter\ndate: 2023-03-05\n---\n\nHugo reads JSON front matter too.\n", ...files };
  for (const [file, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** Built pages by their <h1>, whatever URLs they were given. */
function pagesByTitle(output: string): Map<string, Document> {
  const pages = new Map<string, Document>();
  for (const entry of readdirSync(output, { recursive: true, withFileTypes: true })) {
    if (entry.name !== "index.html") continue;
    const document = parseHTML(readFileSync(path.join(entry.parentPath, entry.name), "utf8")).document as unknown as Document;
    const title = document.querySelector("article h1, main h1")?.textContent?.trim();
    if (title && document.querySelector(".essay-body")) pages.set(title, document);
  }
  return pages;
}

test("a PaperMod site's split config becomes site.json: address, languages, author, paging, defaults, URL settings", async () => {
  const root = await wenjiSite();
  const run = await runScript("import-hugo.ts", [await hugoSite()], { cwd: root });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const site = JSON.parse(readFileSync(path.join(root, "_data", "site.json"), "utf8"));
  assert.equal(site.url, "https://notes.example.org");
  assert.equal(site.pathPrefix, "/blog/");
  assert.equal(site.defaultLanguage, "zh");
  assert.deepEqual(site.languages.zh, { locale: "zh-CN", name: "简体中文", title: "旧博客", description: "旧博客的描述", hugoCodes: ["zh-cn"], subdir: "zh-cn" });
  assert.deepEqual(site.languages.en, { locale: "en", name: "English", title: "Old Blog", description: "The old blog, in English" });
  assert.deepEqual(site.author, { name: "张三", email: "zhangsan@example.org", url: "" });
  assert.equal(site.paginate, 8);
  assert.equal(site.copyrightStartYear, undefined, "the sample site's year is gone");
  assert.deepEqual(site.defaults, { showToc: true, tocOpen: true, showReadingTime: false, showBreadcrumbs: true, showPostNavLinks: true, showShareButtons: false, comments: false });
  assert.deepEqual(site.permalinks, { posts: "/:year/:month/:slug/" });
  assert.equal(site.disablePathToLower, true);
  assert.deepEqual(site.taxonomies, { tag: "tags", category: "categories", series: "series" });
  assert.deepEqual(site.menus.zh.main.map((m: { name: string }) => m.name), ["归档", "搜索"]);
  assert.match(run.stdout, /^set _data\/site\.json url: "https:\/\/wenji\.example\.org" → "https:\/\/notes\.example\.org"$/m);
  assert.match(run.stdout, /^needs attention: params\.showcodecopybuttons: not carried over/m);
});

test("every shape is imported, repaired where it must be, counted by kind, and the site builds with a table of contents everywhere", async () => {
  const root = await wenjiSite();
  const run = await runScript("import-hugo.ts", [await hugoSite()], { cwd: root });
  for (const file of ["crlf", "bom", "blank-lines", "toml", "json", "json.en", "no-front-matter", "untitled-note", "typora-note", "rich"]) {
    assert.match(run.stdout, new RegExp(`^imported posts/shapes/${file}\\.md$`, "m"), file);
  }
  assert.ok(existsSync(path.join(root, "posts/shapes/image/diagram.png")), "Typora's image folder is copied");
  assert.match(run.stdout, /^repaired posts\/shapes\/no-front-matter\.md: title "没有前言的笔记" from its first heading \(moved out of the body\)$/m);
  assert.match(run.stdout, /^repaired posts\/shapes\/untitled-note\.md: title "untitled-note" from its file name$/m);
  assert.match(run.stdout, /^repaired posts\/shapes\/untitled-note\.md: date \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00 from its modification time$/m);
  assert.match(run.stdout, /^ {2}essays imported {4}10 \(9 zh, 1 en\)$/m);
  assert.match(run.stdout, /^ {2}translations {7}1 paired$/m);
  assert.match(run.stdout, /^ {2}images copied {6}1$/m);
  assert.match(run.stdout, /^ {2}repairs {12}4$/m);
  // The site's own shortcode (notice, in rich.md) and the unknown key its param reads (subtitle).
  assert.match(run.stdout, /^ {2}needs attention {4}4\n {4}settings {9}2\n {4}shortcode {8}1\n {4}unknown-key {6}1$/m);

  const output = path.join(root, "_site");
  const built = await buildSite({ root, output, preview: false, quiet: true });
  assert.equal(built.ok, true, built.lines.join("\n"));
  const pages = pagesByTitle(output);
  for (const title of ["换行符是 CRLF 的文章", "带字节顺序标记的文章", "开头有空行的文章", "TOML 写的前言", "JSON 写的前言", "JSON front matter", "没有前言的笔记", "untitled-note", "Typora 写的笔记", "技术笔记里常见的写法"]) {
    assert.ok(pages.has(title), `${title} built (${[...pages.keys()].join(", ")})`);
  }
  const note = pages.get("没有前言的笔记")!;
  assert.ok(note.querySelector("details.toc[open]"), "site-wide ShowToc and TocOpen from params.toml");
  assert.equal(note.querySelector(".essay-body h1"), null, "the heading became the title, not a second h1");
  assert.equal(pages.get("TOML 写的前言")!.querySelector("details.toc"), null, "the essay's own ShowToc = false wins");
  const img = pages.get("Typora 写的笔记")!.querySelector(".essay-body img")?.getAttribute("src") ?? "";
  assert.ok(existsSync(path.join(output, img.replace(/^\/blog\//, "/"))), `the Typora image is published: ${img}`);
});

test("a post without front matter in a git repository gets the date of its first commit", async () => {
  const hugo = await hugoSite();
  const git = (...args: string[]) => execFileSync("git", args, { cwd: hugo, env: { ...process.env, GIT_AUTHOR_DATE: "2019-05-04T03:02:01+08:00", GIT_COMMITTER_DATE: "2019-05-04T03:02:01+08:00", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" } });
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "old blog");
  const root = await wenjiSite();
  const run = await runScript("import-hugo.ts", [hugo], { cwd: root });
  assert.match(run.stdout, /^repaired posts\/shapes\/untitled-note\.md: date 2019-05-04T03:02:01\+08:00 from its first git commit$/m);
  assert.match(readFileSync(path.join(root, "posts/shapes/untitled-note.md"), "utf8"), /^---\ntitle: "untitled-note"\ndate: 2019-05-04T03:02:01\+08:00\n---\n\n一段/);
});

test("config.yaml with config/_default/ overrides, and hugo.json, are read as Hugo merges them", async () => {
  const yaml = await mkdtemp(path.join(os.tmpdir(), "wenji-hugo-"));
  const write = (dir: string, file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write(yaml, "config.yaml", "baseURL: https://a.example.org/\ntitle: 甲\nlanguageCode: zh-CN\nparams:\n  ShowToc: false\n  author: [\"李四\", \"王五\"]\n");
  write(yaml, "config/_default/params.yaml", "ShowToc: true\n");
  write(yaml, "content/posts/a.md", "---\ntitle: 甲\ndate: 2024-01-01\n---\n正文\n");
  const root = await wenjiSite();
  await runScript("import-hugo.ts", [yaml], { cwd: root });
  let site = JSON.parse(readFileSync(path.join(root, "_data", "site.json"), "utf8"));
  assert.equal(site.defaults.showToc, true, "config/_default/params.yaml wins over config.yaml");
  assert.equal(site.author.name, "李四");
  assert.deepEqual(Object.keys(site.languages), ["zh"], "a single-language site keeps one language");

  const json = await mkdtemp(path.join(os.tmpdir(), "wenji-hugo-"));
  write(json, "hugo.json", JSON.stringify({ baseURL: "https://b.example.org/", title: "Bee", defaultContentLanguage: "en", params: { TocOpen: true } }));
  write(json, "config.toml", 'title = "ignored: hugo.json comes first"\n');
  write(json, "content/post/b.md", "---\ntitle: B\ndate: 2024-01-01\n---\nbody\n");
  write(json, "content/about.md", "---\ntitle: About\n---\nme\n");
  write(json, "content/notes/n.md", "---\ntitle: N\n---\nnote\n");
  const second = await wenjiSite();
  const run = await runScript("import-hugo.ts", [json], { cwd: second });
  site = JSON.parse(readFileSync(path.join(second, "_data", "site.json"), "utf8"));
  assert.equal(site.languages.en.title, "Bee");
  assert.equal(site.defaultLanguage, "en");
  assert.deepEqual(site.defaults, { tocOpen: true });
  assert.ok(existsSync(path.join(second, "posts/b.md")), "the post/ section is imported too");
  assert.match(run.stdout, /^needs attention: content\/post\/: imported into posts\/; Hugo served these essays under \/post\//m);
  assert.match(run.stdout, /^skipped content\/about\.md: a page outside the posts sections/m);
  assert.match(run.stdout, /^skipped content\/notes\/: not a posts section \(1 file\)/m);
});

test("wenji's sample essays leave the blog in the same step; an edited one stays and is listed", async () => {
  for (const [file, hash] of Object.entries(SAMPLE_POSTS)) {
    const actual = existsSync(path.join(PROJECT, "posts", file)) ? sampleHash(file, readFileSync(path.join(PROJECT, "posts", file))) : "missing";
    assert.equal(actual, hash, `lib/hugo/samples.ts is out of date for posts/${file}: update its hash to "${actual}"`);
  }
  const repoSamples = readdirSync(path.join(PROJECT, "posts"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  assert.equal(Object.keys(SAMPLE_POSTS).length, repoSamples, "every file of posts/ is in lib/hugo/samples.ts");

  const root = await wenjiSite(true);
  writeFileSync(path.join(root, "posts/about.md"), readFileSync(path.join(root, "posts/about.md"), "utf8") + "\n我自己加的一段。\n");
  const run = await runScript("import-hugo.ts", [await hugoSite()], { cwd: root });
  assert.match(run.stdout, /^removed wenji's sample posts\/kaiyuan-de-jiyi\.md$/m);
  assert.match(run.stdout, /^ {2}samples removed {4}10$/m);
  assert.match(run.stdout, /^needs attention: posts\/about\.md is one of wenji's sample essays, edited/m);
  const left = readdirSync(path.join(root, "posts")).sort();
  assert.deepEqual(left, ["about.md", "shapes"]);
  const built = await buildSite({ root, output: path.join(root, "_site"), preview: false, quiet: true });
  assert.equal(built.ok, true, built.lines.join("\n"));
  assert.ok(!pagesByTitle(path.join(root, "_site")).has("书院之路"), "no sample essay is published");

  const kept = await wenjiSite(true);
  await runScript("import-hugo.ts", ["--keep-samples", await hugoSite()], { cwd: kept });
  assert.ok(existsSync(path.join(kept, "posts/kaiyuan-de-jiyi.md")), "--keep-samples keeps them");
});

test("every import error names its file: bad encoding, bad front matter, missing image, unreadable config", async () => {
  const gbk = Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xd6, 0xd0, 0xce, 0xc4, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]);
  const hugo = await hugoSite({
    "content/posts/gbk.md": gbk,
    "content/posts/bad-date.md": "---\ntitle: 坏\ndate: 昨天\n---\n\n![图](image/none.png)\n",
    "content/posts/theme-a.md": "---\ntitle: 甲\ndate: 2024-01-01\nenableToc: true\nslug: \"\"\n---\n正文\n",
    "content/posts/theme-b.md": "---\ntitle: 乙\ndate: 2024-01-01\nEnableToc: false\n---\n正文\n",
  });
  const root = await wenjiSite();
  const run = await runScript("import-hugo.ts", [hugo], { cwd: root });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^needs attention: content\/posts\/gbk\.md: not valid UTF-8 at byte 11 \(it looks GBK-encoded/m);
  assert.match(run.stdout, /^needs attention: posts\/bad-date\.md:3: "date": "昨天" is not a date/m);
  assert.match(run.stdout, /^needs attention: posts\/bad-date\.md:6: image "image\/none\.png" not found/m);
  assert.match(run.stdout, /^needs attention: front-matter key "enableToc" is not one wenji knows \(kept, not used\): 2 uses \(posts\/theme-a\.md:4, posts\/theme-b\.md:4\)$/m);
  assert.doesNotMatch(run.stdout, /theme-a\.md:5/, "an empty slug is no slug, as in Hugo");
  assert.match(run.stdout, /^ {4}encoding {9}1$/m);
  assert.match(run.stdout, /^ {4}missing-image {4}1$/m);

  const broken = await hugoSite({ "config/_default/params.toml": 'ShowToc = true\nauthor = "unclosed\n' });
  const failed = await runScript("import-hugo.ts", [broken], { cwd: await wenjiSite() });
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /^config\/_default\/params\.toml:2: cannot read this TOML file/m);
});

test("a broken essay is named, with its line, by import, check and build alike", async () => {
  const hugo = await hugoSite({
    "content/posts/broken-json.md": '{\n  "title": "坏的 JSON",\n  "date": 2024-01-01\n}\n\n正文。\n',
    "content/posts/broken-image.md": "---\ntitle: 坏图\ndate: 2024-01-01\n---\n\n一段话，\n![图](image/none.png)\n",
  });
  const root = await wenjiSite();
  const imported = await runScript("import-hugo.ts", [hugo], { cwd: root });
  const checked = await runScript("check.ts", [], { cwd: root });
  const built = await buildSite({ root, output: path.join(root, "_site"), preview: false, quiet: true });
  assert.equal(built.ok, false);
  for (const [tool, text] of [["import", imported.stdout], ["check", checked.stdout], ["build", built.lines.join("\n")]]) {
    const lines = text.split("\n");
    const json = tool === "check" ? /^posts\/broken-json\.md$[\s\S]*?^ {2}3 +error +JSON syntax error/m : /posts\/broken-json\.md:3: JSON syntax error/;
    assert.match(text, json, `${tool} names the JSON file and line:\n${text}`);
    const image = tool === "check" ? /^posts\/broken-image\.md$[\s\S]*?^ {2}7 +error +image "image\/none\.png" not found/m : /posts\/broken-image\.md:7: image "image\/none\.png" not found/;
    // The build stops at the front matter before it looks at images; import and check report both at once.
    if (tool !== "build") assert.match(text, image, `${tool} names the image's file and line:\n${text}`);
    assert.ok(!lines.some((l) => /^\s+at /.test(l)), `${tool}: no stack trace`);
  }
});

test("Chinese essays filed under English (defaultContentLanguage left at en) need a decision", async () => {
  const hugo = await mkdtemp(path.join(os.tmpdir(), "wenji-hugo-"));
  mkdirSync(path.join(hugo, "content", "posts"), { recursive: true });
  writeFileSync(path.join(hugo, "hugo.toml"), 'baseURL = "https://c.example.org/"\ntitle = "丙"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n');
  writeFileSync(path.join(hugo, "content/posts/a.md"), "---\ntitle: 甲\ndate: 2024-01-01\n---\n这是一篇用中文写的文章，只是 Hugo 的设置说它是英文。\n");
  writeFileSync(path.join(hugo, "content/posts/b.md"), "---\ntitle: 乙\ndate: 2024-01-02\n---\n另一篇中文文章。\n");
  const run = await runScript("import-hugo.ts", [hugo], { cwd: await wenjiSite() });
  assert.match(run.stdout, /^needs attention: 2 of 2 essays filed as "en" are written in Chinese/m);
  assert.doesNotMatch((await runScript("import-hugo.ts", [await hugoSite()], { cwd: await wenjiSite() })).stdout, /filed as/);
});
