import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildFixture } from "../helpers/site.ts";
import { treeDigest } from "../helpers/tree.ts";
import { TINY_JPEG } from "../helpers/tiny-images.ts";
import { captureLog, truncatedJpeg } from "../images/helpers.ts";

const essay = (title: string, body = "正文。") => `---\ntitle: "${title}"\ndate: 2025-03-01\n---\n\n${body}\n`;

test("an essay that is not UTF-8 (GBK) fails the build naming the file and byte; _site/ is left as it was", async () => {
  const site = await buildFixture({ posts: { "a.md": essay("A") } });
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  const before = treeDigest(site.output);
  // "中文标题" in GBK, inside an otherwise ASCII essay.
  const gbk = Buffer.concat([Buffer.from('---\ntitle: "B"\ndate: 2025-03-01\n---\n\n'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xb1, 0xea, 0xcc, 0xe2]), Buffer.from("\n")]);
  await writeFile(path.join(site.root, "posts", "gbk.md"), gbk);
  const result = await site.rebuild();
  assert.equal(result.ok, false);
  assert.match(result.lines.join("\n"), /^posts\/gbk\.md: not valid UTF-8 at byte 37 \(it looks GBK-encoded/m);
  assert.doesNotMatch(result.lines.join("\n"), /\n\s+at /);
  assert.deepEqual(treeDigest(site.output), before);
});

test("_site/ gets the usual modes (0755 folders, 0644 files under umask 022), not mkdtemp's 0700", async () => {
  const umask = process.umask(0o022);
  try {
    const site = await buildFixture({ posts: { "a.md": essay("A") } });
    assert.ok(site.result.ok, site.result.lines.join("\n"));
    assert.equal(statSync(site.output).mode & 0o777, 0o755);
    assert.equal(statSync(path.join(site.output, "posts")).mode & 0o777, 0o755);
    assert.equal(statSync(path.join(site.output, "index.html")).mode & 0o777, 0o644);
  } finally {
    process.umask(umask);
  }
});

test("the output shares no inode with .cache/ (images, search), so editing _site/ cannot corrupt the cache", async () => {
  const site = await buildFixture({ posts: { "a.md": essay("A", "![图](photo.jpg)"), "photo.jpg": TINY_JPEG } });
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  const inodes = (dir: string) => new Map(readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => [statSync(path.join(e.parentPath, e.name)).ino, path.join(e.parentPath, e.name)]));
  const cache = inodes(path.join(site.root, ".cache"));
  const output = inodes(site.output);
  assert.ok([...output.values()].some((file) => file.includes(`${path.sep}img${path.sep}`)), "the essay's image is in the output");
  const shared = [...output.keys()].filter((ino) => cache.has(ino)).map((ino) => output.get(ino));
  assert.deepEqual(shared, []);
  // An incremental build links unchanged pages from the previous output, which is removed
  // right after the swap: afterwards no file of the output has a second link anywhere.
  await writeFile(path.join(site.root, "posts", "b.md"), essay("B"));
  const { value: again, lines } = await captureLog(() => site.rebuild());
  assert.ok(again.ok && lines.some((line) => /unchanged since the previous build \(linked\)/.test(line)), lines.join("\n"));
  const after = inodes(site.output);
  assert.deepEqual([...after.keys()].filter((ino) => inodes(path.join(site.root, ".cache")).has(ino)), []);
  assert.deepEqual([...after.values()].filter((file) => statSync(file).nlink !== 1), []);
});

test("a swap interrupted between its two renames is put back by the next build, even a failing one", async () => {
  const site = await buildFixture({ posts: { "a.md": essay("A") } });
  assert.ok(site.result.ok);
  const before = treeDigest(site.output);
  // As if the build with this (dead) pid had stopped after moving _site/ away.
  await rename(site.output, `${site.output}.old-999999`);
  await writeFile(path.join(site.root, "posts", "bad.md"), "---\ntitle: [unclosed\n---\n");
  const result = await site.rebuild();
  assert.equal(result.ok, false);
  assert.deepEqual(treeDigest(site.output), before);
  assert.ok(!existsSync(`${site.output}.old-999999`));
});

test("leftovers of dead builds (staging and old outputs) are swept at the next build", async () => {
  const site = await buildFixture({ posts: { "a.md": essay("A") } });
  const parent = path.dirname(site.output);
  await mkdir(path.join(parent, "._site.building-999999-abc123", "posts"), { recursive: true });
  await writeFile(path.join(parent, "._site.building-999999-abc123", "posts", "x.html"), "half");
  await mkdir(`${site.output}.old-999998`);
  assert.ok((await site.rebuild()).ok);
  const left = (await readdir(parent)).filter((name) => name.includes(".building-") || name.includes(".old-"));
  assert.deepEqual(left, []);
});

