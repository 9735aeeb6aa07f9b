/**
 * What a reader does on an essay page, in a real browser: follow the table of contents to a
 * Chinese heading (with and without JavaScript), switch language, read at a comfortable
 * measure, choose a theme that sticks, print without navigation, open an image full size,
 * and reach everything by keyboard with a visible focus ring.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { STRESS_ESSAY, stressEssayFiles } from "./stress-essay.ts";
import { buildFixture } from "../helpers/site.ts";
import { serveDirectory } from "../../lib/quality/static-server.ts";
import { openPage, screenshotName, startSampleSite, type SampleSite } from "./browser.ts";

const ZH_ESSAY = "/posts/why-we-keep-copies/";
const EN_ESSAY = "/en/posts/why-we-keep-copies/";
const IMAGE_ESSAY = "/posts/bookshop-road/";

/** Polls from outside the page (works with JavaScript disabled too) until `check` holds. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** Clicks every TOC link and checks that its heading ends up at the top of the viewport. */
async function followToc(page: Page, where: string): Promise<number> {
  const links = await page.$$eval(".toc a", (as) => as.map((a) => ({ hash: (a as HTMLAnchorElement).hash, text: a.textContent!.trim() })));
  assert.ok(links.length >= 3, `${where}: the TOC has links`);
  for (const [index, link] of links.entries()) {
    if (!(await page.locator(".toc a").nth(index).isVisible())) await page.click(".toc summary");
    await page.locator(".toc a").nth(index).click();
    const read = () => page.evaluate((hash) => {
      const target = document.getElementById(decodeURIComponent(hash.slice(1)));
      return target && { top: target.getBoundingClientRect().top, text: target.textContent!.replace("#", "").trim(), tag: target.tagName, hash: location.hash, atBottom: Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1 };
    }, link.hash);
    // Smooth scrolling (when motion is welcome) takes a moment; wait until the heading arrives.
    const heading = await eventually(read, (h) => !!h && h.top >= -1 && (h.top < 40 || (h.atBottom && h.top < 860)), 3000);
    assert.ok(heading, `${where}: ${link.text} has a heading`);
    assert.match(heading.tag, /^H[2-4]$/);
    assert.equal(heading.text, link.text, `${where}: the link names its heading`);
    assert.equal(heading.hash, link.hash, `${where}: the address shows the fragment`);
    if (!heading.atBottom) assert.ok(heading.top >= -1 && heading.top < 40, `${where}: ${link.text} scrolled to the top (top = ${heading.top})`);
    else assert.ok(heading.top >= -1 && heading.top < 860, `${where}: ${link.text} visible at the end of the page (top = ${heading.top})`);
  }
  return links.length;
}

