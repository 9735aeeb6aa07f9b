/** Front matter in every shape Hugo reads (issue 16 item 4, issue 19 item 16), and site-wide defaults. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseFrontMatter } from "../../lib/content/frontmatter.ts";
import { validateFrontMatter } from "../../lib/content/validate.ts";
import { essayDefaults, siteSchema } from "../../lib/content/settings.ts";
import { buildFixture, PROJECT } from "../helpers/site.ts";

const SHAPES = path.join(PROJECT, "tests", "fixtures", "hugo-blog", "content", "posts", "shapes");
const ZONE = "Asia/Shanghai";

function parsed(source: string) {
  const result = parseFrontMatter(source);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

function valid(source: string, defaults = {}) {
  const { frontMatter, problems } = validateFrontMatter("posts/x.md", parsed(source), ZONE, defaults);
  assert.deepEqual(problems, []);
  assert.ok(frontMatter);
  return frontMatter;
}

test("CRLF: no value keeps its \\r; the last value of the block is a boolean; lines are the file's", () => {
  const yaml = parsed("---\r\ntitle: 甲\r\ndate: 2024-01-01\r\ndraft: true\r\n---\r\n\r\n正文\r\n");
  assert.equal(yaml.data.draft, true);
  assert.equal(yaml.data.title, "甲");
  assert.equal(yaml.keyLines.get("draft"), 4);
  assert.equal(yaml.bodyLine, 6);
  assert.doesNotMatch(yaml.body, /\r/);
  const toml = parsed("+++\r\ntitle = \"乙\"\r\ndate = 2024-01-01\r\nShowToc = true\r\n+++\r\n正文\r\n");
  assert.equal(toml.data.ShowToc, true);
  assert.equal(toml.keyLines.get("ShowToc"), 4);
  // The slow, exact YAML path (a comment-only line after a block scalar sends it there) too.
  const exact = parsed("---\r\ntitle: \"丙\"\r\nsummary: |\r\n  一行\r\ncomments: true\r\n---\r\n");
  assert.equal(exact.data.comments, true);
  assert.equal(exact.data.summary, "一行\n");
  // Old Mac line endings (CR alone) are line endings too.
  assert.equal(parsed("---\rtitle: 丁\rdraft: false\r---\rbody").data.draft, false);
});

test("a BOM and blank lines before the fence are skipped, and key and body lines stay file lines", () => {
  const bom = parsed("\uFEFF---\ntitle: 甲\ndate: 2024-01-01\n---\n正文\n");
  assert.equal(bom.data.title, "甲");
  assert.equal(bom.bodyLine, 5);
  const blank = parsed("\n\n  \n---\ntitle: 乙\ndate: 2024-01-01\n---\n正文\n");
  assert.equal(blank.data.title, "乙");
  assert.equal(blank.keyLines.get("title"), 5);
  assert.equal(blank.bodyLine, 8);
  assert.equal(blank.body, "正文\n");
  const both = parsed("\uFEFF\r\n+++\r\ntitle = \"丙\"\r\n+++\r\n");
  assert.equal(both.data.title, "丙");
  assert.equal(both.keyLines.get("title"), 3);
});

test("JSON front matter: the object at the start is the front matter, the rest the body; errors name the line", () => {
  const json = parsed('{\n  "title": "甲 {括号}",\n  "date": "2024-01-01",\n  "tags": ["a", "b"],\n  "cover": {"image": "x.png"}\n}\n\n正文 }\n');
  assert.equal(json.data.title, "甲 {括号}");
  assert.deepEqual(json.data.tags, ["a", "b"]);
  assert.equal(json.keyLines.get("date"), 3);
  assert.equal(json.keyLines.get("cover"), 5);
  assert.equal(json.keyLines.has("image"), false, "only top-level keys");
  assert.equal(json.bodyLine, 7);
  assert.equal(json.body, "\n正文 }\n");
  const inline = parsed('{"title": "乙", "date": "2024-01-01"}\n正文\n');
  assert.equal(inline.keyLines.get("title"), 1);
  assert.equal(inline.bodyLine, 2);
  const broken = parseFrontMatter('{\n  "title": "丙",\n  "date": 2024-01-01\n}\n正文\n');
  assert.equal(broken.ok, false);
  assert.ok(!broken.ok && broken.line === 3, JSON.stringify(broken));
  assert.ok(!broken.ok && /^JSON syntax error/.test(broken.message));
  assert.ok(!broken.ok && broken.body === "正文\n", "a broken front matter still has its body for check");
});

test("YAML errors point at the file's line: an unclosed quote at the line it opens, after a BOM and blank lines too", () => {
  const cases: [string, number][] = [
    ['---\ntitle: "未闭合\ndate: 2024-01-01\n---\n正文\n', 2],
    ["---\ntitle: 甲\ndate: 2024-01-01\ndescription: 'abc\n---\n", 4],
    ["---\ntitle: 甲\ntags: [a, b\n---\n", 3],
    ["---\ntitle: 甲\ntitle: 乙\n---\n", 3],
    ['\uFEFF\n\n---\r\ntitle: "未闭合\r\ndate: 2024-01-01\r\n---\r\n', 4],
    ['+++\ntitle = "甲"\ndate = \n+++\n', 3],
  ];
  for (const [source, line] of cases) {
    const result = parseFrontMatter(source);
    assert.equal(result.ok, false, source);
    assert.equal(!result.ok && result.line, line, `${JSON.stringify(source)}: ${JSON.stringify(result)}`);
  }
});

test("every shape in the fixture reads with its title, date and body", () => {
  const expected: Record<string, string> = {
    "crlf.md": "换行符是 CRLF 的文章",
    "bom.md": "带字节顺序标记的文章",
    "blank-lines.md": "开头有空行的文章",
    "toml.md": "TOML 写的前言",
    "json.md": "JSON 写的前言",
  };
  for (const [file, title] of Object.entries(expected)) {
    const source = readFileSync(path.join(SHAPES, file), "utf8");
    const fm = valid(source);
    assert.equal(fm.title, title, file);
    assert.equal(fm.draft, false, file);
  }
  assert.match(readFileSync(path.join(SHAPES, "crlf.md"), "latin1"), /draft: false\r\n/, "the fixture keeps its CRLF bytes");
  assert.equal(readFileSync(path.join(SHAPES, "bom.md"))[0], 0xef, "the fixture keeps its BOM");
});

test("site-wide defaults apply under front matter; the essay's own value wins", () => {
  const site = siteSchema.parse({ ...JSON.parse(readFileSync(path.join(PROJECT, "_data", "site.json"), "utf8")), defaults: { showToc: true, tocOpen: true, showShareButtons: false, showReadingTime: false } });
  const defaults = essayDefaults(site);
  assert.deepEqual(defaults, { showToc: true, TocOpen: true, disableShare: true, ShowReadingTime: false });
  const plain = valid("---\ntitle: 甲\ndate: 2024-01-01\n---\n", defaults);
  assert.equal(plain.showToc, true);
  assert.equal(plain.disableShare, true);
  assert.equal(plain.ShowReadingTime, false);
  assert.equal(valid("---\ntitle: 甲\ndate: 2024-01-01\nShowToc: false\n---\n", defaults).showToc, false);
  assert.throws(() => siteSchema.parse({ ...site, defaults: { showTOC: true } }), /showTOC/);
});

test("defaults.showToc in site.json gives every essay with headings a table of contents", async () => {
  const site = await buildFixture({
    site: { defaults: { showToc: true } },
    posts: {
      "a.md": "---\ntitle: 甲\ndate: 2024-01-01\n---\n\n## 第一节\n\n正文。\n",
      "b.md": "---\ntitle: 乙\ndate: 2024-01-02\nShowToc: false\n---\n\n## 第一节\n\n正文。\n",
    },
  });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  assert.ok((await site.page("/posts/a/")).querySelector("details.toc"), "site-wide ShowToc");
  assert.equal((await site.page("/posts/b/")).querySelector("details.toc"), null, "the essay's own ShowToc: false wins");
});
