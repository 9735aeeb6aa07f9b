/**
 * `npm start` (scripts/start.ts: Eleventy's dev server behind a request guard) over a fixture
 * site, drafts and scheduled essays shown and marked, live reload injected, and an edited essay
 * rebuilt and served again.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { makeFixtureRoot } from "../helpers/site.ts";
import { startPreview } from "../helpers/preview.ts";

test("preview serves drafts and future essays marked, with live reload, and rebuilds an edited essay", async () => {
  const root = await makeFixtureRoot({
    posts: {
      "done.md": "---\ntitle: 已发表\ndate: 2024-01-01\n---\n\n第一版正文。\n",
      "draft.md": "---\ntitle: 草稿一篇\ndate: 2024-01-02\ndraft: true\n---\n\n还没写完。\n",
      "later.md": "---\ntitle: 以后再发\ndate: 2999-01-01\n---\n\n未来的文章。\n",
    },
    // Eleventy reads the project's package.json to know that .eleventy.js is an ES module.
    files: { "package.json": JSON.stringify({ type: "module" }) },
  });
  // `npm start` itself (scripts/start.ts), pointed at the fixture site.
  const preview = await startPreview(root);
  const { port } = preview;
  // A plain request, as a browser navigation looks to the dev server (fetch() marks itself as
  // a script request, which gets no reload script).
  const get = (url: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      http
        .get(`http://127.0.0.1:${port}${encodeURI(url)}`, (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (d) => (text += d));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
        })
        .on("error", reject);
    });
  const until = async (what: string, ok: () => Promise<boolean>) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (await ok().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.fail(`${what} did not happen in time; the server said:\n${preview.log()}`);
  };
  try {
    await until("the first build", async () => (await get("/posts/done/")).text.includes("第一版正文"));
    const draft = await get("/posts/draft/");
    assert.equal(draft.status, 200);
    assert.match(draft.text, /<span class="badge badge-draft">草稿<\/span> 草稿一篇/);
    assert.match((await get("/posts/later/")).text, /<span class="badge badge-draft">[^<]+<\/span> 以后再发/);
    assert.match((await get("/posts/done/")).text, /<script type="module"[^>]* src="\/\.11ty\/reload-client\.js/, "live reload is injected");

    // Search follows each build in the background; its index is served once written.
    await until("the search index", async () => (await get("/pagefind/shards.json")).status === 200);
    const indexed = () => [...preview.log().matchAll(/search: 3 essays in 1 shard: 1 indexed/g)].length;
    assert.equal(indexed(), 1);

    await appendFile(path.join(root, "posts/done.md"), "\n改过之后的一句。\n");
    await until("the rebuild after the edit", async () => (await get("/posts/done/")).text.includes("改过之后的一句"));
    await until("the search index of the edited essay", async () => indexed() === 2);
    assert.doesNotMatch(preview.log(), /Error|error/);
  } finally {
    await preview.stop();
  }
});
