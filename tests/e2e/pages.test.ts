/**
 * Every kind of page in a real browser, at phone and desktop widths, light and dark: no
 * console errors, no failed requests, no horizontal scrolling, images loaded, axe clean,
 * body text at AAA contrast. Screenshots land in test-results/screenshots/ for a person to see.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { STRESS_ESSAY } from "./stress-essay.ts";
import { axeViolations, openPage, screenshotName, startSampleSite, type SampleSite } from "./browser.ts";


/** Pages every build has; the site's own navigation adds search, about and the like when they exist. */
const CORE_PAGES = [
  "/",
  "/en/",
  "/posts/why-we-keep-copies/",
  "/en/posts/why-we-keep-copies/",
  "/posts/bookshop-road/",
  STRESS_ESSAY,
  "/archives/",
  "/tags/",
  "/tags/开源/",
  "/subscribe/",
  "/en/subscribe/",
  "/en/archives/",
  "/en/search/",
  "/no-such-page/",
];
const NOT_FOUND = "/no-such-page/";
const WIDTHS = [390, 1280];
const SCHEMES = ["light", "dark"] as const;

/** Scrolls through the page so lazy images load, then reports images that did not. */
async function brokenImages(page: Page): Promise<string[]> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
      scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    scrollTo(0, 0);
    await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined)));
  });
  return page.evaluate(() => Array.from(document.images).filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.currentSrc || img.src));
}

describe("pages in the browser", () => {
  let site: SampleSite;
  let pages: string[] = [];

  before(async () => {
    site = await startSampleSite();
    const home = await site.fixture.page("/");
    const navPaths = Array.from(home.querySelectorAll(".site-nav a")).map((a) => decodeURI(a.getAttribute("href")!));
    pages = [...new Set([...CORE_PAGES, ...navPaths])];
  });
  after(() => site?.close());

  test("covers home, essays in both languages, archives, tags, a tag, 404 and every navigation target", () => {
    assert.ok(pages.length >= CORE_PAGES.length);
    for (const sitePath of CORE_PAGES.filter((p) => p !== NOT_FOUND)) assert.ok(site.fixture.exists(sitePath), `${sitePath} was built`);
  });

  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      test(`every page at ${width}px, ${scheme}: clean console and network, no sideways scroll, images, axe`, async () => {
        for (const sitePath of pages) {
          const { context, page, problems } = await openPage(site.browser, { viewport: { width, height: 860 }, colorScheme: scheme });
          try {
            const response = await page.goto(site.url(sitePath), { waitUntil: "load" });
            const expected = sitePath === NOT_FOUND ? 404 : 200;
            assert.equal(response?.status(), expected, `${sitePath}: HTTP status`);
            const where = `${sitePath} at ${width}px ${scheme}`;
            assert.deepEqual(await brokenImages(page), [], `${where}: images that did not load`);
            const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
            assert.ok(overflow.scroll <= overflow.client, `${where}: scrolls sideways (${overflow.scroll} > ${overflow.client})`);
            const theme = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
            assert.equal(theme, scheme === "dark" ? "rgb(23, 23, 26)" : "rgb(253, 252, 249)", `${where}: colour scheme followed`);
            await page.screenshot({ path: screenshotName(sitePath, `${width}-${scheme}`), fullPage: true });
            assert.deepEqual(await axeViolations(page), [], `${where}: axe violations`);
            if (await page.$(".essay-body")) {
              // Body text at AAA (7:1), not just AA.
              assert.deepEqual(await axeViolations(page, { include: [[".essay-body"]] }, { runOnly: ["color-contrast-enhanced"] }), [], `${where}: body text below AAA`);
            }
            // The missing page's own 404 (status and Chromium's console line about it) is the point of that page.
            const own404 = [`HTTP 404: ${site.url(sitePath)}`, `console error: Failed to load resource: the server responded with a status of 404 (Not Found) at ${site.url(sitePath)}`];
            const unexpected = problems.filter((p) => !(sitePath === NOT_FOUND && own404.includes(p)));
            assert.deepEqual(unexpected, [], `${where}: console errors or failed requests`);
          } finally {
            await context.close();
          }
        }
      });
    }
  }
});
