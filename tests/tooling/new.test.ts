import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeFixtureRoot } from "../helpers/site.ts";
import { runScript } from "../helpers/run.ts";
import { canMount, fullDisk } from "../helpers/full-disk.ts";
import { slugFromTitle } from "../../lib/scaffold/slug.ts";
import { parseFrontMatter } from "../../lib/content/frontmatter.ts";

const DATE_NOW = /^date: (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00)$/m;

test("new: a Chinese title gets a pinyin slug, said so; the draft's date is now in the site's zone; check accepts it", async () => {
  const root = await makeFixtureRoot({ samplePosts: true });
  const before = Date.now();
  const run = await runScript("new.ts", ["留住副本"], { cwd: root });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^created posts\/liu-zhu-fu-ben\.md \(draft: true\)$/m);
  assert.match(run.stdout, /note: slug "liu-zhu-fu-ben" was spelled from the title in pinyin; pass --slug/);
  const text = await readFile(path.join(root, "posts/liu-zhu-fu-ben.md"), "utf8");
  assert.match(text, /^---\ntitle: "留住副本"\n/);
  assert.match(text, /^draft: true$/m);
  const date = Date.parse(DATE_NOW.exec(text)![1]);
  assert.ok(date >= before - 1000 && date <= Date.now(), "date is now");
  const check = await runScript("check.ts", [], { cwd: root });
  assert.equal(check.code, 0, check.stdout);
});

test("new: --lang en --bundle --slug place the essay by the naming convention", async () => {
  const root = await makeFixtureRoot({});
  const en = await runScript("new.ts", ["On Copies", "--lang", "en"], { cwd: root });
  assert.equal(en.code, 0, en.stderr);
  assert.match(en.stdout, /created posts\/on-copies\.en\.md/);
  assert.doesNotMatch(en.stdout, /pinyin/);
  const bundle = await runScript("new.ts", ["书店", "--slug", "bookshops", "--bundle"], { cwd: root });
  assert.equal(bundle.code, 0, bundle.stderr);
  assert.match(bundle.stdout, /created posts\/bookshops\/index\.md/);
  assert.match(await readFile(path.join(root, "posts/bookshops/index.md"), "utf8"), /title: "书店"/);
});

test("new: refuses to overwrite a file or reuse a slug, and exits 1 leaving the file as it was", async () => {
  const root = await makeFixtureRoot({});
  await writeFile(path.join(root, "posts", "taken.md"), "mine");
  const run = await runScript("new.ts", ["Taken"], { cwd: root });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /refused: posts\/taken\.md already exists; nothing was written/);
  assert.equal(await readFile(path.join(root, "posts", "taken.md"), "utf8"), "mine");
  const sample = await makeFixtureRoot({ samplePosts: true });
  const slug = await runScript("new.ts", ["Another", "--slug", "bookshop-road", "--bundle"], { cwd: sample });
  assert.equal(slug.code, 1);
  assert.match(slug.stderr, /slug "bookshop-road" is already used by posts\/shuyuan-zhi-lu\/index\.md/);
});

test("new --translate: the translation sits beside its original with the same key and tags", async () => {
  const root = await makeFixtureRoot({ samplePosts: true });
  const run = await runScript("new.ts", ["--translate", "kaiyuan-de-jiyi", "--lang", "en", "The Memory of Open Source"], { cwd: root });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /created posts\/kaiyuan-de-jiyi\.en\.md/);
  const text = await readFile(path.join(root, "posts/kaiyuan-de-jiyi.en.md"), "utf8");
  const original = await readFile(path.join(root, "posts/kaiyuan-de-jiyi.md"), "utf8");
  assert.match(text, /^translationKey: "kaiyuan-de-jiyi"$/m);
  const parsedOriginal = parseFrontMatter(original);
  const parsedTranslation = parseFrontMatter(text);
  assert.ok(parsedOriginal.ok && parsedTranslation.ok);
  assert.deepEqual(parsedTranslation.value.data.tags, ["开源", "kubesphere", "durability"]);
  assert.deepEqual(parsedTranslation.value.data.tags, parsedOriginal.value.data.tags);
  const again = await runScript("new.ts", ["--translate", "kaiyuan-de-jiyi", "--lang", "en"], { cwd: root });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already has a en translation: posts\/kaiyuan-de-jiyi\.en\.md/);
  const bundle = await runScript("new.ts", ["--translate", "why-we-keep-copies", "--lang", "en"], { cwd: root });
  assert.equal(bundle.code, 1, "the pair already exists");
  const missing = await runScript("new.ts", ["--translate", "nothing-here", "--lang", "en"], { cwd: root });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no essay has translation key, slug or file "nothing-here"/);
});

test("new: usage errors exit 2 (no title, bad slug, unknown language, --translate without --lang)", async () => {
  const root = await makeFixtureRoot({});
  const cases: [string[], RegExp][] = [
    [[], /a title is required/],
    [["标题", "--slug", "中文"], /--slug "中文" must be lower-case ASCII/],
    [["Title", "--lang", "fr"], /--lang "fr" is not a language of this site \(zh, en\)/],
    [["--translate", "x"], /--translate needs --lang/],
    [["a", "b"], /one title expected/],
    [["--nope"], /Unknown option '--nope'/],
  ];
  for (const [args, message] of cases) {
    const run = await runScript("new.ts", args, { cwd: root });
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /usage: npm run new/);
  }
  const help = await runScript("new.ts", ["--help"], { cwd: root });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: npm run new/);
});

test("pinyin slugs: polyphones read in context, Latin kept, punctuation folded", () => {
  assert.equal(slugFromTitle("重庆的银行"), "chong-qing-de-yin-hang");
  assert.equal(slugFromTitle("KubeSphere “闭源”之殇"), "kubesphere-bi-yuan-zhi-shang");
  assert.equal(slugFromTitle("Café & Crème"), "cafe-creme");
  assert.equal(slugFromTitle("？！"), "");
});

test("new: on a full disk it exits 2 naming the file, and leaves no empty or partial essay behind", { skip: !canMount && "needs root to mount a tmpfs" }, async () => {
  const root = await makeFixtureRoot({});
  const posts = path.join(root, "posts");
  const unmount = fullDisk(posts);
  try {
    const run = await runScript("new.ts", ["Full Disk", "--lang", "en"], { cwd: root });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /posts\/full-disk\.en\.md: could not be written \(ENOSPC\); the file is unchanged/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    assert.deepEqual((await readdir(posts)).filter((name) => name !== ".filler"), [], "no essay and no temporary file");
  } finally {
    unmount();
  }
});
