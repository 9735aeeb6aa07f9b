import { test } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { buildFixture } from "../helpers/site.ts";
import { buildWithCli, captureLog, everyImg, pngBomb, solid, startImageServer, truncatedJpeg, type ImageServer } from "./helpers.ts";

const front = (title: string) => `---\ntitle: "${title}"\ndate: 2025-03-01\n---\n\n`;

/** Every failure case the issue lists, each served by the test server, each in its own essay. */
const FAILURES: Record<string, { path: string; expect: RegExp }> = {
  "r-404.md": { path: "/gone.png", expect: /answered HTTP 404/ },
  "r-500.md": { path: "/broken.png", expect: /answered HTTP 500/ },
  "r-html.md": { path: "/page.png", expect: /is not an image \(content type "text\/html"\)/ },
  "r-empty.md": { path: "/empty.png", expect: /answered with an empty body \(0 bytes\)/ },
  "r-truncated.md": { path: "/cut.jpg", expect: /is damaged and cannot be decoded/ },
  "r-text.md": { path: "/text.png", expect: /is not an image wenji can read/ },
  "r-bomb.md": { path: "/bomb.png", expect: /is 20000x20000 pixels \(400 megapixels\), more than the limit/ },
  "r-hang.md": { path: "/hang.png", expect: /did not answer within 1 s/ },
  "r-huge.md": { path: "/huge.jpg", expect: /is more than the limit of 0\.19 MB/ },
};

async function server(): Promise<ImageServer> {
  return startImageServer({
    "/photo.jpg": { type: "image/jpeg", body: await solid(1200, 800, "#4a7") },
    "/gone.png": { status: 404, type: "text/plain", body: "not here" },
    "/broken.png": { status: 500, type: "text/plain", body: "oops" },
    "/page.png": { type: "text/html; charset=utf-8", body: "<!doctype html><title>login</title>" },
    "/empty.png": { type: "image/png", body: "" },
    "/cut.jpg": { type: "image/jpeg", body: await truncatedJpeg() },
    "/text.png": { type: "image/png", body: "I am a text file named .png\n" },
    "/bomb.png": { type: "image/png", body: pngBomb() },
    "/hang.png": { hang: true },
    // No content-length: the limit must hold while streaming.
    "/huge.jpg": { type: "image/jpeg", body: Buffer.alloc(400 * 1024, 7), chunked: true },
  });
}

function posts(origin: string): Record<string, string> {
  const all: Record<string, string> = {
    "remote.md": `${front("远程图片")}文字。\n\n![](${origin}/photo.jpg)\n\n<img src="${origin}/photo.jpg" alt="同一张">\n`,
    "r-ftp.md": `${front("ftp")}![ftp 图](ftp://127.0.0.1/x.png)\n`,
  };
  for (const [file, { path: p }] of Object.entries(FAILURES)) all[file] = `${front(file)}![图 ${file}](${origin}${p})\n`;
  return all;
}

/** The test servers listen on 127.0.0.1, which remote images may not use unless the site allows it. */
const LOCAL = ["127.0.0.0/8"];
const SITE = { images: { timeoutSeconds: 1, maxBytes: 200_000, allowAddresses: LOCAL } };

