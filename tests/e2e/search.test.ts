/**
 * Search in a real browser: Pagefind's index of a built site (served under a path prefix),
 * built from the model's essay bodies (tests/search/index.test.ts checks which ones),
 * a two-character Chinese word and an English word, each finding exactly the right essays.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { launchChromium } from "./browser.ts";
import type { Browser } from "playwright-core";
import { buildFixture, type Fixture } from "../helpers/site.ts";

const PREFIX = "/blog/";
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };

let site: Fixture;
let server: Server;
let origin: string;
let browser: Browser;
const requested: string[] = [];

const essay = (title: string, date: string, body: string, extra = "") => `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n\n${body}\n`;

before(async () => {
  // Shards of one essay: every search below merges several Pagefind indexes, as a site of
  // more than 500 essays per language does.
  process.env.WENJI_SEARCH_SHARD_ESSAYS = "1";
  site = await buildFixture({
    site: { pathPrefix: PREFIX },
    posts: {
      "copies.md": essay("留住文字", "2025-01-01", "链接会失效，所以我们要留副本，放在三个不同的地方。"),
      "bookshop.md": essay("书店街", "2025-01-02", "城东有一条旧书店街，老板只收还有人留着的书。"),
      "hidden.md": essay("不给搜索的随笔", "2025-01-03", "这一篇也提到副本，但作者不想让它出现在搜索里。", "searchHidden: true\n"),
      "copies.en.md": essay("Keeping Words", "2025-01-01", "Links rot, so I keep an archive of everything I cite."),
      "walk.en.md": essay("A Walk", "2025-01-04", "We walked along the ridge until the light went."),
    },
  });
  delete process.env.WENJI_SEARCH_SHARD_ESSAYS;
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  assert.deepEqual(JSON.parse(await site.read("/pagefind/shards.json")), { en: 2, "zh-cn": 2 });
  server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    requested.push(pathname);
    if (!pathname.startsWith(PREFIX)) return void response.writeHead(404).end();
    let file = path.join(site.output, pathname.slice(PREFIX.length));
    if (file.endsWith("/") || !path.extname(file)) file = path.join(file, "index.html");
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function results(url: string, query?: string): Promise<{ hrefs: string[]; status: string; marks: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(origin + url);
  if (query !== undefined) {
    await page.fill("#search-input", query);
    await page.press("#search-input", "Enter");
  }
  await page.waitForFunction(() => {
    const status = document.querySelector(".search-status")?.textContent ?? "";
    return status !== "" && !/正在搜索|Searching/.test(status);
  });
  const found = {
    hrefs: await page.$$eval(".search-results li > a", (links) => links.map((a) => a.getAttribute("href") ?? "")),
    status: (await page.textContent(".search-status")) ?? "",
    marks: await page.$$eval(".search-results mark", (marks) => marks.map((m) => m.textContent ?? "")),
  };
  assert.deepEqual(errors, []);
  await page.close();
  return found;
}

test("a two-character Chinese word finds the essay that has it, and not the search-hidden one or other pages", async () => {
  const found = await results(`${PREFIX}search/?q=${encodeURIComponent("副本")}`);
  assert.deepEqual(found.hrefs, [`${PREFIX}posts/copies/`]);
  assert.equal(found.status, "找到 1 篇文章");
  assert.ok(found.marks.includes("副本"), `excerpt marks the word: ${found.marks}`);
  const other = await results(`${PREFIX}search/`, "书店");
  assert.deepEqual(other.hrefs, [`${PREFIX}posts/bookshop/`]);
});

test("an English word on the English search page finds the English essay, with the UI in English", async () => {
  const found = await results(`${PREFIX}en/search/`, "archive");
  assert.deepEqual(found.hrefs, [`${PREFIX}en/posts/copies/`]);
  assert.equal(found.status, "Essays found: 1");
  // Each shard without "archive" falls back to words that begin it ("A" of "A Walk"); those
  // are shown only when no shard has a real match, as one Pagefind index would do.
  const plural = await results(`${PREFIX}en/search/`, "ridges");
  assert.deepEqual(plural.hrefs, [`${PREFIX}en/posts/walk/`]);
  const fallback = await results(`${PREFIX}en/search/`, "lighthouse");
  assert.deepEqual(fallback.hrefs, [`${PREFIX}en/posts/walk/`], "nothing better: the fallback is shown");
  const none = await results(`${PREFIX}en/search/`, "副本");
  assert.deepEqual(none.hrefs, [], "the English index holds only English essays");
  assert.equal(none.status, "No essays found for “副本”.");
});

test("the index is loaded on the search page only; pages are linked from the nav in each language", async () => {
  requested.length = 0;
  const page = await browser.newPage();
  await page.goto(`${origin}${PREFIX}posts/copies/`);
  await page.goto(`${origin}${PREFIX}en/`);
  assert.deepEqual(requested.filter((p) => p.includes("/pagefind/")), []);
  assert.equal(await page.getAttribute('.site-nav a[href$="/en/search/"]', "href"), `${PREFIX}en/search/`);
  await page.close();
  const zh = await site.page("/posts/copies/");
  assert.equal(zh.querySelector(".site-nav a[href='/blog/search/']")?.textContent, "搜索");
  const searchPage = await site.page("/search/");
  assert.equal(searchPage.querySelector("meta[name=robots]")?.getAttribute("content"), "noindex");
  assert.equal(searchPage.querySelector("label[for=search-input]")?.textContent, "搜索文章");
});
