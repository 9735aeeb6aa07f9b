/**
 * The book's chapters as a reading system shows them: unzipped, opened as XHTML (file://, so
 * Chromium parses them as XML and shows any well-formedness error) with the book's stylesheet.
 * Screenshots go to test-results/book/ for a person to look at.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { launchChromium, openPage } from "../e2e/browser.ts";
import { PROJECT } from "../helpers/site.ts";
import { makeBooks, unpack, type BookSet } from "./fixture.ts";

const SHOTS = path.join(PROJECT, "test-results", "book");
let set: BookSet;
let browser: Browser;
let dir: string;

before(async () => {
  set = await makeBooks();
  dir = await mkdtemp(path.join(os.tmpdir(), "wenji-book-"));
  for (const name of ["zh", "zhVertical", "en"] as const) await unpack(set.books[name], path.join(dir, name));
  await mkdir(SHOTS, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** The chapter of the sample essay with images, headings and a figure: the richest page. */
function chapterOf(book: "zh" | "zhVertical" | "en", title: string): string {
  const essays = set.books[book].essays;
  const index = essays.findIndex((e) => e.title === title);
  assert.ok(index >= 0, `${title} is in the ${book} book`);
  return path.join(dir, book, "EPUB", `c${String(index + 1).padStart(4, "0")}.xhtml`);
}

const cases = [
  { book: "zh", title: "书苑之路", shot: "zh-horizontal.png", mode: "horizontal-tb", viewport: { width: 600, height: 900 } },
  { book: "zhVertical", title: "书苑之路", shot: "zh-vertical.png", mode: "vertical-rl", viewport: { width: 900, height: 640 } },
  { book: "en", title: "Bookshop Road", shot: "en.png", mode: "horizontal-tb", viewport: { width: 600, height: 900 } },
  { book: "zh", title: "为什么我们要留副本", shot: "zh-footnotes-code.png", mode: "horizontal-tb", viewport: { width: 600, height: 900 }, full: true },
] as const;

for (const c of cases) {
  test(`${c.book}: "${c.title}" opens as XHTML with the book's stylesheet (${c.shot})`, async () => {
    const { context, page, problems } = await openPage(browser, { viewport: c.viewport, deviceScaleFactor: 1 });
    try {
      await page.goto(pathToFileURL(chapterOf(c.book, c.title)).href);
      const state = await page.evaluate(() => ({
        xml: document.contentType,
        parseError: document.getElementsByTagName("parsererror").length,
        mode: getComputedStyle(document.documentElement).writingMode,
        sheets: document.styleSheets.length,
        brokenImages: [...document.images].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.getAttribute("src")),
        title: document.querySelector("h1")?.textContent,
      }));
      assert.equal(state.xml, "application/xhtml+xml");
      assert.equal(state.parseError, 0);
      assert.equal(state.sheets, 1);
      assert.equal(state.mode, c.mode);
      assert.deepEqual(state.brokenImages, []);
      assert.equal(state.title, c.title);
      // A vertical-rl page starts at its right edge, which a viewport screenshot misses: the
      // full page, clipped to the rightmost viewport, is what a reader sees first.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      const clip = { x: Math.max(0, width - c.viewport.width), y: 0, ...c.viewport };
      await page.screenshot({ path: path.join(SHOTS, c.shot), fullPage: true, clip: "full" in c ? undefined : clip });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}
