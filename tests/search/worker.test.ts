/**
 * The preview's search worker: the same index as the in-process build, shard by shard, the
 * cache reused, Pagefind's errors carried back with their message, and the environment read
 * as it is when a job runs (not when the thread started).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeFixtureRoot } from "../helpers/site.ts";
import { buildSearchIndex, type SearchRecord } from "../../lib/search/index.ts";
import { searchWorker } from "../../lib/search/worker.ts";
import { WenjiError } from "../../lib/content/problems.ts";

function records(prefix: string, count: number): SearchRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    url: `/posts/${prefix}-${i}/`,
    lang: i % 3 === 0 ? "en" : "zh-cn",
    locale: i % 3 === 0 ? "en" : "zh-CN",
    title: `${prefix} ${i}`,
    body: i % 3 === 0 ? `<p>Essay ${i} keeps an archive of copies.</p>` : `<p>第${i}篇，说到书店和副本。</p>`,
  }));
}

async function withEnv<T>(name: string, value: string, work: () => Promise<T>): Promise<T> {
  process.env[name] = value;
  try {
    return await work();
  } finally {
    delete process.env[name];
  }
}

test("the worker builds, caches and places the same shards as the in-process build", async () => {
  const root = await makeFixtureRoot({ posts: {} });
  const list = records("w", 9);
  const viaWorker = await withEnv("WENJI_SEARCH_SHARD_ESSAYS", "2", () => searchWorker().index(root, list));
  assert.equal(viaWorker.pages, 9);
  assert.equal(viaWorker.indexed, viaWorker.shards.length);
  assert.ok(viaWorker.shards.length >= 3, `shards of 2: ${viaWorker.shards.length}`);
  assert.ok(viaWorker.shards.every((shard) => shard.records.length === 0), "records stay on the main thread");
  // The in-process build names the same shards and finds each in the cache the worker filled.
  const inProcess = await withEnv("WENJI_SEARCH_SHARD_ESSAYS", "2", () => buildSearchIndex(root, list));
  assert.deepEqual(inProcess.shards.map((s) => [s.lang, s.index, s.key]), viaWorker.shards.map((s) => [s.lang, s.index, s.key]));
  assert.equal(inProcess.indexed, 0);

  const target = path.join(root, "_site", "pagefind");
  await searchWorker().place(viaWorker, target);
  const counts = JSON.parse(await readFile(path.join(target, "shards.json"), "utf8")) as Record<string, number>;
  assert.equal(counts.en + counts["zh-cn"], viaWorker.shards.length);
  assert.ok((await readdir(path.join(target, "zh-cn", "0"))).includes("pagefind.js"));
});

test("the worker reports Pagefind's failure with its message, reading the environment of the moment", async () => {
  const root = await makeFixtureRoot({ posts: {} });
  // The thread is running before the variable is set (this file's first test started it, or this call does).
  await searchWorker().index(root, records("warm", 1));
  const fake = path.join(root, "fake-pagefind.sh");
  await writeFile(fake, "#!/bin/sh\necho 'index: out of disk space' >&2\nexit 3\n", { mode: 0o755 });
  await withEnv("PAGEFIND_EXTENDED_BINARY_PATH", fake, () =>
    assert.rejects(searchWorker().index(root, records("new", 2)), (error: unknown) => error instanceof WenjiError && /Pagefind failed \(exit 3\): index: out of disk space/.test(error.message)),
  );
  const left = await readdir(path.join(root, ".cache", "search"));
  assert.equal(left.filter((entry) => entry.startsWith(".building-")).length, 0, "no half-built shard left");
  // And it keeps working once Pagefind is back.
  const again = await searchWorker().index(root, records("new", 2));
  assert.deepEqual([again.shards.length, again.indexed], [2, 2], "an English and a Chinese shard, both indexed now");
});
