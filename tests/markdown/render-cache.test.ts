import { test } from "node:test";
import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { RenderCache } from "../../lib/markdown/render-cache.ts";
import { createMarkdown, renderMarkdown } from "../../lib/markdown/render.ts";
import { buildFixture } from "../helpers/site.ts";
import { buildWithCli } from "../images/helpers.ts";

const md = createMarkdown();
const body = "## 小节\n\n正文 https://example.org\n\n![图](a.png)\n\n```js\nlet a = 1;\n```\n";
const render = (text: string, lineOffset = 0) => renderMarkdown(md, text, { anchorLabel: "本节链接", lineOffset });

test("render cache: a later build (another instance) gets the same render back, only for the same body, line and label", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wenji-render-cache-"));
  try {
    const result = render(body, 4);
    new RenderCache(dir).set("posts/a.md", body, 5, "本节链接", result);
    const later = new RenderCache(dir);
    assert.deepEqual(later.get("posts/a.md", body, 5, "本节链接"), result);
    assert.equal(later.get("posts/a.md", body + "改", 5, "本节链接"), undefined, "edited body");
    assert.equal(later.get("posts/a.md", body, 6, "本节链接"), undefined, "body moved down a line: image lines differ");
    assert.equal(later.get("posts/a.md", body, 5, "Link to this section"), undefined, "another language's anchor label");
    assert.equal(later.get("posts/b.md", body, 5, "本节链接"), undefined, "another file");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("render cache: an entry from another renderer or an unreadable one is a miss; pruning keeps only the given essays", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wenji-render-cache-"));
  try {
    const cache = new RenderCache(dir);
    cache.set("posts/a.md", body, 5, "本节链接", render(body, 4));
    cache.set("posts/b.md", body, 5, "本节链接", render(body, 4));
    const [first, second] = (await readdir(dir)).sort();
    const entry = JSON.parse(await readFile(path.join(dir, first), "utf8"));
    await writeFile(path.join(dir, first), JSON.stringify({ ...entry, fingerprint: "another renderer" }));
    await writeFile(path.join(dir, second), "{ half an entr");
    const later = new RenderCache(dir);
    assert.equal(later.get("posts/a.md", body, 5, "本节链接"), undefined);
    assert.equal(later.get("posts/b.md", body, 5, "本节链接"), undefined);
    later.set("posts/a.md", body, 5, "本节链接", render(body, 4));
    later.prune(["posts/a.md"]);
    assert.equal((await readdir(dir)).length, 1);
    assert.ok(new RenderCache(dir).get("posts/a.md", body, 5, "本节链接"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a fresh build process renders from the disk cache; a deleted essay's entry is pruned", async () => {
  const site = await buildFixture({ samplePosts: true });
  try {
    const cacheDir = path.join(site.root, ".cache", "render");
    const entries = await readdir(cacheDir);
    assert.ok(entries.length >= 5, "every published essay has an entry");
    // Mark one essay's cached HTML: a build that shows the mark rendered from the disk.
    const entryOf = createHash("sha1").update("posts/why-we-keep-copies.md").digest("hex") + ".json";
    const entry = JSON.parse(await readFile(path.join(cacheDir, entryOf), "utf8"));
    entry.result.html = `<p>from the render cache</p>${entry.result.html}`;
    await writeFile(path.join(cacheDir, entryOf), JSON.stringify(entry));
    const warm = await buildWithCli(site.root, ["--output", "_site"]);
    assert.equal(warm.code, 0, warm.stderr);
    assert.match(await site.read("/posts/why-we-keep-copies/"), /<p>from the render cache<\/p>/);
    await rm(path.join(site.root, "posts", "kaiyuan-de-jiyi.md"));
    assert.ok((await site.rebuild()).ok);
    assert.deepEqual((await readdir(cacheDir)).sort(), entries.filter((name) => name !== createHash("sha1").update("posts/kaiyuan-de-jiyi.md").digest("hex") + ".json").sort());
  } finally {
    await rm(site.root, { recursive: true, force: true });
  }
});
