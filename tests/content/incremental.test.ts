/**
 * Incremental builds: `npm run build` re-renders only the pages that can have changed and links
 * the rest from the previous output. Every case compares the result, file by file, with a full
 * build of the same sources in a fresh folder: reuse must never change what is served.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildFixture, PROJECT, type Fixture } from "../helpers/site.ts";
import { buildWithCli, captureLog } from "../images/helpers.ts";

const essay = (title: string, date: string, body: string, extra = "") => `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n\n${body}\n`;
const POSTS: Record<string, string> = {
  "a.md": essay("第一篇", "2025-01-01", "第一篇的正文。", "tags: [旧书]\n"),
  "b.md": essay("第二篇", "2025-01-02", "第二篇的正文。", "tags: [旧书, 城市]\n"),
  "c.md": essay("第三篇", "2025-01-03", "第三篇的正文。", "tags: [城市]\n"),
  "c.en.md": essay("Third", "2025-01-03", "The third one."),
  "d.md": essay("第四篇", "2025-01-04", "第四篇的正文。"),
};

const pagesLine = (lines: string[]) => lines.find((line) => /\bpages: \d+ rendered/.test(line)) ?? "";

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(dir, path.join(entry.parentPath, entry.name));
    // Pagefind's files are checked by the search tests; the rest must match byte for byte.
    if (file.startsWith("pagefind/")) continue;
    files.set(file, await readFile(path.join(dir, file)));
  }
  return files;
}

/** The same sources built from scratch elsewhere: what the incremental output must equal. */
async function assertSameAsFullBuild(site: Fixture): Promise<void> {
  const fresh = await mkdtemp(path.join(os.tmpdir(), "wenji-full-"));
  await cp(path.join(site.root, "posts"), path.join(fresh, "posts"), { recursive: true });
  await cp(path.join(site.root, "_data"), path.join(fresh, "_data"), { recursive: true });
  await cp(path.join(site.root, "_includes"), path.join(fresh, "_includes"), { recursive: true, dereference: true });
  await symlink(path.join(PROJECT, "assets"), path.join(fresh, "assets"));
  // In a fresh process: Eleventy keeps compiled templates per process, by path.
  const full = await buildWithCli(fresh);
  assert.equal(full.code, 0, full.stderr);
  assert.match(pagesLine(full.stdout.split("\n")), /pages: \d+ rendered$/, "the reference build renders everything");
  const [want, got] = [await filesOf(path.join(fresh, "_site")), await filesOf(site.output)];
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
  for (const [file, content] of want) assert.ok(content.equals(got.get(file)!), `${file} differs from a full build`);
  await rm(fresh, { recursive: true, force: true });
}

async function rebuild(site: Fixture): Promise<{ line: string; total: number; rendered: number }> {
  const { value, lines } = await captureLog(() => site.rebuild());
  assert.equal(value.ok, true, value.lines.join("\n"));
  const line = pagesLine(lines);
  const match = /pages: (\d+) rendered(?:, (\d+) unchanged)?/.exec(line);
  assert.ok(match, `no pages line in:\n${lines.join("\n")}`);
  const rendered = Number(match[1]);
  return { line, rendered, total: rendered + Number(match[2] ?? 0) };
}

test("nothing changed: no page is rendered, every page is linked, the output equals a full build", async () => {
  const site = await buildFixture({ posts: POSTS });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  const again = await rebuild(site);
  assert.equal(again.rendered, 0, again.line);
  assert.ok(again.total > 15, again.line);
  await assertSameAsFullBuild(site);
});

