/** The import's repairs of essays Hugo publishes without a title or a date (issue 16 item 5). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseFrontMatter } from "../../lib/content/frontmatter.ts";
import { repairEssay } from "../../lib/hugo/repair.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "wenji-repair-"));
const MTIME = new Date("2021-06-07T08:09:10Z");

function repair(name: string, text: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  utimesSync(file, MTIME, MTIME);
  const result = repairEssay(text, file, "Asia/Shanghai");
  const parsed = parseFrontMatter(result.text);
  assert.ok(parsed.ok, result.text);
  return { ...result, data: parsed.value.data, body: parsed.value.body };
}

test("no front matter: title from the opening heading (moved out of the body), date from the file's time", () => {
  const r = repair("note.md", "\n# **加粗**的[标题](x)\n\n正文。\n");
  assert.equal(r.data.title, "加粗的标题");
  assert.equal(r.data.date, "2021-06-07T16:09:10+08:00");
  assert.equal(r.body, "\n正文。\n", "one blank line after the front matter");
  assert.deepEqual(r.repairs, ['title "加粗的标题" from its first heading (moved out of the body)', "date 2021-06-07T16:09:10+08:00 from its modification time"]);
});

test("a heading that does not open the essay stays in the body; headings inside code fences do not count", () => {
  const r = repair("later.md", "开头一段。\n\n```sh\n# 注释不是标题\n```\n\n## 真正的标题\n\n正文。\n");
  assert.equal(r.data.title, "真正的标题");
  assert.match(r.body, /^\n开头一段。[\s\S]*## 真正的标题/);
  const none = repair("无题.md", "只有一段话。\n");
  assert.equal(none.data.title, "无题");
  const bundle = repair("index.zh-cn.md", "只有一段话。\n");
  assert.equal(bundle.data.title, path.basename(dir), "a bundle's index takes its folder's name");
});

test("front matter missing a key gets it added after the fence, the rest kept: YAML, TOML, CRLF, BOM", () => {
  const yaml = repair("yaml.md", "---\ntitle: 有标题\ntags: [a]\n---\n正文\n");
  assert.deepEqual(yaml.data, { date: "2021-06-07T16:09:10+08:00", title: "有标题", tags: ["a"] });
  assert.deepEqual(yaml.repairs, ["date 2021-06-07T16:09:10+08:00 from its modification time"]);
  const toml = repair("toml.md", "\uFEFF+++\r\ndate = 2020-01-02\r\n+++\r\n\r\n# 标题\r\n正文\r\n");
  assert.equal(toml.data.title, "标题");
  assert.ok(toml.text.startsWith("\uFEFF+++\ntitle = \"标题\"\n"), JSON.stringify(toml.text));
  const empty = repair("empty.md", "---\ntitle: \"\"\ndate: 2020-01-02\n---\n\n# 空标题的补救\n");
  assert.equal(empty.data.title, "空标题的补救", "an empty title is no title");
  const complete = repair("complete.md", "---\ntitle: 好\ndate: 2020-01-02\n---\n正文\n");
  assert.deepEqual(complete.repairs, []);
  assert.equal(complete.text, "---\ntitle: 好\ndate: 2020-01-02\n---\n正文\n", "a complete essay is not touched");
});
