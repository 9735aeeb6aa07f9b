/**
 * `npm run check` reports every problem of every file in one run (issue 16 item 10), and
 * check and build read image references through one resolver (item 6): Typora's `image/`
 * folder beside a single-file essay is accepted and published; a missing or empty image is
 * an error with file and line, in check and in the build, before any image is encoded.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { buildSite } from "../../lib/build.ts";
import { buildFixture, makeFixtureRoot, outputFile } from "../helpers/site.ts";
import { runScript } from "../helpers/run.ts";

interface Finding {
  file: string;
  line?: number;
  rule: string;
  message: string;
}

async function check(root: string): Promise<Finding[]> {
  const run = await runScript("check.ts", ["--format", "json"], { cwd: root });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  return (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
}

const png = () => sharp({ create: { width: 40, height: 30, channels: 3, background: "#48c" } }).png().toBuffer();

test("an essay with invalid front matter still gets its body checked: missing image, link to a missing essay, shortcode", async () => {
  const root = await makeFixtureRoot({
    posts: {
      "ok.md": "---\ntitle: 好\ndate: 2024-01-01\n---\n\n正文。\n",
      "bad-date.md": "---\ntitle: 坏日期\ndate: yesterday\n---\n\n![缺失](gone.png)\n\n[无](/posts/nope/)\n\n{{< nosuch >}}\n",
      "bad-yaml.md": '---\ntitle: "未闭合\ndate: 2024-01-01\n---\n\n[好](/posts/ok/) 与 [无](/posts/none/)\n',
      "no-title.md": "---\ndate: 2024-01-01\n---\n\n[回到好文](/posts/ok/#没有这一节)\n",
    },
  });
  const findings = await check(root);
  const kinds = new Set(["front-matter", "missing-image", "image-alt", "broken-link", "broken-fragment", "shortcode"]);
  const of = (file: string) => findings.filter((f) => f.file === `posts/${file}` && kinds.has(f.rule)).map((f) => `${f.line}:${f.rule}`);
  assert.deepEqual(of("bad-date.md"), ["3:front-matter", "6:missing-image", "8:broken-link", "10:shortcode"]);
  assert.deepEqual(of("bad-yaml.md"), ["2:front-matter", "6:broken-link"]);
  assert.deepEqual(of("no-title.md"), ["1:front-matter", "5:broken-fragment"]);
  assert.deepEqual(of("ok.md"), []);
});

test("images beside a single-file essay (Typora's image/ folder) are accepted by check and published by the build", async () => {
  const site = await buildFixture({
    posts: {
      "note.md": "---\ntitle: 笔记\ndate: 2024-01-01\n---\n\n![示意图](image/diagram.png)\n",
      "image/diagram.png": await png(),
    },
  });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  const run = await runScript("check.ts", [], { cwd: site.root });
  assert.doesNotMatch(run.stdout, /image|not published/, run.stdout);
  const src = (await site.page("/posts/note/")).querySelector(".essay-body img")?.getAttribute("src") ?? "";
  assert.ok(src && existsSync(outputFile(site.output, src)), `published: ${src}`);
});

test("check: a missing image names what was looked for; an empty source is an error with file and line", async () => {
  const root = await makeFixtureRoot({
    posts: {
      "a.md": "---\ntitle: 甲\ndate: 2024-01-01\n---\n\n正文。\n\n![空](  )\n\n![缺](image/gone.png)\n\n<img src=\"\" alt=\"空的 HTML\">\n\n一段话，\n第二行，\n![段中](image/inside.png)\n",
    },
  });
  const findings = (await check(root)).filter((f) => f.rule === "missing-image");
  assert.deepEqual(findings.map((f) => [f.file, f.line]), [["posts/a.md", 8], ["posts/a.md", 10], ["posts/a.md", 12], ["posts/a.md", 16]]);
  assert.match(findings[0].message, /an image has no source/);
  assert.match(findings[1].message, /image "image\/gone\.png" not found \(looked for posts\/image\/gone\.png\)/);
});

test("the build reports missing and empty images with file and line before it encodes any image", async () => {
  const root = await makeFixtureRoot({
    posts: {
      "good.md": "---\ntitle: 好\ndate: 2024-01-01\n---\n\n![好图](image/fine.png)\n",
      "image/fine.png": await png(),
      "bad.md": "---\ntitle: 坏\ndate: 2024-01-01\n---\n\n正文。\n\n![缺](image/gone.png)\n\n![空]()\n",
    },
  });
  const result = await buildSite({ root, output: path.join(root, "_site"), preview: false, quiet: true });
  assert.equal(result.ok, false);
  const text = result.lines.join("\n");
  assert.match(text, /posts\/bad\.md:8: image "image\/gone\.png" not found/);
  assert.match(text, /posts\/bad\.md:10: an image has no source/);
  const store = path.join(root, ".cache", "images", "files");
  const encoded = existsSync(store) ? readdirSync(store) : [];
  assert.deepEqual(encoded, [], "no image was encoded before the error");
});
