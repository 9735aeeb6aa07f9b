// Heading ids must be the ones Hugo gave, so `#fragment` links written against a Hugo site
// keep working. Debian's hugo (0.111, autoHeadingIDType github) is the oracle: it builds a
// tiny site with tricky headings, and wenji's ids must equal its ids one by one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createMarkdown, renderMarkdown } from "../../lib/markdown/render.ts";

const HEADINGS = [
  "# 中文标题",
  "## Hello World",
  "## Hello World",
  "## Hello World",
  "## Hello World-1",
  "## snake_case_name",
  "## __init__ 方法",
  "## C++ & Go: 比较！",
  "## 你好，世界（一）",
  "## KubeSphere 的 2021 年",
  "## Q&A：为什么？",
  "## Emoji 🎉 party",
  "## 🎉",
  "## 🎉",
  "## ？！",
  "##   Multiple   spaces  ",
  "## `code` and **bold** and [link](http://x.y)",
  "## Ünïcödé Straße İstanbul",
  "## 第1章 2.3 版本",
  "## A -- B — C",
  "## Explicit {#my-id}",
  "## Explicit again {#my-id .note}",
  "## my-id",
  "## Attr {id=\"aid\"}",
  "## Cls {.only-class}",
  "## Tab\tinside",
  "## ideo\u3000space",
  "## <span>html</span> text",
  "## Amp &amp; entity &copy;",
  "## ½ ① Ⅷ ²",
  "## Ｆｕｌｌｗｉｄｔｈ",
  "## Закрыть Ξ",
  "## Hindi नमस्ते",
  "## heading",
  "## trailing ##",
  "## 1.2.3",
  "## foo\\_bar",
  "## -leading-",
  "## Math $x_1 + y^2$",
  "Setext *heading*\nline two\n------",
  "第二种 setext\n===",
];

function hugoIds(html: string): string[] {
  return [...html.matchAll(/<h[1-6][^>]*\sid="([^"]*)"/g)].map((m) => m[1]);
}

test("heading ids equal Hugo 0.111's, heading by heading", async () => {
  let version: string;
  try {
    version = execFileSync("hugo", ["version"], { encoding: "utf8" });
  } catch {
    assert.fail("Debian's hugo is needed as the oracle: apt-get install -y hugo (scripts/test.sh installs it)");
  }
  const root = await mkdtemp(path.join(os.tmpdir(), "wenji-hugo-ids-"));
  try {
    const body = HEADINGS.join("\n\nText.\n\n");
    await mkdir(path.join(root, "content", "posts"), { recursive: true });
    await mkdir(path.join(root, "layouts", "_default"), { recursive: true });
    await writeFile(path.join(root, "hugo.toml"), 'baseURL = "https://example.org/"\ntitle = "ids"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "home", "section"]\n');
    await writeFile(path.join(root, "layouts", "_default", "single.html"), "{{ .Content }}");
    await writeFile(path.join(root, "content", "posts", "ids.md"), `---\ntitle: ids\n---\n${body}\n`);
    execFileSync("hugo", ["--quiet", "-s", root, "-d", path.join(root, "public")], { stdio: "pipe" });
    const expected = hugoIds(await readFile(path.join(root, "public", "posts", "ids", "index.html"), "utf8"));
    const ours = renderMarkdown(createMarkdown(), body, { anchorLabel: "#" }).headings.map((h) => h.id);
    assert.equal(expected.length, HEADINGS.length, `hugo (${version.trim()}) gave every heading an id`);
    assert.deepEqual(ours, expected);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