test("an edited essay re-renders the pages that show it, and the output equals a full build", async () => {
  const site = await buildFixture({ posts: POSTS });
  await writeFile(path.join(site.root, "posts", "b.md"), essay("第二篇", "2025-01-02", "第二篇改过的正文。", "tags: [旧书, 城市]\n"));
  const body = await rebuild(site);
  assert.ok(body.rendered > 0 && body.rendered < body.total / 2, body.line);
  assert.match(await site.read("/posts/b/"), /第二篇改过的正文/);
  await assertSameAsFullBuild(site);

  // A new title shows on its neighbours' pages, its tags' pages, the home page, the archives.
  await writeFile(path.join(site.root, "posts", "b.md"), essay("第二篇（新题）", "2025-01-02", "第二篇改过的正文。", "tags: [旧书, 城市]\n"));
  const title = await rebuild(site);
  assert.ok(title.rendered > 0 && title.rendered < title.total, title.line);
  assert.match(await site.read("/posts/a/"), /第二篇（新题）/, "the previous essay links the next by its title");
  await assertSameAsFullBuild(site);

  // Removing an essay removes its page; adding one adds it.
  await unlink(path.join(site.root, "posts", "d.md"));
  await writeFile(path.join(site.root, "posts", "e.md"), essay("第五篇", "2025-01-05", "新来的一篇。", "tags: [城市]\n"));
  await rebuild(site);
  assert.equal(site.exists("/posts/d/"), false);
  assert.ok(site.exists("/posts/e/"));
  await assertSameAsFullBuild(site);
});

test("a changed setting or template renders every page", async () => {
  const site = await buildFixture({ posts: POSTS });
  const settings = path.join(site.root, "_data", "site.json");
  await writeFile(settings, JSON.stringify({ ...JSON.parse(await readFile(settings, "utf8")), title: "另一个名字" }, null, 2));
  const setting = await rebuild(site);
  assert.equal(setting.rendered, setting.total, setting.line);
  await assertSameAsFullBuild(site);

  // The fixture's templates are the project's (a symlink): give it its own copy to edit.
  const includes = path.join(site.root, "_includes");
  await unlink(includes);
  await cp(path.join(PROJECT, "_includes"), includes, { recursive: true });
  const footer = path.join(includes, "layouts", "base.njk");
  await writeFile(footer, (await readFile(footer, "utf8")).replace("</body>", "<!-- edited --></body>"));
  // A fresh process, as \`npm run build\` is: Eleventy keeps compiled templates per process.
  const cli = await buildWithCli(site.root);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, new RegExp(`pages: ${setting.total} rendered\n`));
  assert.match(await site.read("/posts/a/"), /<!-- edited -->/);
  await assertSameAsFullBuild(site);
});

test("a deleted or replaced output, or a failed build in between, never lends pages", async () => {
  const site = await buildFixture({ posts: POSTS });
  await rm(site.output, { recursive: true, force: true });
  const deleted = await rebuild(site);
  assert.equal(deleted.rendered, deleted.total, deleted.line);

  // Someone else's folder in its place (same names, other contents) is not the previous build.
  const other = `${site.output}-other`;
  await cp(site.output, other, { recursive: true });
  await writeFile(path.join(other, "posts", "a", "index.html"), "not ours");
  await rm(site.output, { recursive: true, force: true });
  await cp(other, site.output, { recursive: true });
  const replaced = await rebuild(site);
  assert.equal(replaced.rendered, replaced.total, replaced.line);
  assert.doesNotMatch(await site.read("/posts/a/"), /not ours/);

  // A failed build leaves the output and its manifest as they were: the next build after the
  // fix reuses the pages of the last good one.
  await writeFile(path.join(site.root, "posts", "bad.md"), "---\ntitle: 坏的\ndate: 不是日期\n---\n\n正文\n");
  const { value: failed } = await captureLog(() => site.rebuild());
  assert.equal(failed.ok, false);
  await unlink(path.join(site.root, "posts", "bad.md"));
  const fixed = await rebuild(site);
  assert.equal(fixed.rendered, 0, fixed.line);
  await assertSameAsFullBuild(site);
});

test("the sample site (bundles, images, translations): an edit rebuilt incrementally equals a full build", async () => {
  const site = await buildFixture({ samplePosts: true });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  const files = await readdir(path.join(site.root, "posts"), { recursive: true });
  const target = path.join(site.root, "posts", files.find((f) => /shuyuan-zhi-lu\/index\.md$/.test(f))!);
  await writeFile(target, `${await readFile(target, "utf8")}\n后来又去了一次。\n`);
  const edited = await rebuild(site);
  assert.ok(edited.rendered > 0 && edited.rendered < edited.total, edited.line);
  await assertSameAsFullBuild(site);
});
