/**
 * The search index is built from the site model beside the build, split per language into
 * shards kept in .cache/search: which essays it holds, how shards are cut, when they are
 * reused, and that an edited essay re-indexes only its own shard.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildFixture, makeFixtureRoot, PROJECT as PROJECT_ROOT, type Fixture } from "../helpers/site.ts";
import { captureLog } from "../images/helpers.ts";
import { loadSite } from "../../lib/content/site.ts";
import { buildSearchIndex, groupShards, MAX_SHARDS, nameShard, SHARD_ESSAYS, sweepStopped, recordHtml, searchRecords, shardCount, type SearchRecord } from "../../lib/search/index.ts";

const essay = (title: string, date: string, body: string, extra = "") => `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n\n${body}\n`;
const POSTS = {
  "copies.md": essay("留住<文字> & 副本", "2025-01-01", "链接会失效，所以我们要留副本。"),
  "hidden.md": essay("不给搜索", "2025-01-02", "这一篇不想被搜到。", "searchHidden: true\n"),
  "draft.md": essay("草稿", "2025-01-03", "还没写完。", "draft: true\n"),
  "about.md": essay("关于", "2025-01-04", "关于这个网站。", "type: page\n"),
  "copies.en.md": essay("Keeping Words", "2025-01-01", "Links rot, so I keep an archive."),
};
/** The records' shards, each named by its content, as a build makes them. */
const searchShards = (records: SearchRecord[]) => Promise.all(groupShards(records).map(nameShard));
const searchLine = (lines: string[]) => lines.find((line) => /search: /.test(line)) ?? "";

/** Builds with shards of `size` essays (the real size is 500), restoring the setting after. */
async function withShardSize<T>(size: number, work: () => Promise<T>): Promise<T> {
  process.env.WENJI_SEARCH_SHARD_ESSAYS = String(size);
  try {
    return await work();
  } finally {
    delete process.env.WENJI_SEARCH_SHARD_ESSAYS;
  }
}

test("records: every shown essay page's body with its language and title; searchHidden, drafts and standalone pages left out", async () => {
  const site = await buildFixture({ posts: POSTS });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  const { model } = await loadSite(site.root, { preview: false });
  const records = searchRecords(model);
  assert.deepEqual(records.map((r) => [r.url, r.lang]), [["/en/posts/copies/", "en"], ["/posts/copies/", "zh-cn"]]);
  const zh = recordHtml(records.find((r) => r.url === "/posts/copies/")!);
  assert.match(zh, /^<!doctype html><html lang="zh-CN">/);
  assert.match(zh, /data-pagefind-body data-pagefind-meta="title\[data-title\]" data-title="留住&lt;文字&gt; &amp; 副本"/);
  assert.match(zh, /<h1>留住&lt;文字&gt; &amp; 副本<\/h1>\n<p>链接会失效，所以我们要留副本。<\/p>/);
  // In preview the draft is shown, so it is searchable there too.
  const { model: preview } = await loadSite(site.root, { preview: true });
  assert.ok(searchRecords(preview).some((r) => r.url === "/posts/draft/"));
});