// The timeout fails the test if the host that never answers hangs the build.
test("remote images are downloaded and served locally; each failure is one warning and a placeholder linking the original", { timeout: 180_000 }, async (t) => {
  const images = await server();
  t.after(() => images.close());
  const { value: site, lines } = await captureLog(() => buildFixture({ posts: posts(images.origin), site: SITE }));
  assert.equal(site.result.ok, true, [...site.result.lines, ...lines].join("\n"));

  // The good remote image: a <picture> from /img/, nothing pointing at the host.
  const page = await site.page("/posts/remote/");
  const pictures = Array.from(page.querySelectorAll(".essay-body picture img") as ArrayLike<Element>);
  assert.equal(pictures.length, 2, "Markdown and raw <img> both localized");
  for (const img of pictures) assert.match(img.getAttribute("src")!, /^\/img\//);
  assert.doesNotMatch(await site.read("/posts/remote/"), new RegExp(images.origin.replace(/\./g, "\\.")));
  assert.equal(images.hits.get("/photo.jpg"), 1, "one download for two uses");

  // Each failure: exactly one warning naming the essay file and the URL; the page shows a placeholder with the alt and a link.
  const warnings = lines.filter((l) => l.includes("warning:") && !l.includes("alt text"));
  for (const [file, { path: p, expect }] of Object.entries(FAILURES)) {
    const url = `${images.origin}${p}`;
    const mine = warnings.filter((w) => w.includes(`posts/${file}:6:`) && w.includes(url));
    assert.equal(mine.length, 1, `one warning for ${file}:\n${warnings.join("\n")}`);
    assert.match(mine[0], expect, file);
    assert.match(mine[0], /the page shows a placeholder that names the image and links to the original address$/, file);
    const body = (await site.page(`/posts/${file.replace(/\.md$/, "")}/`)).querySelector(".essay-body")!;
    assert.equal(body.querySelector("img"), null, `${file}: no <img> pointing at a host the reader may not reach`);
    const placeholder = body.querySelector(".image-missing")!;
    assert.equal(placeholder.querySelector(".image-missing-label")?.textContent, `图片：图 ${file}`, "the alt text, labelled");
    assert.equal(placeholder.querySelector("a")?.getAttribute("href"), url, "a link to the original address");
    assert.equal(placeholder.querySelector("a")?.textContent, "查看原图");
  }
  assert.ok(warnings.some((w) => w.includes("posts/r-ftp.md:6:") && /uses ftp; only http and https/.test(w)));
  assert.equal(warnings.length, Object.keys(FAILURES).length + 1, warnings.join("\n"));
  assert.ok(lines.some((l) => l.includes("posts/remote.md:8: warning: image") && l.includes("has no alt text")), "empty alt of a remote image is reported with its line");
  assert.doesNotMatch(lines.join("\n"), /\n\s+at /, "no stack trace");

  // Every <img> of every page: width, height and alt — except failed remote images, each of which was warned about.
  for (const img of await everyImg(site.output)) {
    assert.notEqual(img.attrs.alt, null, `${img.page}: ${img.src} has alt`);
    if (/^(https?|ftp):/.test(img.src)) {
      assert.ok(warnings.some((w) => w.includes(img.src)), `${img.page}: remote ${img.src} only after a warning`);
      continue;
    }
    assert.ok(img.attrs.width && img.attrs.height, `${img.page}: ${img.src} has width and height`);
  }
});

test("images.strict and --strict turn remote failures into errors, without a stack trace, keeping _site/", async (t) => {
  const images = await server();
  t.after(() => images.close());
  const { value: site, lines } = await captureLog(() => buildFixture({ posts: { "r-404.md": posts(images.origin)["r-404.md"] }, site: { images: { strict: true, allowAddresses: LOCAL } } }));
  assert.equal(site.result.ok, false);
  assert.match(site.result.lines.join("\n"), new RegExp(`posts/r-404\\.md:6: image ${images.origin.replace(/\./g, "\\.")}/gone\\.png answered HTTP 404`));
  void lines;

  const cli = await buildFixture({ posts: { "r-500.md": posts(images.origin)["r-500.md"] }, site: { images: { allowAddresses: LOCAL } } });
  assert.equal(cli.result.ok, true, "without --strict the build goes on");
  const strict = await buildWithCli(cli.root, ["--strict"]);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /posts\/r-500\.md:6: image http:\/\/127\.0\.0\.1:\d+\/broken\.png answered HTTP 500 Internal Server Error \(images\.strict \/ --strict\)/);
  assert.doesNotMatch(strict.stderr + strict.stdout, /\n\s+at /, "no stack trace");
  assert.ok(cli.exists("/posts/r-500/"), "the previous _site/ is kept");
});

test("a build after the host is gone succeeds from the cache, re-encoding nothing", async () => {
  const images = await server();
  const site = await captureLog(() => buildFixture({ posts: { "remote.md": posts(images.origin)["remote.md"] }, site: SITE })).then((r) => r.value);
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  const before = (await site.page("/posts/remote/")).querySelector("picture img")!.getAttribute("src");
  await images.close();

  await rm(site.output, { recursive: true, force: true });
  const again = await buildWithCli(site.root);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /images: 1 in essays: 0 processed, 1 cached, 0 failed/);
  assert.doesNotMatch(again.stdout, /warning: image http/, "no download was needed");
  const page = await site.page("/posts/remote/");
  assert.equal(page.querySelector("picture img")!.getAttribute("src"), before);
  assert.ok(site.exists(before!), "the optimized file is in the new _site/");
});
