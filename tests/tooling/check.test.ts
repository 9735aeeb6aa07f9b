import { test } from "node:test";
import assert from "node:assert/strict";
import { makeFixtureRoot } from "../helpers/site.ts";
import { runScript } from "../helpers/run.ts";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

/** One problem of each kind, each in a known file at a known line; everything else is correct. */
const BROKEN = {
  "target.md": "---\ntitle: 目标\ndate: 2025-01-01\ntags: [开源]\n---\n\n## 第一节\n\n正文。\n",
  "target.en.md": "---\ntitle: Target\ndate: 2025-01-01\n---\n\n## First part\n\nBody.\n",
  "links.md": [
    "---",
    "title: 链接",
    "date: 2025-01-02",
    "---",
    "",
    "好的链接：[目标](/posts/target/)、[小节](/posts/target/#第一节)、[标签](/tags/开源/)、[英文](/en/posts/target/)、[引用]({{< ref \"target.md\" >}})。", // 6
    "",
    "坏的文章链接：[无](/posts/nope/)。", // 8
    "",
    "坏的标签链接：[无](/tags/不存在/)。", // 10
    "",
    "坏的小节链接：[无](/posts/target/#第二节)。", // 12
    "",
    "坏的译文链接：[无](/en/posts/missing/)。", // 14
    "",
    "{{< bilibili BV1xx411c7mD >}}", // 16
    "",
  ].join("\n"),
  "bad-date.md": "---\ntitle: 日期\ndate: yesterday\n---\n\n正文。\n",
  "unknown-key.md": "---\ntitle: 未知\ndate: 2025-01-03\nautor: 某人\n---\n\n正文。\n",
  "pics/index.md": "---\ntitle: 图片\ndate: 2025-01-04\n---\n\n![街景](street.png)\n\n![](street.png)\n\n![缺失](missing.png)\n",
  "pics/street.png": PNG,
  "one.md": "---\ntitle: 一\ndate: 2025-01-05\nslug: same\n---\n\n正文。\n",
  "two.md": "---\ntitle: 二\ndate: 2025-01-06\nslug: same\n---\n\n正文。\n",
  "three.md": "---\ntitle: 三\ndate: 2025-01-07\ntranslationKey: shared\n---\n\n正文。\n",
  "four.md": "---\ntitle: 四\ndate: 2025-01-08\ntranslationKey: shared\n---\n\n正文。\n",
  "typo.md": "---\ntitle: 排版\ndate: 2025-01-09\n---\n\n我用 Markdown写作。\n",
};

interface Finding {
  file: string;
  line?: number;
  column?: number;
  severity: string;
  rule: string;
  message: string;
}

test("check reports each kind of problem exactly once, with file and line, and exits 1", async () => {
  const root = await makeFixtureRoot({ posts: BROKEN });
  const run = await runScript("check.ts", ["--format", "json"], { cwd: root });
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout) as { files: number; findings: Finding[]; summary: string };
  const expected: [string, number, string, RegExp][] = [
    ["posts/bad-date.md", 3, "front-matter", /"date": "yesterday" is not a date/],
    ["posts/unknown-key.md", 4, "front-matter", /unknown key "autor"/],
    ["posts/links.md", 8, "broken-link", /essay "\/posts\/nope\/"/],
    ["posts/links.md", 10, "broken-link", /tag "\/tags\/%E4%B8%8D%E5%AD%98%E5%9C%A8\/"|tag "\/tags\/不存在\/"/],
    ["posts/links.md", 12, "broken-fragment", /posts\/target\.md does not have/],
    ["posts/links.md", 14, "broken-link", /essay "\/en\/posts\/missing\/"/],
    ["posts/links.md", 16, "shortcode", /the site's own Hugo shortcode "bilibili"/],
    ["posts/pics/index.md", 8, "image-alt", /no alt text/],
    ["posts/pics/index.md", 10, "missing-image", /"missing.png" not found/],
    ["posts/two.md", 4, "duplicate-slug", /"slug": "same" gives \/posts\/same\/, also the URL of posts\/one\.md/],
    ["posts/three.md", 4, "duplicate-translationKey", /duplicate translationKey "shared"/],
  ];
  const structural = report.findings.filter((f) => !/^[a-z]+-[a-z-]+$/.test(f.rule) || expected.some(([, , rule]) => rule === f.rule));
  for (const [file, line, rule, message] of expected) {
    const matches = structural.filter((f) => f.file === file && f.rule === rule && message.test(f.message));
    assert.equal(matches.length, 1, `${file} ${rule}: ${JSON.stringify(report.findings, null, 1)}`);
    assert.equal(matches[0].line, line, `${file} ${rule} line`);
  }
  assert.equal(structural.length, expected.length, JSON.stringify(structural, null, 1));
  const typography = report.findings.filter((f) => !structural.includes(f));
  assert.deepEqual(typography.map((f) => [f.file, f.line, f.rule]), [["posts/typo.md", 6, "space-cjk-latin"]], "the only typography finding is the one planted");
  assert.match(typography[0].message, /space between Han and Latin/);
  assert.equal(typography[0].column, 11, "at the Latin-Han boundary");
  assert.equal(report.files, 11);
  assert.match(report.summary, /^12 problems \(10 errors, 2 warnings\) in 7 of 11 essays$/);
});

test("the text report groups findings under each file and ends with one summary line", async () => {
  const root = await makeFixtureRoot({ posts: { "a.md": BROKEN["links.md"], "target.md": BROKEN["target.md"], "target.en.md": BROKEN["target.en.md"] } });
  const run = await runScript("check.ts", [], { cwd: root });
  assert.equal(run.code, 1);
  const lines = run.stdout.trimEnd().split("\n");
  assert.equal(lines[0], "posts/a.md");
  assert.match(lines[1], /^ {2}8 +error +link to essay "\/posts\/nope\/" that does not exist {2}broken-link$/);
  assert.equal(lines.filter((l) => l.startsWith("posts/")).length, 1);
  assert.match(lines.at(-1)!, /^\d+ problems \(\d+ errors, 1 warning\) in 1 of 3 essays$/);
});

test("check is silent and exits 0 on the clean sample site", async () => {
  const root = await makeFixtureRoot({ samplePosts: true });
  const run = await runScript("check.ts", [], { cwd: root });
  assert.equal(run.stdout.trim(), "no problems in 9 essays");
  assert.equal(run.code, 0, run.stdout + run.stderr);
});

test("check: --help exits 0, a bad option or argument exits 2, a broken site.json exits 1 naming the field", async () => {
  const root = await makeFixtureRoot({ samplePosts: true });
  const help = await runScript("check.ts", ["--help"], { cwd: root });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: npm run check/);
  const bad = await runScript("check.ts", ["--colour"], { cwd: root });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Unknown option '--colour'/);
  const format = await runScript("check.ts", ["--format", "xml"], { cwd: root });
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--format must be "text" or "json", not "xml"/);
  const broken = await makeFixtureRoot({ samplePosts: true, site: { timezone: "Mars/Olympus" } });
  const run = await runScript("check.ts", [], { cwd: broken });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /_data\/site.json: "timezone" is not an IANA time zone/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});
