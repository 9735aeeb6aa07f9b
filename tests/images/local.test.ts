import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { buildFixture, makeFixtureRoot } from "../helpers/site.ts";
import { loadSite } from "../../lib/content/site.ts";
import { optimizeSiteImages } from "../../lib/images/stage.ts";
import { imageSettingsSchema } from "../../lib/images/settings.ts";
import { animatedGif, captureLog, everyImg, jpeg, png, pngBomb, solid, SVG, truncatedJpeg } from "./helpers.ts";

const front = (title: string, extra = "") => `---\ntitle: "${title}"\ndate: 2025-03-01\n${extra}---\n\n`;

test("every image form becomes a <picture> with sizes, width, height and alt; the first is eager, the rest lazy", async () => {
  const photo = await jpeg(1600, 1000);
  const diagram = await png();
  const staticPhoto = await jpeg(500, 400, 200);
  const { value: site, lines } = await captureLog(() =>
    buildFixture({
      posts: {
        "walk/index.md": `${front("散步", 'translationKey: walk\ncover: {image: photo.jpg, caption: "街角的书店", relative: true}\n')}第一段。\n\n![街景](photo.jpg "傍晚")\n\n<p><img src="diagram.png" alt="示意图" class="wide"></p>\n\n![](photo.jpg)\n`,
        "walk/index.en.md": `${front("A walk", "translationKey: walk\ncover: {image: photo.jpg, relative: true}\n")}First.\n\n![The street](photo.jpg)\n`,
        "walk/photo.jpg": photo,
        "walk/diagram.png": diagram,
        "art/index.md": `${front("图形")}![标志](logo.svg)\n\n![动画](spin.gif)\n\n![首页照片](/static-photo.jpg)\n`,
        "art/logo.svg": SVG,
        "art/spin.gif": animatedGif(),
        "plain.md": `${front("没有图片")}只有文字。\n`,
        "first.md": `${front("正文第一张")}文字。\n\n![一](/static-photo.jpg)\n\n![二](/static-photo.jpg)\n`,
      },
      files: { "static/static-photo.jpg": staticPhoto },
    }),
  );
  assert.equal(site.result.ok, true, [...site.result.lines, ...lines].join("\n"));

  const zh = await site.page("/posts/walk/");
  const en = await site.page("/en/posts/walk/");
  // Cover: alt falls back to the caption (zh) and to the title (en); it is the page's first image, so eager.
  const zhCover = zh.querySelector(".essay-cover picture img")!;
  assert.equal(zhCover.getAttribute("alt"), "街角的书店");
  assert.equal(zhCover.getAttribute("loading"), "eager");
  assert.equal(zhCover.getAttribute("fetchpriority"), "high");
  assert.equal(en.querySelector(".essay-cover picture img")!.getAttribute("alt"), "A walk");

  const body = zh.querySelectorAll(".essay-body picture");
  assert.equal(body.length, 3, "two Markdown images and one raw <img>");
  for (const picture of Array.from(body as ArrayLike<Element>)) {
    const types = Array.from(picture.querySelectorAll("source") as ArrayLike<Element>).map((s) => s.getAttribute("type"));
    assert.deepEqual(types, ["image/avif", "image/webp"]);
    const img = picture.querySelector("img")!;
    assert.equal(img.getAttribute("loading"), "lazy", "the cover is first; body images are lazy");
    assert.equal(img.getAttribute("decoding"), "async");
    assert.match(img.getAttribute("sizes") ?? "", /40rem/);
    assert.ok(Number(img.getAttribute("width")) > 0 && Number(img.getAttribute("height")) > 0);
    assert.match(img.getAttribute("srcset") ?? "", /^\S+ 400w, \S+ \d+w/, "several widths");
  }
  const first = body[0].querySelector("img")!;
  assert.equal(first.getAttribute("alt"), "街景");
  assert.equal(first.getAttribute("title"), "傍晚");
  assert.equal(first.getAttribute("width"), "1280");
  assert.equal(first.getAttribute("height"), "800");
  const raw = body[1].querySelector("img")!;
  assert.equal(raw.getAttribute("alt"), "示意图");
  assert.equal(raw.getAttribute("class"), "wide", "the author's class is kept");
  assert.match(raw.getAttribute("src") ?? "", /\.png$/, "a PNG keeps PNG as its fallback format");

  // Both translations use the same optimized files (the bundle's images serve both).
  const zhSrc = body[0].querySelector("img")!.getAttribute("src");
  const enSrc = en.querySelector(".essay-body picture img")!.getAttribute("src");
  assert.equal(zhSrc, enSrc);
  assert.ok(site.exists(zhSrc!), `${zhSrc} is in the output`);
  for (const source of Array.from(zh.querySelectorAll("source") as ArrayLike<Element>)) {
    for (const candidate of (source.getAttribute("srcset") ?? "").split(",")) assert.ok(site.exists(candidate.trim().split(" ")[0]), candidate);
  }

  // Without a cover, the first body image is the eager one.
  const firstPage = await site.page("/posts/first/");
  const imgs = Array.from(firstPage.querySelectorAll(".essay-body img") as ArrayLike<Element>);
  assert.deepEqual(imgs.map((i) => i.getAttribute("loading")), ["eager", "lazy"]);

  // SVG and animated GIF: copied byte for byte, plain <img> with their own size.
  const art = await site.page("/posts/art/");
  const svg = art.querySelector('img[alt="标志"]')!;
  assert.equal(svg.closest("picture"), null);
  assert.deepEqual([svg.getAttribute("width"), svg.getAttribute("height")], ["120", "80"]);
  assert.deepEqual(await readFile(path.join(site.output, svg.getAttribute("src")!)), SVG);
  const gif = art.querySelector('img[alt="动画"]')!;
  assert.match(gif.getAttribute("src")!, /\.gif$/);
  assert.deepEqual(await readFile(path.join(site.output, gif.getAttribute("src")!)), animatedGif());
  assert.ok(art.querySelector('picture img[alt="首页照片"]'), "/static-photo.jpg resolves from static/ like Hugo");

  // An essay without images is left exactly as rendered.
  assert.equal((await site.page("/posts/plain/")).querySelectorAll("img").length, 0);

  // Empty alt text: one warning naming file, line and image.
  const altWarnings = lines.filter((l) => l.includes("no alt text"));
  assert.deepEqual(altWarnings, ['[wenji] posts/walk/index.md:14: warning: image "photo.jpg" has no alt text; describe it for readers who cannot see it']);

  // The summary line names what was done.
  assert.ok(lines.some((l) => /images: \d+ in essays: \d+ processed, 0 cached, 0 failed; .* source → .* served/.test(l)), lines.join("\n"));
  assert.ok(lines.some((l) => /images: 1 of \d+ encoded/.test(l)), "progress n of m");

  // Every <img> of every page: width, height and alt; none points at a remote host.
  for (const img of await everyImg(site.output)) {
    assert.ok(img.attrs.width && img.attrs.height, `${img.page}: ${img.src} has width and height`);
    assert.notEqual(img.attrs.alt, null, `${img.page}: ${img.src} has alt`);
    assert.doesNotMatch(img.src, /^(https?:)?\/\//, `${img.page}: ${img.src} is local`);
  }
});

test("the social image is 1200x630 and its URL is on the essay; the cover wins over body images", async () => {
  const root = await makeFixtureRoot({
    posts: {
      "a/index.md": `${front("有封面", "cover: {image: wide.jpg, relative: true}\n")}![正文](tall.jpg)\n`,
      "a/wide.jpg": await solid(1000, 500, "#d02010"),
      "a/tall.jpg": await solid(400, 900, "#1030d0"),
      "b.md": `${front("只有正文图")}![正文](/static/x.png)\n`,
      "c.md": `${front("无图")}文字\n`,
    },
    files: { "static/x.png": await png(300, 200) },
  });
  const { model } = await loadSite(root, { preview: false });
  const { value: result } = await captureLog(() => optimizeSiteImages(model, { root, settings: imageSettingsSchema.parse({}), strict: false, offline: true, log: console.log }));
  const byTitle = Object.fromEntries(model.essays.map((e) => [e.title, e]));
  assert.equal(byTitle["无图"].socialImage, undefined);
  for (const title of ["有封面", "只有正文图"]) {
    const social = byTitle[title].socialImage!;
    assert.match(social.url, /^\/img\/.+-og\.jpg$/);
    assert.equal(social.absoluteUrl, `https://wenji.example.org${social.url}`);
    const meta = await sharp(path.join(root, ".cache/images/files", path.basename(social.url))).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["jpeg", 1200, 630]);
    assert.ok(result.files.has(path.basename(social.url)), "the social image is served");
  }
  // The cover (red) is used, not the body image (blue).
  const { dominant } = await sharp(path.join(root, ".cache/images/files", path.basename(byTitle["有封面"].socialImage!.url))).stats();
  assert.ok(dominant.r > dominant.b, `cover colours expected, got ${JSON.stringify(dominant)}`);
});

