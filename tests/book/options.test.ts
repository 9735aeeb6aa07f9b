import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { epubcheck, makeBooks, text, unzipBook, type BookSet } from "./fixture.ts";
import { makeBook } from "../../lib/book/book.ts";
import { bookEssays, BookFilterError } from "../../lib/book/select.ts";
import type { SiteModel } from "../../lib/content/model.ts";
import { PROJECT } from "../helpers/site.ts";

let set: BookSet;
before(async () => {
  set = await makeBooks();
});

const titles = (model: SiteModel, filter: Parameters<typeof bookEssays>[2]) => bookEssays(model, "zh", filter).map((e) => e.title);

test("filters narrow the book: tag, category, dates; orders: oldest, newest, pinned", () => {
  const all = bookEssays(set.model, "zh");
  assert.ok(all.length >= 5);
  assert.deepEqual(titles(set.model, { tag: "KubeSphere" }), ["开源的记忆", "为什么我们要留副本"]);
  assert.deepEqual(titles(set.model, { tag: "kubesphere" }), ["开源的记忆", "为什么我们要留副本"], "tags match ignoring case");
  assert.ok(titles(set.model, { category: "技术" }).includes("为什么我们要留副本"));
  const since = titles(set.model, { since: "2026-01-01" });
  assert.ok(since.length > 0 && since.length < all.length);
  assert.ok(bookEssays(set.model, "zh", { since: "2026-01-01" }).every((e) => e.date.year >= 2026));
  assert.deepEqual(titles(set.model, { until: "2025-06-02" }).includes("公式、图形与缺失的图片"), false);
  assert.deepEqual(titles(set.model, { order: "newest" }), titles(set.model, { order: "oldest" }).reverse());
  assert.throws(() => bookEssays(set.model, "zh", { since: "2025-13-01" }), (error: Error) => error instanceof BookFilterError && /--since: "2025-13-01" is not a day; expected YYYY-MM-DD/.test(error.message));
});

test("pinned order puts pinned essays first, lower weight first, then the rest oldest first", () => {
  const essays = bookEssays(set.model, "zh");
  const [a, b] = essays.slice(-2);
  const pin = (e: (typeof essays)[number]) => (e === a ? { ...e, pinned: true, weight: 90 } : e === b ? { ...e, pinned: true, weight: 80 } : e);
  const pinned = { ...set.model, byLanguage: { ...set.model.byLanguage, zh: set.model.byLanguage.zh.map(pin) } };
  const ordered = bookEssays(pinned, "zh", { order: "pinned" });
  const count = ordered.filter((e) => e.pinned).length;
  assert.ok(ordered.slice(0, count).every((e) => e.pinned), "pinned essays come first");
  assert.deepEqual(ordered.slice(count - 2, count).map((e) => e.title), [b.title, a.title], "by weight");
  const rest = ordered.slice(count);
  assert.ok(rest.every((e, i) => i === 0 || rest[i - 1].date <= e.date), "the rest oldest first");
});

test("book.cover: the image is the cover, marked cover-image, and epubcheck stays clean", async () => {
  await copyFile(path.join(set.root, "posts", "shuyuan-zhi-lu", "street.jpg"), path.join(set.root, "cover.jpg"));
  const { site } = set.model.settings;
  const model = { ...set.model, settings: { ...set.model.settings, site: { ...site, book: { ...site.book, cover: "cover.jpg" } } } };
  const book = await makeBook(model, { root: set.root, lang: "zh" });
  const files = unzipBook(book);
  assert.match(text(files, "EPUB/package.opf"), /<item id="cover-image" href="images\/cover\.jpg" media-type="image\/jpeg" properties="cover-image"\/>/);
  assert.match(text(files, "EPUB/cover.xhtml"), /<img src="images\/cover\.jpg"/);
  const file = path.join(set.dir, "cover.epub");
  await writeFile(file, book.bytes);
  const result = await epubcheck(file);
  assert.deepEqual([result.errors, result.warnings], [0, 0], result.report);
  const missing = { ...model, settings: { ...model.settings, site: { ...site, book: { ...site.book, cover: "nowhere.png" } } } };
  await assert.rejects(makeBook(missing, { root: set.root, lang: "zh" }), /book\.cover: "nowhere\.png" not found/);
});

const run = promisify(execFile);

test("npm run book writes the filtered books; a bad option is a usage error (exit 2)", async () => {
  const script = path.join(PROJECT, "scripts", "book.ts");
  const env = { ...process.env, WENJI_OFFLINE: "1" };
  const { stdout } = await run(process.execPath, ["--import", import.meta.resolve("tsx"), script, "--lang", "zh", "--tag", "开源", "--out", "out"], { cwd: set.root, env });
  assert.match(stdout, /book: out\/wenji\.example\.org-zh\.epub: \d+ essays/);
  assert.deepEqual(await readdir(path.join(set.root, "out")), ["wenji.example.org-zh.epub"]);
  const failed = await run(process.execPath, ["--import", import.meta.resolve("tsx"), script, "--until", "yesterday"], { cwd: set.root, env }).then(
    () => assert.fail("a bad --until is refused"),
    (error: { code: number; stderr: string }) => error,
  );
  assert.equal(failed.code, 2);
  assert.match(failed.stderr, /--until: "yesterday" is not a day/);
});
