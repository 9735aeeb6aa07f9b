// Preview rebuilds render only pages whose output can have changed. These tests edit a site
// the way an author does and check which pages the fingerprints send to rendering.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeFixtureRoot } from "../helpers/site.ts";
import { loadSite } from "../../lib/content/site.ts";
import { fingerprintSite, pagesToRender } from "../../lib/content/preview.ts";
import { generateCorpus } from "../../lib/bench/corpus.ts";

async function corpusRoot(): Promise<string> {
  const posts = Object.fromEntries(
    generateCorpus({ essays: 24 })
      .files.filter((f) => f.path.startsWith("posts/") && f.path.endsWith(".md"))
      .map((f) => [f.path.slice("posts/".length), String(f.content)]),
  );
  return makeFixtureRoot({ posts });
}

async function rendered(root: string, edit: () => Promise<void>): Promise<Set<string>> {
  const before = await loadSite(root, { preview: true });
  const previous = fingerprintSite(before.model);
  await edit();
  const after = await loadSite(root, { preview: true });
  return new Set(pagesToRender(after.model.pages, fingerprintSite(after.model), previous).map((p) => p.url));
}

test("nothing changed: nothing renders; without earlier fingerprints: everything does", async () => {
  const root = await corpusRoot();
  try {
    assert.equal((await rendered(root, async () => {})).size, 0);
    const { model } = await loadSite(root, { preview: true });
    assert.equal(pagesToRender(model.pages, fingerprintSite(model), undefined).length, model.pages.length);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("editing one essay's body renders its page and the pages that show or link it, no other essay", async () => {
  const root = await corpusRoot();
  const file = path.join(root, "posts", "essay-00005.md");
  try {
    const { model } = await loadSite(root, { preview: true });
    const essay = model.essays.find((e) => e.file === "posts/essay-00005.md")!;
    const related = new Set([essay, essay.previous, essay.next, ...essay.translations].map((e) => e?.url));
    const pages = await rendered(root, async () => writeFile(file, `${await readFile(file, "utf8")}\n新加的一段话，读者会看到它。\n`));
    assert.ok(pages.has("/posts/essay-00005/"), "the edited essay's page");
    assert.ok(pages.has("/archives/"), "archives list every essay (its reading time may change)");
    const otherEssays = model.essays.filter((e) => !related.has(e.url) && pages.has(e.url));
    assert.deepEqual(otherEssays.map((e) => e.url), [], "pages of essays that neither show nor link the edited one");
    assert.ok(pages.size < model.pages.length / 3, `${pages.size} of ${model.pages.length} pages rendered for one edit`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("a new title reaches the neighbours' previous/next links and the translation's page", async () => {
  const root = await corpusRoot();
  const file = path.join(root, "posts", "essay-00005.md");
  try {
    const { model } = await loadSite(root, { preview: true });
    const essay = model.essays.find((e) => e.file === "posts/essay-00005.md")!;
    const pages = await rendered(root, async () => writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, 'title: "全新的标题"')));
    for (const other of [essay.previous, essay.next, ...essay.translations]) {
      if (other) assert.ok(pages.has(other.url), `${other.url} shows the old title`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("changing a site setting or a UI string renders every page", async () => {
  const root = await corpusRoot();
  try {
    const { model } = await loadSite(root, { preview: true });
    const zh = path.join(root, "_data", "i18n", "zh.json");
    const pages = await rendered(root, async () => {
      const strings = JSON.parse(await readFile(zh, "utf8"));
      strings.toc = "本文目录";
      await writeFile(zh, JSON.stringify(strings));
    });
    assert.equal(pages.size, model.pages.length);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("a rebuild reuses an unchanged essay's render, and renders again when its body or body line moves", async () => {
  const essay = (frontMatterExtra: string, body: string) => `---\ntitle: 甲\ndate: 2025-01-01\n${frontMatterExtra}---\n\n${body}\n`;
  const root = await makeFixtureRoot({ posts: { "a.md": essay("", "第一段。\n\n![图](x.png)"), "b.md": essay("", "乙文。") } });
  const file = (name: string) => path.join(root, "posts", name);
  const essayOf = async (name: string) => (await loadSite(root, { preview: false })).model.essays.find((e) => e.file === `posts/${name}`)!;
  try {
    const first = await essayOf("a.md");
    assert.equal(first.images[0].line, 8);
    assert.equal((await essayOf("a.md")).headings, first.headings, "unchanged: the same render");
    await writeFile(file("a.md"), essay("description: 新\n", "第一段。\n\n![图](x.png)"));
    const moved = await essayOf("a.md");
    assert.equal(moved.images[0].line, 9, "one more front matter line: image lines follow");
    await writeFile(file("a.md"), essay("description: 新\n", "改过的第一段。\n\n![图](x.png)"));
    assert.match((await essayOf("a.md")).html, /改过的第一段/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