test("a rebuild in the same process takes each unchanged essay's images from the last build; a changed image is redone", async () => {
  const root = await makeFixtureRoot({
    posts: {
      "a/index.md": `${front("有图", "cover: {image: wide.jpg, relative: true}\n")}![正文](body.png)\n`,
      "a/wide.jpg": await solid(800, 400, "#d02010"),
      "a/body.png": await png(300, 200),
      "b.md": `${front("也有图")}![正文](/static/x.png)\n`,
      "c.md": `${front("无图")}文字\n`,
    },
    files: { "static/x.png": await png(320, 200) },
  });
  const stage = async () => {
    // A fresh model each time, as a preview rebuild loads one: essays are new objects.
    const { model } = await loadSite(root, { preview: true });
    const { value: result } = await captureLog(() => optimizeSiteImages(model, { root, settings: imageSettingsSchema.parse({}), strict: false, offline: true, log: console.log }));
    return { result, html: Object.fromEntries(model.essays.map((e) => [e.title, e.html])) };
  };
  const first = await stage();
  assert.equal(first.result.reused, 0);
  assert.match(first.html["有图"], /<picture>/);
  const second = await stage();
  assert.equal(second.result.reused, 2, "both essays with images come from the memo");
  assert.deepEqual(second.html, first.html, "and print what the first build printed");
  assert.deepEqual([...second.result.files].sort(), [...first.result.files].sort());

  // A replaced image file (new mtime) is read and encoded again; the other essay still reuses.
  await writeFile(path.join(root, "static/x.png"), await png(640, 400));
  const third = await stage();
  assert.equal(third.result.reused, 1);
  assert.notEqual(third.html["也有图"], first.html["也有图"], "the new image's variants are served");
});

