/**
 * Rendering many essays on every core: the same renders as one thread makes, in order, shared
 * out as each thread is free, kept in the disk cache by whichever thread made them; and a
 * site model built after prerendering is the model built without it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { RenderCache } from "../../lib/markdown/render-cache.ts";
import { createMarkdown, renderMarkdown } from "../../lib/markdown/render.ts";
import { helpersFor, PARALLEL_MIN, renderAll, type RenderJob } from "../../lib/markdown/render-pool.ts";
import { makeFixtureRoot } from "../helpers/site.ts";
import { loadSettings } from "../../lib/content/settings.ts";
import { loadEssays } from "../../lib/content/load.ts";
import { buildSiteModel, prerenderEssays } from "../../lib/content/model.ts";

const md = createMarkdown();

function jobs(count: number): RenderJob[] {
  return Array.from({ length: count }, (_, i) => ({
    file: `posts/e${i}.md`,
    body: `## 第${i}节\n\n正文第${i}段，链接 https://example.org/${i} 。\n\n\`\`\`js\nlet n = ${i};\n\`\`\`\n\n![图${i}](p${i}.png)\n`,
    bodyLine: 5 + (i % 3),
    anchorLabel: i % 2 ? "本节链接" : "Link to this section",
  }));
}

const direct = (job: RenderJob) => renderMarkdown(md, job.body, { anchorLabel: job.anchorLabel, lineOffset: job.bodyLine - 1 });

test("helpers: none below PARALLEL_MIN essays or on one core, one fewer than the cores, at most three", () => {
  assert.equal(PARALLEL_MIN, 2000);
  assert.equal(helpersFor(PARALLEL_MIN - 1, 8), 0);
  assert.equal(helpersFor(10_000, 1), 0);
  assert.equal(helpersFor(PARALLEL_MIN, 2), 1);
  assert.equal(helpersFor(10_000, 2), 1);
  assert.equal(helpersFor(10_000, 16), 3);
});

test("renderAll: every essay rendered once, in order, as one thread renders it; a helper takes a share and fills the disk cache", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wenji-render-pool-"));
  try {
    const list = jobs(200);
    let here = 0;
    // The main thread is slow here (10 ms an essay, 2 s in all), so the helper, once started (under
    // a second), takes essays too.
    const results = await renderAll(
      list,
      (job) => {
        here++;
        const until = performance.now() + 10;
        while (performance.now() < until);
        return direct(job);
      },
      dir,
      1,
    );
    assert.equal(results.length, list.length);
    list.forEach((job, i) => assert.deepEqual(results[i], direct(job), `essay ${i}`));
    assert.ok(here > 0 && here < list.length, `the main thread rendered ${here} of ${list.length}`);
    // The helper's renders are in the disk cache, where a later build finds them.
    const cache = new RenderCache(dir);
    const fromHelper = list.filter((job) => cache.get(job.file, job.body, job.bodyLine, job.anchorLabel) !== undefined);
    assert.equal(fromHelper.length, list.length - here, "the helper kept each of its renders");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("prerenderEssays: the model built after it is the model built without it", async () => {
  const posts: Record<string, string> = {};
  // A small site, with the threshold lowered to it (the real one, 2,000 essays, would make a slow test).
  const count = 320;
  const parallelFrom = 300;
  for (let i = 0; i < count; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    posts[`e${i}.md`] = `---\ntitle: "第${i}篇"\ndate: 2024-02-${day}\n${i % 50 === 0 ? "draft: true\n" : ""}---\n\n## 起\n\n第${i}篇的正文。\n\n## 承\n\n\`\`\`sh\necho ${i}\n\`\`\`\n`;
    if (i % 4 === 0) posts[`e${i}.en.md`] = `---\ntitle: "Essay ${i}"\ndate: 2024-02-${day}\n---\n\n## Start\n\nEssay ${i} in English.\n`;
  }
  const root = await makeFixtureRoot({ posts });
  const settings = loadSettings(root);
  // Separate loads: each essay's source is its own object, as in separate builds.
  const serial = buildSiteModel((await loadEssays(root, settings)).essays, settings, { preview: false });
  const sources = (await loadEssays(root, settings)).essays;
  const renderCache = new RenderCache(path.join(root, ".cache", "render"));
  // This process has rendered every essay once already (the serial model): a fresh body for each
  // makes them new to its in-memory cache, as in a first build.
  for (const source of sources) source.body += "\n<!-- again -->\n";
  const rendered = await prerenderEssays(sources, settings, { preview: false, renderCache }, parallelFrom);
  const published = sources.filter((source) => !source.frontMatter.draft).length;
  assert.equal(rendered, helpersFor(published, undefined, parallelFrom) ? published : 0, "drafts are not rendered for a build that leaves them out");
  const parallel = buildSiteModel(sources, settings, { preview: false, renderCache });
  assert.equal(parallel.essays.length, serial.essays.length);
  parallel.essays.forEach((essay, i) => {
    assert.equal(essay.url, serial.essays[i].url);
    assert.equal(essay.html, `${serial.essays[i].html}<!-- again -->\n`, essay.url);
    assert.equal(essay.tocHtml, serial.essays[i].tocHtml);
  });
});
