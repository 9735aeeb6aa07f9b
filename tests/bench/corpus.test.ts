// The benchmark corpus: deterministic for a seed, and shaped as the performance issue asks
// (checked through wenji's own loader, so every generated essay is valid input).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, lstat, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { generateCorpus, writeCorpusSite, TAGS } from "../../lib/bench/corpus.ts";
import { loadSite } from "../../lib/content/site.ts";
import { PROJECT } from "../helpers/site.ts";

const HAN = /\p{Script=Han}/gu;

function bodyOf(text: string): string {
  return text.slice(text.indexOf("\n---\n", 4) + 5);
}

test("the same seed gives byte-identical corpora; another seed a different one", () => {
  const a = generateCorpus({ essays: 40, seed: 7 });
  const b = generateCorpus({ essays: 40, seed: 7 });
  const c = generateCorpus({ essays: 40, seed: 8 });
  assert.deepEqual(a, b);
  assert.deepEqual(a.files.map((f) => f.path), c.files.map((f) => f.path), "paths depend on N only");
  assert.notDeepEqual(a.files.map((f) => f.content), c.files.map((f) => f.content));
});

test("a larger corpus starts with the same essays' names, in the same layout", () => {
  const small = generateCorpus({ essays: 10 }).files.map((f) => f.path);
  const large = generateCorpus({ essays: 30 }).files.map((f) => f.path);
  assert.deepEqual(large.slice(0, small.length), small);
});

test("N Chinese essays of about 1,500 Han characters, with headings, a list, code and links", () => {
  const corpus = generateCorpus({ essays: 80 });
  const zh = corpus.files.filter((f) => /\.md$/.test(f.path) && !/\.en\.md$/.test(f.path));
  assert.equal(zh.length, 80);
  assert.equal(corpus.stats.zh, 80);
  for (const file of zh) {
    const body = bodyOf(String(file.content));
    const han = body.match(HAN)?.length ?? 0;
    assert.ok(han >= 1300 && han <= 1800, `${file.path}: ${han} Han characters`);
    const headings = body.match(/^#{2,3} /gm) ?? [];
    assert.ok(headings.length >= 3 && headings.length <= 6, `${file.path}: ${headings.length} headings`);
    assert.match(body, /^## /m, `${file.path}: no h2`);
    assert.match(body, /^- \S/m, `${file.path}: no list`);
    assert.match(body, /^```\w+\n[\s\S]+?\n```$/m, `${file.path}: no fenced code block with a language`);
    assert.match(body, /\]\(https:\/\/[^)]+\)/, `${file.path}: no external link`);
  }
  assert.ok(zh.some((f) => /\]\(\/posts\/essay-\d+\/\)/.test(String(f.content))), "no essay links another");
});

test("half as many English translations; some essays are page bundles with a local image", () => {
  const corpus = generateCorpus({ essays: 80 });
  const en = corpus.files.filter((f) => f.path.endsWith(".en.md"));
  assert.equal(en.length, 40);
  for (const file of en) {
    const original = file.path.replace(/\.en\.md$/, ".md");
    assert.ok(corpus.files.some((f) => f.path === original), `${file.path} translates nothing`);
  }
  const images = corpus.files.filter((f) => f.path.endsWith(".png"));
  assert.ok(images.length >= 5, `${images.length} images`);
  for (const image of images) {
    const bytes = image.content as Buffer;
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], `${image.path} is not a PNG`);
    const index = corpus.files.find((f) => f.path === path.posix.join(path.posix.dirname(image.path), "index.md"));
    assert.match(String(index?.content), /!\[[^\]]*\]\(figure\.png/, `${image.path} is not shown by its bundle`);
  }
});

test("PaperMod front matter, ~50 tags in both languages, 8 categories, past dates: valid for wenji's loader", async () => {
  const corpus = generateCorpus({ essays: 300 });
  const first = String(corpus.files[0].content);
  for (const key of ["title:", "date:", "categories:", "tags:", "description:", "weight:", "draft: false", "comments:", "showToc:", "TocOpen:", "hidemeta:", "disableShare:", "showbreadcrumbs:", "cover:", "    image:", "    relative:"]) {
    assert.ok(first.includes(`\n${key}`), `front matter lacks ${key}`);
  }
  assert.equal(TAGS.length, 50);
  assert.ok(TAGS.some((t) => /\p{Script=Han}/u.test(t)) && TAGS.some((t) => /^[A-Za-z]/.test(t)));
  assert.ok(corpus.stats.tags >= 45, `${corpus.stats.tags} tags used`);
  assert.equal(corpus.stats.categories, 8);

  const root = await mkdtemp(path.join(os.tmpdir(), "wenji-corpus-test-"));
  try {
    await writeCorpusSite(root, corpus, { project: PROJECT });
    assert.ok((await lstat(path.join(root, "_includes"))).isSymbolicLink());
    assert.ok((await lstat(path.join(root, "assets"))).isSymbolicLink());
    assert.equal(JSON.parse(await readFile(path.join(root, "package.json"), "utf8")).type, "module");
    const { model, warnings } = await loadSite(root, { preview: false });
    assert.deepEqual(warnings, []);
    assert.equal(model.leftOut.length, 0, "every essay is published (dates in the past)");
    assert.equal(model.byLanguage.zh.length, 300);
    assert.equal(model.byLanguage.en.length, 150);
    const now = DateTime.now();
    assert.ok(model.essays.every((e) => e.date < now));
    // Essays are numbered from 1; the odd-numbered ones have an English translation.
    const numberOf = (file: string) => Number(/essay-(\d+)/.exec(file)![1]);
    assert.ok(model.essays.filter((e) => e.lang === "zh").every((e) => e.translations.length === numberOf(e.file) % 2));
    const kinds = new Set<string>(model.pages.map((p) => p.kind));
    for (const kind of ["essay", "home", "archives", "terms", "term"]) assert.ok(kinds.has(kind), `no ${kind} page`);
    assert.ok(model.essays.filter((e) => e.lang === "zh").every((e) => e.tocHtml.includes("<a")), "every essay has a table of contents");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
