// The renderer's results as the author meets them: through `npm run build`, `npm run check`
// and the preview's load. Errors name the essay's file and line; diagrams load their script
// only where they are; a bad formula is a warning, raw-HTML anchors are link targets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { StateInline } from "markdown-it";
import { buildFixture, makeFixtureRoot } from "../helpers/site.ts";
import { buildSite } from "../../lib/build.ts";
import { checkSite } from "../../lib/check/index.ts";
import { loadSite } from "../../lib/content/site.ts";
import { sharedMarkdown } from "../../lib/markdown/render.ts";
import { MERMAID_SCRIPT } from "../../lib/markdown/vendor.ts";

const essay = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-03-01\n---\n${body}\n`;

/** Runs `body` with a markdown-it inline rule that throws on a paragraph holding "💥", as a renderer bug would. */
async function withFailingRule<T>(body: () => Promise<T>): Promise<T> {
  const md = sharedMarkdown();
  const rule = (state: StateInline) => {
    if (state.src.includes("💥")) throw new Error("the test's failing rule");
    return false;
  };
  md.inline.ruler.before("text", "test_failing_rule", rule);
  try {
    return await body();
  } finally {
    md.inline.ruler.disable("test_failing_rule");
  }
}

test("an essay that cannot be rendered is named with its line by build, check and the preview", async () => {
  const stamp = Date.now();
  const root = await makeFixtureRoot({
    posts: {
      "fine.md": essay("好的", `正常的一段。${stamp}\n\n[不存在](/posts/nowhere/)`),
      "broken.md": essay("坏的", `第一段。${stamp}\n\n第二段，这里 💥 出错。`),
    },
  });
  try {
    await withFailingRule(async () => {
      const build = await buildSite({ root, output: path.join(root, "_site"), preview: false, quiet: true });
      assert.equal(build.ok, false);
      assert.ok(build.lines.some((l) => l.startsWith("posts/broken.md:7: the essay could not be rendered: the test's failing rule")), build.lines.join("\n"));

      await assert.rejects(loadSite(root, { preview: true }), (error: Error) => {
        assert.match(error.message, /^posts\/broken\.md:7: the essay could not be rendered: the test's failing rule/);
        return true;
      });

      // check reports it beside every other problem of every file, instead of stopping.
      const check = await checkSite(root);
      const render = check.findings.find((f) => f.rule === "render");
      assert.deepEqual(render && [render.file, render.line, render.severity], ["posts/broken.md", 7, "error"]);
      assert.ok(check.findings.some((f) => f.file === "posts/fine.md" && f.rule === "broken-link"), "the other essay is still checked");
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("a formula KaTeX cannot read is a warning with file and line in build and check; the build goes on", async () => {
  const site = await buildFixture({ posts: { "math.md": essay("公式", "好公式 $e^{i\\pi}+1=0$。\n\n坏公式 $\\frac{1$。") } });
  try {
    assert.equal(site.result.ok, true, site.result.lines.join("\n"));
    assert.ok(site.result.lines.some((l) => /posts\/math\.md:7: warning: the formula "\\\\frac\{1" cannot be rendered/.test(l)), site.result.lines.join("\n"));
    const page = await site.page("/posts/math/");
    assert.equal(page.querySelectorAll(".essay-body math").length, 1);
    assert.equal(page.querySelector(".essay-body code.math-error")?.textContent, "\\frac{1");
    const check = await checkSite(site.root);
    assert.deepEqual(check.findings.filter((f) => f.rule === "math").map((f) => [f.file, f.line, f.severity]), [["posts/math.md", 7, "warning"]]);
  } finally {
    await rm(site.root, { recursive: true, force: true });
  }
});

test("only pages with a mermaid diagram load the vendored script, served from the site", async () => {
  const site = await buildFixture({
    posts: {
      "diagram.md": essay("图", "```mermaid\ngraph TD; 写作-->发布\n```"),
      "prose.md": essay("文", "没有图。"),
    },
  });
  try {
    assert.equal(site.result.ok, true, site.result.lines.join("\n"));
    const diagram = await site.page("/posts/diagram/");
    assert.equal(diagram.querySelector("pre.mermaid")?.textContent, "graph TD; 写作-->发布\n", "readable without script");
    assert.deepEqual([...diagram.querySelectorAll("script[src]")].map((s) => s.getAttribute("src")).filter((src) => src!.includes("mermaid")), [MERMAID_SCRIPT, "/assets/js/mermaid-init.js"]);
    assert.ok(site.exists(MERMAID_SCRIPT), "the script is in the site");
    const prose = await site.read("/posts/prose/");
    assert.doesNotMatch(prose, /mermaid/);
  } finally {
    await rm(site.root, { recursive: true, force: true });
  }
  const plain = await buildFixture({ posts: { "prose.md": essay("文", "没有图。") } });
  try {
    assert.equal(plain.exists(MERMAID_SCRIPT), false, "a site without diagrams carries no mermaid");
    assert.ok(existsSync(path.join(plain.output, "index.html")));
  } finally {
    await rm(plain.root, { recursive: true, force: true });
  }
});

test("check: ids from the author's raw HTML are fragment targets; a missing one is still an error", async () => {
  const root = await makeFixtureRoot({
    posts: {
      "notes.md": essay("笔记", '<a id="1"></a>注释一\n\n<span id=note>注</span>\n\n<a name="top"></a>\n\n## 中文 标题_x\n'),
      "links.md": essay("链接", "[一](/posts/notes/#1) [注](/posts/notes/#note) [顶](/posts/notes/#top) [题](/posts/notes/#中文-标题_x) [无](/posts/notes/#nowhere)"),
    },
  });
  try {
    const { findings } = await checkSite(root);
    const fragments = findings.filter((f) => f.rule === "broken-fragment");
    assert.deepEqual(fragments.map((f) => f.message), ['link "/posts/notes/#nowhere" names a heading or anchor that posts/notes.md does not have']);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