test("bad local images: each one error naming essay, line and image, all at once; no stack trace; _site kept", async () => {
  const good = await buildFixture({ posts: { "ok.md": `${front("好")}文字\n` } });
  assert.equal(good.result.ok, true);
  await mkdir(path.join(good.root, "posts", "bad"), { recursive: true });
  const files: Record<string, Buffer | string> = {
    "bad/index.md": `${front("坏图")}![空](empty.png)\n\n![截断](cut.jpg)\n\n![文字](text.png)\n\n![炸弹](bomb.png)\n`,
    "bad/empty.png": Buffer.alloc(0),
    "bad/cut.jpg": await truncatedJpeg(),
    "bad/text.png": "this is not a png\n",
    "bad/bomb.png": pngBomb(),
  };
  for (const [file, content] of Object.entries(files)) await writeFile(path.join(good.root, "posts", file), content);
  const { value: result } = await captureLog(() => good.rebuild());
  assert.equal(result.ok, false);
  const text = result.lines.join("\n");
  const expectations: [string, RegExp][] = [
    ["empty.png", /posts\/bad\/index\.md:6: image "empty\.png" \(posts\/bad\/empty\.png\) is empty \(0 bytes\)/],
    ["cut.jpg", /posts\/bad\/index\.md:8: image "cut\.jpg" \(posts\/bad\/cut\.jpg\) is damaged and cannot be decoded/],
    ["text.png", /posts\/bad\/index\.md:10: image "text\.png" \(posts\/bad\/text\.png\) is not an image wenji can read/],
    ["bomb.png", /posts\/bad\/index\.md:12: image "bomb\.png" \(posts\/bad\/bomb\.png\) is 20000x20000 pixels \(400 megapixels\), more than the limit of 100 megapixels/],
  ];
  for (const [name, pattern] of expectations) {
    assert.match(text, pattern, name);
    assert.equal(result.lines.filter((l) => l.includes(name)).length, 1, `one message for ${name}`);
  }
  // A missing image stops the build before anything is encoded, with what was found so far.
  await writeFile(path.join(good.root, "posts", "bad", "index.md"), `${files["bad/index.md"]}\n![不存在](missing.png)\n`);
  const missing = (await captureLog(() => good.rebuild())).value;
  assert.equal(missing.ok, false);
  assert.match(missing.lines.join("\n"), /posts\/bad\/index\.md:14: image "missing\.png" not found \(looked for posts\/bad\/missing\.png\)/);
  assert.match(missing.lines.join("\n"), /posts\/bad\/index\.md:6: image "empty\.png" \(posts\/bad\/empty\.png\) is empty/);
  assert.doesNotMatch(text, /\n\s+at /, "no stack trace");
  assert.ok(good.exists("/posts/ok/"), "the previous _site/ is kept");
});