test("a second build while one runs stops with a clear message and touches nothing; a dead holder's lock is taken over", async () => {
  const site = await buildFixture({ posts: { "a.md": essay("A") } });
  const before = treeDigest(site.output);
  const holder = spawn("sleep", ["30"]);
  try {
    await mkdir(path.join(site.root, ".cache"), { recursive: true });
    await writeFile(path.join(site.root, ".cache", "build.lock"), `${holder.pid}\n`);
    await writeFile(path.join(site.root, "posts", "b.md"), essay("B"));
    const second = await site.rebuild();
    assert.equal(second.ok, false);
    assert.match(second.lines.join("\n"), new RegExp(`another build \\(process ${holder.pid}\\) is running in .*${path.basename(site.root)}; this one stopped without touching _site`));
    assert.deepEqual(treeDigest(site.output), before);
  } finally {
    holder.kill();
  }
  await new Promise((resolve) => holder.once("exit", resolve));
  const third = await site.rebuild();
  assert.ok(third.ok, third.lines.join("\n"));
  assert.ok(existsSync(path.join(site.output, "posts", "b", "index.html")));
  assert.ok(!existsSync(path.join(site.root, ".cache", "build.lock")), "the lock is released");
});

test("a truncated JPEG is reported on one line, without Eleventy's stray 'Problem writing' line", async () => {
  const posts = { "a.md": essay("A", "![断图](cut.jpg)"), "cut.jpg": await truncatedJpeg() };
  const { value: site, lines } = await captureLog(() => buildFixture({ posts }));
  assert.equal(site.result.ok, false);
  const all = [...lines, ...site.result.lines];
  const damaged = site.result.lines.filter((line) => line.includes("is damaged"));
  assert.equal(damaged.length, 1, site.result.lines.join("\n"));
  assert.match(damaged[0], /posts\/a\.md:\d+: image "cut\.jpg" \(posts\/cut\.jpg\) is damaged and cannot be decoded \(.+\)$/);
  assert.ok(!damaged[0].includes("\n"), damaged[0]);
  assert.deepEqual(all.filter((line) => /Problem writing Eleventy templates/.test(line)), []);
});


test("control, separator and bidi-override characters in front-matter strings fail the build with file, field and code point", async () => {
  const site = await buildFixture({ posts: { "a.md": essay("A") } });
  const before = treeDigest(site.output);
  await writeFile(path.join(site.root, "posts", "nul.md"), '---\ntitle: "NUL"\ndate: 2025-03-01\ntags: ["ok", "bad\\0tag"]\n---\n\n正文\n');
  await writeFile(path.join(site.root, "posts", "rlo.md"), "---\ntitle: \"invoice\u202Etxt.exe\"\ndate: 2025-03-01\n---\n\n正文\n");
  await writeFile(path.join(site.root, "posts", "sep.md"), '---\ntitle: "Sep"\ndate: 2025-03-01\ndescription: "one\\u2028two"\ncover:\n  image: x.jpg\n  alt: "esc\\e[31m"\n---\n\n正文\n');
  const result = await site.rebuild();
  assert.equal(result.ok, false);
  const text = result.lines.join("\n");
  assert.match(text, /posts\/nul\.md:4: "tags\[1\]" contains U\+0000 NULL, an invisible character that is not allowed/);
  assert.match(text, /posts\/rlo\.md:2: "title" contains U\+202E RIGHT-TO-LEFT OVERRIDE/);
  assert.match(text, /posts\/sep\.md:4: "description" contains U\+2028 LINE SEPARATOR/);
  assert.match(text, /posts\/sep\.md:5: "cover\.alt" contains U\+001B ESCAPE/);
  assert.doesNotMatch(text, /\n\s+at /);
  assert.deepEqual(treeDigest(site.output), before);
});

test("deeply nested inline markup (10,000 *) builds: pages and feeds, no stack overflow", async () => {
  const deep = `${"*".repeat(10_000)}深${"*".repeat(10_000)}\n\n[链接](/posts/a/)`;
  const site = await buildFixture({ posts: { "deep.md": essay("Deep", deep), "a.md": essay("A") } });
  assert.ok(site.result.ok, site.result.lines.join("\n"));
  assert.ok((await site.read("/posts/deep/")).includes("<strong><strong>"));
  const feed = await site.read("/feed.xml");
  assert.ok(feed.includes("https://"), "the feed has the essay with absolute links");
  assert.match(feed, /&lt;strong&gt;&lt;strong&gt;|<strong><strong>/);
});
