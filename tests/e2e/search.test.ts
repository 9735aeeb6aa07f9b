/**
 * Search in a real browser: Pagefind's index of a built site (served under a path prefix),
 * built from the model's essay bodies (tests/search/index.test.ts checks which ones),
 * a two-character Chinese word and an English word, each finding exactly the right essays,
 * and a set of queries whose exact, whole-word matches must come first and be marked whole.
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
      // The query set: 开源 is in two essays; a third has only 闭源 and 源, in its title too.
      "kaiyuan.md": essay("开源的意义", "2025-02-01", "开源软件让每个人都能读到源代码。我们谈开源，谈的是分享。"),
      "biyuan.md": essay("“闭源”之殇", "2025-02-02", "闭源的工具停止服务之后，源代码不见了，用户只好另找出路。闭源意味着源头在别人手里，源源不断的更新也会突然停下。"),
      "mention.md": essay("一周杂记", "2025-02-03", `${"这一周读了两本旧小说，散步时拍了几张街景，晚上整理照片。".repeat(4)}\n\n## 周末\n\n周末顺便给一个开源项目提了补丁，维护者当天就合并了。${"后来又去公园走了很久，看见很多人在湖边钓鱼。".repeat(4)}`),
      "doors.en.md": essay("Doors", "2025-02-01", "We open the shop at nine and close it at six."),
      "reopen.en.md": essay("Openness", "2025-02-02", "The museum will reopen in spring; its openness to visitors matters to the town."),
    },
  });
  delete process.env.WENJI_SEARCH_SHARD_ESSAYS;
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  assert.deepEqual(JSON.parse(await site.read("/pagefind/shards.json")), { en: 4, "zh-cn": 5 });
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

async function results(url: string, query?: string): Promise<{ hrefs: string[]; status: string; marks: string[]; excerpts: { html: string; text: string; marks: string[] }[] }> {
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
    excerpts: await page.$$eval(".search-results li > p", (ps) => ps.map((p) => ({ html: p.innerHTML, text: p.textContent ?? "", marks: [...p.querySelectorAll("mark")].map((m) => m.textContent ?? "") }))),
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

test("the query set: exact, whole-word matches first and marked whole; partial matches after", async () => {
  const kaiyuan = await results(`${PREFIX}search/`, "开源");
  assert.deepEqual(kaiyuan.hrefs.slice(0, 2), [`${PREFIX}posts/kaiyuan/`, `${PREFIX}posts/mention/`], "title match, then text match");
  const partial = kaiyuan.hrefs.indexOf(`${PREFIX}posts/biyuan/`);
  assert.ok(partial === -1 || partial === 2, `the essay with only 闭源 comes after the exact matches: ${kaiyuan.hrefs}`);
  for (const e of kaiyuan.excerpts.slice(0, 2)) assert.deepEqual([...new Set(e.marks)], ["开源"], `the whole word is marked: ${e.html}`);

  const open = await results(`${PREFIX}en/search/`, "open");
  assert.equal(open.hrefs[0], `${PREFIX}en/posts/doors/`, `whole word "open" before "reopen"/"openness": ${open.hrefs}`);
  assert.deepEqual(open.excerpts[0].marks, ["open"]);

  const copies = await results(`${PREFIX}search/`, "副本");
  assert.deepEqual(copies.excerpts[0].marks, ["副本"]);
});

test("excerpts read as Chinese: no title fragment, no '. ' or spaces beside Han text, '……' where cut", async () => {
  const found = await results(`${PREFIX}search/`, "补丁");
  assert.deepEqual(found.hrefs, [`${PREFIX}posts/mention/`]);
  const { text } = found.excerpts[0];
  assert.ok(!text.includes("一周杂记"), `no title in the excerpt: ${text}`);
  assert.doesNotMatch(text, /\p{Script=Han}\. /u, "no ASCII full stop after Han text");
  assert.doesNotMatch(text, /[\p{Script=Han}，。：；！？、“”]\s+[\p{Script=Han}，。：；！？、“”]/u, `no space beside Chinese: ${text}`);
  assert.match(text, /^……/, "cut at the start");
  assert.match(text, /……$/, "cut at the end");
  assert.match(text, /周末。周末顺便/, "the heading ends with 。");
});
