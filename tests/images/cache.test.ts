import { test } from "node:test";
import assert from "node:assert/strict";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildFixture } from "../helpers/site.ts";
import { buildWithCli, captureLog, everyImg, jpeg } from "./helpers.ts";

const summaryOf = (lines: string[]) => lines.find((l) => /images: \d+ in essays:/.test(l)) ?? "";

test("sample site: a second build after deleting _site/ re-encodes nothing and serves every image", async () => {
  const { value: site, lines } = await captureLog(() => buildFixture({ samplePosts: true }));
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  assert.match(summaryOf(lines), /images: 2 in essays: 2 processed, 0 cached, 0 failed/);

  await rm(site.output, { recursive: true, force: true });
  const warm = await buildWithCli(site.root);
  assert.equal(warm.code, 0, warm.stderr);
  assert.match(summaryOf(warm.stdout.split("\n")), /images: 2 in essays: 0 processed, 2 cached, 0 failed/);
  assert.doesNotMatch(warm.stdout, /encoded/, "no progress lines: nothing to encode");

  const imgs = await everyImg(site.output);
  assert.ok(imgs.length >= 4, "cover and body images of both translations");
  for (const img of imgs) {
    assert.ok(img.attrs.width && img.attrs.height && img.attrs.alt !== null, `${img.page}: ${img.src}`);
    assert.ok(site.exists(img.src), `${img.page}: ${img.src} exists in the new _site/`);
  }
});

test("preview rebuilds reuse unchanged essays and notice a replaced image file", async () => {
  const photo = await jpeg(600, 400, 10);
  const { value: site } = await captureLog(() =>
    buildFixture({ posts: { "p/index.md": `---\ntitle: "图"\ndate: 2025-01-01\n---\n\n![照片](photo.jpg)\n`, "p/photo.jpg": photo } }),
  );
  assert.equal(site.result.ok, true);
  const first = (await site.page("/posts/p/")).querySelector("picture img")!.getAttribute("src");

  const unchanged = await captureLog(() => site.rebuild());
  assert.match(summaryOf(unchanged.lines), /0 processed, 1 cached/);
  assert.equal((await site.page("/posts/p/")).querySelector("picture img")!.getAttribute("src"), first);

  await writeFile(path.join(site.root, "posts", "p", "photo.jpg"), await jpeg(600, 400, 200));
  const replaced = await captureLog(() => site.rebuild());
  assert.match(summaryOf(replaced.lines), /1 processed, 0 cached/);
  const second = (await site.page("/posts/p/")).querySelector("picture img")!.getAttribute("src");
  assert.notEqual(second, first, "new content, new file names");
  assert.ok(site.exists(second!));
});
