import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { launchChromium } from "../e2e/browser.ts";
import type { Browser } from "playwright-core";
import { PROJECT, type Fixture } from "../helpers/site.ts";
import { buildHostileSite, EXPECTED_FEEDS, HOSTILE_TITLE } from "./hostile-site.ts";

const TYPES: Record<string, string> = { ".xml": "application/xml", ".xsl": "text/xsl", ".json": "application/feed+json", ".html": "text/html" };

let site: Fixture;
let server: Server;
let origin: string;
let browser: Browser;

before(async () => {
  site = await buildHostileSite();
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  server = createServer(async (request, response) => {
    const file = path.join(site.output, decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
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
  server?.close();
});

test("opening a feed in a browser shows, in the feed's language, what a feed is and its items", async () => {
  for (const [url, lang] of [["/feed.xml", "zh"], ["/atom.xml", "zh"], ["/en/feed.xml", "en"], ["/en/atom.xml", "en"]] as const) {
    const strings = JSON.parse(await readFile(path.join(PROJECT, "_data", "i18n", `${lang}.json`), "utf8")) as { feedPage: Record<string, string> };
    const page = await browser.newPage();
    await page.goto(origin + url);
    const text = await page.locator("body").innerText();
    assert.ok(text.includes(strings.feedPage.what), `${url}: explanation missing in ${text.slice(0, 200)}`);
    assert.equal(await page.locator("html").getAttribute("lang"), lang === "zh" ? "zh-CN" : "en", url);
    const titles = await page.locator("li > a").allInnerTexts();
    assert.deepEqual(titles, EXPECTED_FEEDS[lang].map((e) => e.title), url);
    const links = await page.locator("li > a").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
    assert.deepEqual(links, EXPECTED_FEEDS[lang].map((e) => `https://wenji.example.org${encodeURI(e.path)}`), url);
    await page.close();
  }
});

test("the hostile title is shown as text on the readable feed page, never as markup", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "/atom.xml");
  assert.equal(await page.locator("li > a").first().innerText(), HOSTILE_TITLE);
  assert.equal(await page.locator("img").count(), 0);
  await page.close();
});