test("shards: a power of two per language, at most 16, none empty, every record in exactly one", async () => {
  assert.deepEqual([0, 1, 500, 501, 1000, 1001, 2500, 8000, 100000].map((n) => shardCount(n, 500)), [1, 1, 1, 2, 2, 4, 8, 16, MAX_SHARDS]);
  const records: SearchRecord[] = [];
  for (let i = 0; i < 1300; i++) records.push({ url: `/posts/e${i}/`, lang: "zh-cn", locale: "zh-CN", title: `${i}`, body: `<p>${i}</p>` });
  for (let i = 0; i < 40; i++) records.push({ url: `/en/posts/e${i}/`, lang: "en", locale: "en", title: `${i}`, body: `<p>${i}</p>` });
  const shards = await searchShards(records);
  const zh = shards.filter((s) => s.lang === "zh-cn");
  // 1,300 essays in shards of at most SHARD_ESSAYS (250): 8, a power of two.
  assert.equal(SHARD_ESSAYS, 250);
  assert.deepEqual(zh.map((s) => s.index), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.ok(zh.every((s) => s.records.length > 100 && s.records.length < 230), zh.map((s) => s.records.length).join(","));
  assert.deepEqual(shards.filter((s) => s.lang === "en").map((s) => s.records.length), [40]);
  assert.equal(new Set(shards.flatMap((s) => s.records.map((r) => r.url))).size, records.length);
  // Editing one record renames its shard only.
  const edited = records.map((r) => (r.url === "/posts/e7/" ? { ...r, body: "<p>changed</p>" } : r));
  const after = await searchShards(edited);
  const changed = after.filter((s, i) => s.key !== shards[i].key);
  assert.equal(changed.length, 1);
  assert.ok(changed[0].records.some((r) => r.url === "/posts/e7/"));
});

test("an unchanged site reuses the cached shards; an edited essay re-indexes only its shard", async () => {
  const posts: Record<string, string> = {};
  for (let i = 0; i < 8; i++) posts[`e${i}.md`] = essay(`第${i}篇`, `2025-01-0${i + 1}`, `第${i}篇的正文，说到副本。`);
  posts["e0.en.md"] = essay("First", "2025-01-01", "An archive of copies.");
  const { value: site, lines } = await withShardSize(2, () => captureLog(() => buildFixture({ posts })));
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  const first = searchLine(lines);
  const [, zhShards] = /search: 9 essays in (\d+) shards: \1 indexed, 0 unchanged/.exec(first) ?? [];
  assert.ok(zhShards, first);
  const shards = JSON.parse(await site.read("/pagefind/shards.json"));
  assert.equal(shards.en, 1);
  assert.equal(shards["zh-cn"] + 1, Number(zhShards));
  assert.ok(shards["zh-cn"] >= 2 && shards["zh-cn"] <= 4, JSON.stringify(shards));
  // The primary shard brings Pagefind's script; the merged ones only their data; no UI kits.
  assert.ok(site.exists("/pagefind/zh-cn/0/pagefind.js"));
  assert.ok(site.exists("/pagefind/zh-cn/1/pagefind-entry.json"));
  assert.equal(site.exists("/pagefind/zh-cn/1/pagefind.js"), false);
  assert.equal(site.exists("/pagefind/zh-cn/0/pagefind-ui.js"), false);
  const cache = path.join(site.root, ".cache", "search");
  const cached = (await readdir(cache)).sort();
  assert.equal(cached.length, Number(zhShards));
  const entry = path.join(site.output, "pagefind", "en", "0", "pagefind-entry.json");
  const builtEntry = await readFile(entry, "utf8");

  await rm(site.output, { recursive: true, force: true });
  const again = await withShardSize(2, () => captureLog(() => site.rebuild()));
  assert.equal(again.value.ok, true);
  assert.match(searchLine(again.lines), /search: 9 essays in \d+ shards, unchanged: index reused from \.cache\/search/);
  assert.equal(await readFile(entry, "utf8"), builtEntry);
  const inCache = await Promise.all(cached.map((dir) => stat(path.join(cache, dir, "pagefind-entry.json")).then((s) => s.ino)));
  assert.ok(!inCache.includes((await stat(entry)).ino), "copied from the cache, not hard-linked: editing the output cannot change the cache");

  await writeFile(path.join(site.root, "posts", "e3.md"), essay("第3篇", "2025-01-04", "这一版换了一句话：书店。"));
  const edited = await withShardSize(2, () => captureLog(() => site.rebuild()));
  assert.equal(edited.value.ok, true);
  assert.match(searchLine(edited.lines), new RegExp(`search: 9 essays in ${zhShards} shards: 1 indexed, ${Number(zhShards) - 1} unchanged`));
  const now = (await readdir(cache)).sort();
  assert.equal(now.length, cached.length, "the replaced shard's old index is removed");
  assert.equal(now.filter((dir) => !cached.includes(dir)).length, 1);
});

test("an essay that is only a picture is indexed by its title", async () => {
  const { value: site, lines } = await captureLog(() => buildFixture({ posts: { "p.md": essay("一张旧照片", "2025-01-01", "![](data:image/gif;base64,R0lGODlhAQABAAAAACw=)") } }));
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  assert.match(searchLine(lines), /search: 1 essay in 1 shard: 1 indexed/);
});

test("a site with no searchable essay still builds, and its search page finds nothing", async () => {
  const { value: site, lines } = await captureLog(() => buildFixture({ posts: { "hidden.md": POSTS["hidden.md"] } }));
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  assert.match(lines.join("\n"), /search: no essay to index/);
  assert.deepEqual(JSON.parse(await site.read("/pagefind/shards.json")), {});
  assert.ok(site.exists("/search/"));
});

/**
 * Edits copies.md (so the index must change) and rebuilds with a "Pagefind" that writes to
 * stderr and exits 3: the build fails with that message and leaves the previous output.
 */
async function rebuildWithFailingPagefind(site: Fixture, body: string): Promise<void> {
  const before = await site.read("/pagefind/shards.json");
  const fake = path.join(site.root, "fake-pagefind.sh");
  await writeFile(fake, "#!/bin/sh\necho 'index: out of disk space' >&2\nexit 3\n", { mode: 0o755 });
  await writeFile(path.join(site.root, "posts", "copies.md"), essay("留住文字", "2025-01-01", body));
  process.env.PAGEFIND_EXTENDED_BINARY_PATH = fake;
  let result;
  try {
    result = await site.rebuild();
  } finally {
    delete process.env.PAGEFIND_EXTENDED_BINARY_PATH;
  }
  assert.equal(result.ok, false);
  assert.match(result.lines.join("\n"), /search: Pagefind failed \(exit 3\): index: out of disk space/);
  assert.equal(await site.read("/pagefind/shards.json"), before, "the previous output is intact");
}

test("Pagefind failing fails the build with its message; the previous site and search cache stay", async () => {
  const site = await buildFixture({ posts: { "copies.md": POSTS["copies.md"] } });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  await rebuildWithFailingPagefind(site, "改过的正文。");
  const cache = path.join(site.root, ".cache", "search");
  assert.equal((await readdir(cache)).filter((entry) => entry.startsWith(".building-")).length, 0, "no half-built shard left");
  // With Pagefind back, the next build succeeds.
  assert.equal((await site.rebuild()).ok, true);
});

test("a build's Pagefind runs follow one another while the main thread is busy rendering", async () => {
  const root = await makeFixtureRoot({ posts: {} });
  // A stand-in Pagefind that notes when each run starts (ms since the epoch), takes 150 ms, and
  // leaves an index's entry file.
  const log = path.join(root, "runs.log");
  const fake = path.join(root, "fake-pagefind.sh");
  await writeFile(
    fake,
    `#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = --output-path ] && out="$2"; shift; done\necho $(($(date +%s%N) / 1000000)) >> '${log}'\nsleep 0.15\nmkdir -p "$out" && echo '{}' > "$out/pagefind-entry.json"\n`,
    { mode: 0o755 },
  );
  const list: SearchRecord[] = Array.from({ length: 8 }, (_, i) => ({ url: `/posts/busy-${i}/`, lang: "zh-cn", locale: "zh-CN", title: `第${i}篇`, body: `<p>第${i}篇，说到书店。</p>` }));
  process.env.PAGEFIND_EXTENDED_BINARY_PATH = fake;
  process.env.WENJI_SEARCH_SHARD_ESSAYS = "1";
  try {
    const indexing = buildSearchIndex(root, list);
    // Eleventy rendering pages: the main thread does not return to its event loop for a while.
    const busyUntil = Date.now() + 1500;
    while (Date.now() < busyUntil);
    const result = await indexing;
    const starts = (await readFile(log, "utf8")).trim().split("\n").map(Number);
    assert.ok(result.shards.length >= 4, `shards of 1 essay: ${result.shards.length}`);
    assert.equal(result.indexed, result.shards.length);
    assert.equal(starts.length, result.shards.length, "one run per shard");
    // Chained on the main thread, the second run would start only once it is free.
    assert.ok(starts.every((start) => start < busyUntil), `runs started ${starts.map((s) => s - busyUntil).join(", ")} ms from the end of the busy spell`);
    for (const shard of result.shards) assert.ok(existsSync(path.join(result.cache, shard.key, "pagefind-entry.json")), `shard ${shard.index} in the cache`);
    assert.deepEqual((await readdir(result.cache)).filter((entry) => entry.startsWith(".building-")), [], "no pages left for Pagefind");
  } finally {
    delete process.env.PAGEFIND_EXTENDED_BINARY_PATH;
    delete process.env.WENJI_SEARCH_SHARD_ESSAYS;
  }
});

test("Pagefind failing while an essay's bundle is still being copied fails the build cleanly", async () => {
  // Eleventy runs its eleventy.after listeners side by side: search's failure arrives while the
  // content plugin still copies a bundle's files into the new output.
  const files: Record<string, string | Uint8Array> = { "copies.md": POSTS["copies.md"], "album/index.md": essay("相册", "2025-01-05", "一些照片。") };
  for (let i = 0; i < 300; i++) files[`album/note-${i}.txt`] = `第${i}张的说明。\n`.repeat(200);
  const site = await buildFixture({ posts: files });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  await rebuildWithFailingPagefind(site, "又改过的正文。");
  // Whatever was still being written, the half-built output is gone by the time the build returns.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const left = (await readdir(path.dirname(site.output))).filter((entry) => entry.includes(".building-"));
  assert.deepEqual(left, [], "no half-built output left beside the site");
});

test("what a stopped build left (records in /dev/shm, half-built shards) is removed by the next, and only that", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wenji-sweep-"));
  try {
    // A pid no process has (the highest pid Linux hands out is below 2^22).
    const gone = 4_194_999;
    const hourAgo = (Date.now() - 2 * 3600_000) / 1000;
    const make = async (name: string, old: boolean) => {
      await mkdir(path.join(dir, name, "posts"), { recursive: true });
      await writeFile(path.join(dir, name, "posts", "index.html"), "<p>记录</p>");
      if (old) await utimes(path.join(dir, name), hourAgo, hourAgo);
    };
    await make(`wenji-search-${gone}-aB3dE`, true); // stopped, untouched for two hours: removed
    await make(`wenji-search-${gone}-fresh`, false); // stopped a minute ago, or another namespace's: kept for now
    await make(`wenji-search-1-xYz12`, true); // pid 1 runs: kept
    await make(`wenji-search-${process.pid}-mine1`, true); // this process's own: kept
    await make(`other-${gone}-aB3dE`, true); // not ours: kept
    sweepStopped(dir, "wenji-search-");
    assert.deepEqual((await readdir(dir)).sort(), [`other-${gone}-aB3dE`, "wenji-search-1-xYz12", `wenji-search-${gone}-fresh`, `wenji-search-${process.pid}-mine1`].sort());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // A build's pruning sweeps the search cache's half-built shards the same way.
  const root = await makeFixtureRoot({ posts: {} });
  const cache = path.join(root, ".cache", "search");
  const stale = path.join(cache, ".building-4194999-0123456789abcdef0123");
  await mkdir(stale, { recursive: true });
  const old = (Date.now() - 2 * 3600_000) / 1000;
  await utimes(stale, old, old);
  await buildSearchIndex(root, [{ url: "/posts/a/", lang: "zh-cn", locale: "zh-CN", title: "甲", body: "<p>书店。</p>" }]);
  assert.ok(!existsSync(stale), "the stopped build's half-built shard is gone");
  assert.equal((await readdir(cache)).length, 1, "one shard, nothing else");
});

test("a build that exits while Pagefind runs takes its records out of memory with it", async () => {
  const root = await makeFixtureRoot({ posts: {} });
  const fake = path.join(root, "slow-pagefind.sh");
  await writeFile(fake, "#!/bin/sh\nsleep 3\n", { mode: 0o755 });
  // A process starts an index, then exits at once, as `npm run build` does after a failed build.
  const script = path.join(root, "exit-early.mts");
  const index = new URL("../../lib/search/index.ts", import.meta.url).href;
  await writeFile(
    script,
    `import { buildSearchIndex } from ${JSON.stringify(index)};\n` +
      `void buildSearchIndex(${JSON.stringify(root)}, [{ url: "/posts/a/", lang: "zh-cn", locale: "zh-CN", title: "甲", body: "<p>书店。</p>" }]);\n` +
      `setTimeout(() => { console.log(process.pid); process.exit(1); }, 300);\n`,
  );
  const { execFile } = await import("node:child_process");
  const pid = await new Promise<string>((resolve) => {
    execFile(process.execPath, ["--import", "tsx", script], { cwd: PROJECT_ROOT, env: { ...process.env, PAGEFIND_EXTENDED_BINARY_PATH: fake } }, (_error, stdout) => resolve(stdout.trim()));
  });
  assert.match(pid, /^\d+$/);
  for (const base of ["/dev/shm", os.tmpdir()]) {
    const left = (await readdir(base).catch(() => [] as string[])).filter((entry) => entry.startsWith(`wenji-search-${pid}-`));
    assert.deepEqual(left, [], `records left in ${base}`);
  }
});