describe("reading an essay", () => {
  let site: SampleSite;
  before(async () => { site = await startSampleSite(); });
  after(() => site?.close());

  test("TOC links scroll to their Chinese headings: beside the essay at 1280 px, a box above it at 390 px", async () => {
    for (const width of [1280, 390]) {
      const { context, page, problems } = await openPage(site.browser, { viewport: { width, height: 860 } });
      await page.goto(site.url(ZH_ESSAY));
      const toc = await page.$eval(".toc", (el) => ({ open: (el as HTMLDetailsElement).open, position: getComputedStyle(el).position, left: el.getBoundingClientRect().left, bodyRight: document.querySelector(".essay-body")!.getBoundingClientRect().right }));
      if (width === 1280) {
        assert.equal(toc.position, "sticky");
        assert.ok(toc.open, "the sidebar TOC is open on wide screens");
        assert.ok(toc.left >= toc.bodyRight, "the TOC sits beside the column, not over it");
      } else {
        assert.equal(toc.position, "static");
        assert.equal(toc.open, false, "collapsed above the essay on a phone");
      }
      assert.ok(await followToc(page, `${width}px`) >= 3);
      if (width === 1280) {
        // The section being read is marked in the sidebar.
        const last = await page.$$eval(".toc a", (as) => (as.at(-1) as HTMLAnchorElement).hash);
        await page.waitForFunction((hash) => document.querySelector(".toc a[aria-current='true']")?.getAttribute("href") === hash, last);
        // An instant jump back to the top (no smooth scroll to pass the headings one by one).
        await page.evaluate(() => scrollTo({ top: 0, behavior: "instant" }));
        await page.waitForFunction(() => !document.querySelector(".toc a[aria-current='true']"), undefined, { timeout: 5000 });
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  test("TOC works as plain links without JavaScript, open beside the essay on wide screens", async () => {
    const { context, page, problems } = await openPage(site.browser, { viewport: { width: 1280, height: 860 }, javaScriptEnabled: false });
    await page.goto(site.url(ZH_ESSAY));
    assert.ok(await page.locator(".toc a").first().isVisible(), "links visible without a script");
    await followToc(page, "no JS");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("the language switcher reaches the translation and back", async () => {
    const { context, page, problems } = await openPage(site.browser, { viewport: { width: 390, height: 860 } });
    await page.goto(site.url(ZH_ESSAY));
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    await Promise.all([page.waitForURL(site.url(EN_ESSAY)), page.click("a.lang-switch[hreflang='en']")]);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("h1"), "Why We Keep Copies");
    await Promise.all([page.waitForURL(site.url(ZH_ESSAY)), page.click("a.lang-switch[hreflang='zh-CN'], a.lang-switch[hreflang='zh']")]);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("measure at 1280 px: 36–42 Han characters on every full line of the essay column", async () => {
    const { context, page } = await openPage(site.browser, { viewport: { width: 1280, height: 860 } });
    await page.goto(site.url(ZH_ESSAY));
    // Characters per rendered line, for lines made only of Han characters and CJK punctuation.
    const lines = await page.$$eval(".essay-body > p", (paragraphs) => {
      const counts: number[] = [];
      for (const p of paragraphs) {
        const rows = new Map<number, string>();
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent!;
          for (let i = 0; i < text.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            const top = Math.round(rect.top / 4);
            rows.set(top, (rows.get(top) ?? "") + text[i]);
          }
        }
        const ordered = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
        for (const row of ordered.slice(0, -1)) if (/^[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’—…·]+$/u.test(row)) counts.push([...row].length);
      }
      return counts;
    });
    assert.ok(lines.length >= 3, `enough pure-Chinese full lines to judge (${lines.length})`);
    // Punctuation trimmed where Chromium supports it; a little space between Han and Latin letters.
    const spacing = await page.$eval(".essay-body > p", (p) => { const style = getComputedStyle(p) as CSSStyleDeclaration & { textSpacingTrim: string; textAutospace: string }; return [style.textSpacingTrim, style.textAutospace]; });
    assert.deepEqual(spacing, ["space-first", "normal"]);
    // Line height follows the page language: about 1.8 for Chinese, 1.6 for English.
    const ratio = () => page.$eval(".essay-body > p", (p) => parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize));
    assert.equal((await ratio()).toFixed(2), "1.80");
    await page.goto(site.url(EN_ESSAY));
    assert.equal((await ratio()).toFixed(2), "1.60");
    for (const count of lines) assert.ok(count >= 36 && count <= 42, `a full line holds ${count} characters (lines: ${lines.join(", ")})`);
    await context.close();
  });

  test("the theme toggle overrides the system scheme, survives reloads and new pages, and applies before any script loads", async () => {
    const { context, page, problems } = await openPage(site.browser, { viewport: { width: 1280, height: 860 }, colorScheme: "light" });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.goto(site.url(ZH_ESSAY));
    assert.equal(await background(), "rgb(253, 252, 249)");
    assert.equal(await page.getAttribute(".theme-toggle", "aria-pressed"), "false");
    await page.click(".theme-toggle");
    assert.equal(await background(), "rgb(23, 23, 26)");
    assert.equal(await page.getAttribute(".theme-toggle", "aria-pressed"), "true");
    await page.reload();
    assert.equal(await background(), "rgb(23, 23, 26)", "dark after a reload");
    await page.goto(site.url("/archives/"));
    assert.equal(await background(), "rgb(23, 23, 26)", "dark on another page");
    await page.screenshot({ path: screenshotName("/archives/", "1280-toggled-dark") });
    // No flash: the choice is applied by the inline head script, before the deferred one runs.
    await page.route("**/wenji.js", (route) => route.abort());
    await page.goto(site.url(EN_ESSAY));
    assert.equal(await background(), "rgb(23, 23, 26)", "dark without the deferred script");
    await page.unroute("**/wenji.js");
    // Back to light while the system prefers dark: the choice still wins.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(site.url(ZH_ESSAY));
    await page.click(".theme-toggle");
    await page.reload();
    assert.equal(await background(), "rgb(253, 252, 249)", "light chosen over a dark system");
    // Quick navigations abort some requests; what matters here is that no script failed.
    assert.deepEqual(problems.filter((p) => p.startsWith("console") || p.startsWith("uncaught")).filter((p) => !p.includes("wenji.js")), []);
    await context.close();
  });

  test("print: no navigation, TOC or share links; URLs after links; figures and code kept whole", async () => {
    const { context, page } = await openPage(site.browser, { viewport: { width: 1280, height: 860 } });
    await page.goto(site.url(ZH_ESSAY));
    const onScreen = await page.evaluate(() => [".site-header", ".toc"].map((s) => document.querySelector(s)!.checkVisibility()));
    assert.deepEqual(onScreen, [true, true], "navigation and TOC are there on screen");
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() => [".site-header", ".site-nav", ".lang-switch", ".site-footer", ".toc", ".share", ".post-nav", ".theme-toggle"]
      .map((s) => [s, document.querySelector(s)?.checkVisibility() ?? "absent"] as const));
    for (const [selector, visible] of shown) assert.equal(visible, false, `${selector} is hidden in print`);
    const after = await page.$eval(".essay-body a[href^='/']", (a) => getComputedStyle(a, "::after").content);
    assert.match(after, /\(" attr\(href\) "\)|\/posts\//);
    const unbroken = await page.$eval(".essay-body pre", (pre) => getComputedStyle(pre).breakInside);
    assert.equal(unbroken, "avoid");
    await page.pdf({ path: screenshotName(ZH_ESSAY, "print").replace(/\.png$/, ".pdf") });
    await context.close();
  });

  test("motion: smooth scrolling only when the reader has not asked for reduced motion", async () => {
    for (const [reducedMotion, expected] of [["no-preference", "smooth"], ["reduce", "auto"]] as const) {
      const { context, page } = await openPage(site.browser, { viewport: { width: 390, height: 860 }, reducedMotion });
      await page.goto(site.url(ZH_ESSAY));
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), expected, reducedMotion);
      await context.close();
    }
  });

  test("an essay image opens full size in a dialog and closes with Escape", async () => {
    const { context, page, problems } = await openPage(site.browser, { viewport: { width: 1280, height: 860 } });
    await page.goto(site.url(IMAGE_ESSAY));
    const image = page.locator(".essay-body img").first();
    await image.scrollIntoViewIfNeeded();
    await image.click();
    const viewer = page.locator("dialog.zoom[open] img");
    await viewer.waitFor();
    await page.waitForFunction(() => (document.querySelector("dialog.zoom img") as HTMLImageElement).naturalWidth > 0);
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.querySelector("dialog.zoom[open]"));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("details at 390 px: footnotes link both ways, a wide table scrolls inside itself, long URLs and inline code wrap (code blocks scroll inside themselves), titled images get captions", async () => {
    const { context, page, problems } = await openPage(site.browser, { viewport: { width: 390, height: 860 } });
    await page.goto(site.url(STRESS_ESSAY));
    await page.click(".footnote-ref a");
    // In view: at the top, or as high as it gets at the end of the page.
    const atNote = await eventually(() => page.evaluate(() => {
      const rect = document.getElementById("fn1")!.getBoundingClientRect();
      return { hash: location.hash, top: rect.top, inView: rect.top >= 0 && rect.bottom <= innerHeight && (rect.top < 100 || Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1) };
    }), (v) => v.inView);
    assert.equal(atNote.hash, "#fn1");
    assert.ok(atNote.inView, `the footnote is in view (top ${atNote.top})`);
    await page.click(".footnote-backref");
    const back = await eventually(() => page.evaluate(() => ({ hash: location.hash, top: document.getElementById("fnref1")!.getBoundingClientRect().top })), (v) => v.top >= 0 && v.top < 200);
    assert.equal(back.hash, "#fnref1");
    assert.ok(back.top >= 0 && back.top < 200, `back at the reference (${back.top})`);
    const widths = await page.evaluate(() => ({
      page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
      table: [document.querySelector(".essay-body .table-scroll")!.scrollWidth, document.querySelector(".essay-body .table-scroll")!.clientWidth],
      column: document.querySelector(".essay-body")!.getBoundingClientRect().right,
      overflowing: Array.from(document.querySelectorAll(".essay-body a, .essay-body pre, .essay-body :not(pre) > code")).filter((el) => el.getBoundingClientRect().right > document.querySelector(".essay-body")!.getBoundingClientRect().right + 1).map((el) => el.textContent!.slice(0, 30)),
    }));
    assert.ok(widths.page[0] <= widths.page[1], "the page does not scroll sideways");
    assert.ok(widths.table[0] > widths.table[1], "the table is wider than the column and scrolls inside itself");
    assert.deepEqual(widths.overflowing, [], "links and code stay inside the column");
    assert.equal(await page.textContent(".essay-body figure figcaption"), "傍晚的书店街：标题会成为图注");
    const emphasis = await page.$eval(".essay-body em", (em) => ({ style: getComputedStyle(em).fontStyle, marks: getComputedStyle(em).textEmphasisStyle }));
    assert.deepEqual(emphasis, { style: "normal", marks: "dot" }, "Chinese emphasis uses 着重号, not a slanted face");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("site options: first-line indents instead of paragraph spacing, emphasis by weight instead of dots", async () => {
    const fixture = await buildFixture({ posts: await stressEssayFiles(), site: { typography: { indent: true, emphasis: "weight" } } });
    assert.ok(fixture.result.ok, fixture.result.lines.join("\n"));
    const server = await serveDirectory(fixture.output);
    const { context, page } = await openPage(site.browser, { viewport: { width: 1280, height: 860 } });
    try {
      await page.goto(server.origin + STRESS_ESSAY);
      const styles = await page.evaluate(() => {
        const p = getComputedStyle(document.querySelector(".essay-body > p")!);
        const em = getComputedStyle(document.querySelector(".essay-body em")!);
        return { indent: parseFloat(p.textIndent) / parseFloat(p.fontSize), spacing: p.marginBottom, weight: em.fontWeight, marks: em.textEmphasisStyle, slant: em.fontStyle };
      });
      assert.deepEqual(styles, { indent: 2, spacing: "0px", weight: "600", marks: "none", slant: "normal" });
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("keyboard: skip link first, focus always visible, TOC and language switch reachable by Tab", async () => {
    const { context, page } = await openPage(site.browser, { viewport: { width: 1280, height: 860 } });
    await page.goto(site.url(ZH_ESSAY));
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return {
        className: el.className, text: el.textContent!.trim(), inToc: !!el.closest(".toc"), id: el.id,
        ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight,
      };
    });
    await page.keyboard.press("Tab");
    const skip = await focused();
    assert.equal(skip.className, "skip-link");
    assert.ok(skip.onScreen && skip.ring, "the skip link shows itself with a focus ring");
    await page.keyboard.press("Enter");
    assert.equal((await focused()).id, "main", "the skip link moves focus to the content");
    // A fresh visit (the skip link left #main in the address, which would start Tab there).
    await page.goto(site.url(ZH_ESSAY));
    const seen: Awaited<ReturnType<typeof focused>>[] = [];
    await page.keyboard.press("Tab");
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      // Focus scrolls the element into view, smoothly when motion is welcome: give it a moment.
      seen.push(await eventually(focused, (f) => f.onScreen, 2000));
    }
    const order = seen.map((f) => f.className || f.text).join(" → ");
    assert.ok(seen.some((f) => f.className === "lang-switch"), `the language switch is reached: ${order}`);
    assert.ok(seen.some((f) => f.inToc), `the TOC is reached: ${order}`);
    assert.ok(seen.some((f) => f.className === "theme-toggle"), `the theme toggle is reached: ${order}`);
    const invisible = seen.filter((f) => !f.ring || !f.onScreen);
    assert.deepEqual(invisible, [], "every focused element shows a focus ring on screen");
    await context.close();
  });
});
