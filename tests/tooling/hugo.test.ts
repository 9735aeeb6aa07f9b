import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildSite } from "../../lib/build.ts";
import { buildFixture, makeFixtureRoot, outputFile, PROJECT } from "../helpers/site.ts";
import { parseHTML } from "linkedom";
import { runScript } from "../helpers/run.ts";

const HUGO = path.join(PROJECT, "tests", "fixtures", "hugo-site");

/** A fixture root whose assets/ is its own copy: the importer writes into it. */
async function siteRoot(): Promise<string> {
  const root = await makeFixtureRoot({});
  await rm(path.join(root, "assets"));
  await cp(path.join(PROJECT, "assets"), path.join(root, "assets"), { recursive: true });
  return root;
}

test("import:hugo copies a PaperMod site's essays, translations, bundle and static images; the result builds and checks clean", async () => {
  const root = await siteRoot();
  const run = await runScript("import-hugo.ts", [HUGO], { cwd: root });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  for (const file of ["posts/kaiyuan-xieyi.md", "posts/kaiyuan-xieyi.en.md", "posts/xishan-trip/index.md", "posts/xishan-trip/index.en.md", "posts/xishan-trip/ridge.jpg", "assets/images/licenses.png"]) {
    assert.ok(existsSync(path.join(root, file)), file);
  }
  assert.match(run.stdout, /^converted posts\/kaiyuan-xieyi\.md: image \/images\/licenses\.png now \/assets\/images\/licenses\.png$/m);
  assert.match(run.stdout, /^converted posts\/kaiyuan-xieyi\.md: Hugo shortcodes figure ×1, highlight ×1, ref ×1 render as before$/m);
  assert.match(run.stdout, /^converted posts\/_index\.md: kept as the mark of a Hugo section/m);
  assert.ok(existsSync(path.join(root, "posts", "_index.md")), "the section mark is kept");
  assert.match(run.stdout, /^skipped 1 non-image file under static\/ \(robots\.txt\)/m);
  assert.match(run.stdout, /^  essays imported    4 \(2 zh, 2 en\)$/m);
  assert.match(run.stdout, /^  translations       2 paired$/m);
  assert.match(run.stdout, /^  images copied      2$/m);
  assert.match(run.stdout, /^  needs attention    0$/m);

  const check = await runScript("check.ts", [], { cwd: root });
  assert.equal(check.code, 0, check.stdout);

  const output = path.join(root, "_site");
  const built = await buildSite({ root, output, preview: false, quiet: true });
  assert.equal(built.ok, true, built.lines.join("\n"));
  const page = async (url: string) => parseHTML(await readFile(outputFile(output, url), "utf8")).document;

  const zh = await page("/posts/kaiyuan-xieyi/");
  assert.equal(zh.querySelector("h1")?.textContent?.trim(), "开源协议怎么选");
  const figure = zh.querySelector(".essay-body figure");
  // The image pipeline may re-encode it; whatever it serves must be in the build.
  const figureSrc = figure?.querySelector("img")?.getAttribute("src") ?? "";
  assert.ok(existsSync(outputFile(output, new URL(figureSrc, "http://x/posts/kaiyuan-xieyi/").pathname)), figureSrc);
  assert.equal(figure?.querySelector("img")?.getAttribute("alt"), "几种开源协议的比较");
  assert.equal(figure?.querySelector("figcaption")?.textContent, "宽松协议与著佐权协议");
  const code = zh.querySelector(".essay-body pre code.language-go");
  assert.ok(code, "highlight became a Go code block");
  assert.match(code!.innerHTML, /<span class="hljs-keyword">func<\/span>/);
  assert.doesNotMatch(zh.querySelector(".essay-body")!.innerHTML, /\{\{/);
  assert.equal(zh.querySelector('.essay-body a[href="/posts/xishan-trip/"]')?.textContent, "西山行记");

  const en = await page("/en/posts/kaiyuan-xieyi/");
  assert.equal(en.querySelector("h1")?.textContent?.trim(), "Choosing an Open Source License");
  assert.ok(en.querySelector(`.essay-body a[href="/posts/kaiyuan-xieyi/#${encodeURIComponent("宽松协议")}"]`), en.querySelector(".essay-body")!.innerHTML);
  assert.ok(zh.querySelector(`#${"宽松协议"}`), "the heading the English essay links to exists");

  const trip = await page("/posts/xishan-trip/");
  const tripSrc = trip.querySelector(".essay-body img")?.getAttribute("src") ?? "";
  assert.ok(existsSync(outputFile(output, new URL(tripSrc, "http://x/posts/xishan-trip/").pathname)), tripSrc);
  assert.ok(existsSync(outputFile(output, "/posts/xishan-trip/ridge.jpg")), "/posts/xishan-trip/ridge.jpg");
  assert.ok(existsSync(outputFile(output, "/en/posts/xishan-trip/ridge.jpg")), "/en/posts/xishan-trip/ridge.jpg");
  assert.ok(existsSync(outputFile(output, "/assets/images/licenses.png")), "/assets/images/licenses.png");
  assert.equal((await page("/en/posts/xishan-trip/")).querySelector("h1")?.textContent?.trim(), "A Walk in the Western Hills");
  assert.equal(trip.querySelector('.essay-body a[href="/posts/kaiyuan-xieyi/"]')?.textContent, "另一篇", "ref with a /posts/ path");
});

test("import:hugo never overwrites: a second import leaves edited essays alone and says what needs attention", async () => {
  const root = await siteRoot();
  assert.equal((await runScript("import-hugo.ts", [HUGO], { cwd: root })).code, 0);
  await writeFile(path.join(root, "posts/kaiyuan-xieyi.md"), (await readFile(path.join(root, "posts/kaiyuan-xieyi.md"), "utf8")) + "\n作者后来加的一段。\n");
  const before = await readFile(path.join(root, "posts/kaiyuan-xieyi.md"), "utf8");
  const again = await runScript("import-hugo.ts", [HUGO], { cwd: root });
  assert.equal(again.code, 1);
  assert.match(again.stdout, /^needs attention: posts\/kaiyuan-xieyi\.md already exists; content\/posts\/kaiyuan-xieyi\.md was not imported/m);
  assert.match(again.stdout, /^  essays imported    0$/m);
  assert.match(again.stdout, /^  needs attention    4\n    exists           4$/m);
  assert.equal(await readFile(path.join(root, "posts/kaiyuan-xieyi.md"), "utf8"), before);
});

test("import:hugo lists an unknown shortcode and a dangling ref as needing attention, with file and line", async () => {
  const hugo = await makeFixtureRoot({ files: { "content/posts/odd.md": "---\ntitle: 奇怪\ndate: 2024-01-01\n---\n\n{{< bilibili abc >}}\n\n[x]({{< ref \"gone.md\" >}})\n", "content/posts/loose.png": "x", "content/posts/notes.pdf": "x" } });
  const root = await siteRoot();
  const run = await runScript("import-hugo.ts", [hugo], { cwd: root });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^needs attention: posts\/odd\.md:6: warning: the site's own Hugo shortcode "bilibili" .*used 1 time in 1 file: posts\/odd\.md:6;/m);
  assert.match(run.stdout, /^needs attention: posts\/odd\.md:8: \{\{< ref "gone.md" >\}\}: no essay "gone.md"/m);
  assert.match(run.stdout, /^needs attention: content\/posts\/notes\.pdf is neither an image nor inside a page bundle/m);
  assert.ok(existsSync(path.join(root, "posts/loose.png")), "an image beside a single-file essay is copied");
});

test("import:hugo usage: no folder or two exit 2; a folder that is not a Hugo site exits 1", async () => {
  const root = await makeFixtureRoot({});
  assert.equal((await runScript("import-hugo.ts", [], { cwd: root })).code, 2);
  const missing = await runScript("import-hugo.ts", ["/nonexistent/site"], { cwd: root });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /\/nonexistent\/site: no such folder/);
  const notHugo = await runScript("import-hugo.ts", [root], { cwd: root });
  assert.equal(notHugo.code, 1);
  assert.match(notHugo.stderr, /has no content\/posts folder; is it a Hugo site\?/);
  assert.equal((await runScript("import-hugo.ts", ["--help"], { cwd: root })).code, 0);
});

test("a site's own shortcode is a warning once per kind, naming every file that uses it; the build goes on", async () => {
  const site = await buildFixture({ posts: { "ok.md": "---\ntitle: 好\ndate: 2024-01-01\n---\n\n正文。\n" } });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  await writeFile(path.join(site.root, "posts/a.md"), "---\ntitle: 甲\ndate: 2024-01-01\n---\n\n第一段。\n\n{{% notice info %}}\n注意\n{{% /notice %}}\n\n{{< bilibili BV1 >}}\n");
  await writeFile(path.join(site.root, "posts/b.md"), "---\ntitle: 乙\ndate: 2024-01-01\n---\n\n{{% notice warning %}}\n小心\n{{% /notice %}}\n");
  const rebuilt = await site.rebuild();
  assert.equal(rebuilt.ok, true, rebuilt.lines.join("\n"));
  const notices = rebuilt.lines.filter((l) => l.includes('"notice"'));
  assert.equal(notices.length, 1, "one line for the kind, not one per use");
  assert.match(notices[0], /posts\/a\.md:8: warning: the site's own Hugo shortcode "notice" .*used 2 times in 2 files: posts\/a\.md:8, posts\/b\.md:6; replace it with a blockquote/);
  assert.equal(rebuilt.lines.filter((l) => l.includes('"bilibili"')).length, 1);
  assert.match(await site.read("/posts/b/"), /\{\{% notice warning %\}\}/, "left as written, not lost");
});
