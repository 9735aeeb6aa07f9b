/**
 * The reader's view (issue 18) in Chromium, at 390 and 1280 px, light and dark, zh and en:
 * the header's rows and height, full-width quotes in Chinese text, no lone Han character
 * ending a list item, code that scrolls with its language and a copy button that moves
 * nothing, a placeholder for a remote image the build could not download, post navigation in
 * reading order, share links, archives by year, the subscribe page, no XSLT anywhere, and axe
 * on the subscribe and search pages and on a language without essays. Screenshots go to
 * test-results/screenshots/ (`--reader-` in the name).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { axeViolations, launchChromium, openPage, screenshotName } from "./browser.ts";
import { STRESS_ESSAY, stressEssayFiles } from "./stress-essay.ts";
import { buildFixture, kubesphereEssay, type Fixture } from "../helpers/site.ts";
import { serveDirectory, type StaticServer } from "../../lib/quality/static-server.ts";

const WIDTHS = [390, 1280] as const;
const SCHEMES = ["light", "dark"] as const;
const KUBESPHERE = "/posts/kubesphere/";

let site: Fixture;
let server: StaticServer;
let browser: Browser;
const url = (sitePath: string) => server.origin + encodeURI(sitePath);

before(async () => {
  site = await buildFixture({ samplePosts: true, posts: { ...(await stressEssayFiles()), "kubesphere.md": await kubesphereEssay() } });
  assert.equal(site.result.ok, true, site.result.lines.join("\n"));
  server = await serveDirectory(site.output);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page; every test also asserts the page logged no error and failed no request. */
async function visit(sitePath: string, width: number, scheme: "light" | "dark" = "light", javaScriptEnabled = true) {
  const watched = await openPage(browser, { viewport: { width, height: 860 }, colorScheme: scheme, javaScriptEnabled });
  await watched.page.goto(url(sitePath), { waitUntil: "load" });
  return watched;
}

async function shoot(page: Page, sitePath: string, variant: string): Promise<void> {
  await page.screenshot({ path: screenshotName(sitePath, `reader-${variant}`), fullPage: true });
}

/** Rows of the header: its items grouped by their vertical centre. */
function headerRows(page: Page): Promise<{ rows: number; height: number }> {
  return page.evaluate(() => {
    const header = document.querySelector(".site-header")!;
    const items = [...header.querySelectorAll(".site-title, .site-nav li, .site-tools > *")].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0);
    const centres: number[] = [];
    for (const r of items) {
      const c = r.top + r.height / 2;
      if (!centres.some((x) => Math.abs(x - c) < 6)) centres.push(c);
    }
    return { rows: centres.length, height: header.getBoundingClientRect().height };
  });
}

/** Lines (by the top of each character's box) of each element that end on one Han character alone. */
function loneHanLines(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const lone: string[] = [];
    for (const el of document.querySelectorAll(sel)) {
      const chars: { top: number; ch: string }[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (let i = 0; i < node.data.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect) chars.push({ top: rect.top, ch: node.data[i] });
        }
      }
      const lines: string[] = [];
      let top = -Infinity;
      for (const c of chars) {
        if (c.top > top + 4) lines.push("");
        top = Math.max(top, c.top);
        lines[lines.length - 1] += c.ch;
      }
      const last = (lines.at(-1) ?? "").replace(/[\s\p{P}]/gu, "");
      if (lines.length > 1 && /^\p{Script=Han}$/u.test(last)) lone.push(`${el.textContent!.trim().slice(0, 20)}… ends on “${lines.at(-1)}”`);
    }
    return lone;
  }, selector);
}

/** The fonts Chromium used for the text of the first element matching `selector`. */
async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

/** Wraps the first “ inside `scope` in `<span id=quote-probe>`; false when there is none. */
function markQuote(page: Page, scope: string): Promise<boolean> {
  return page.evaluate((sel) => {
    for (const el of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf("“");
        if (at < 0) continue;
        const quote = node.splitText(at);
        quote.splitText(1);
        const span = document.createElement("span");
        span.id = "quote-probe";
        quote.replaceWith(span);
        span.append(quote);
        return true;
      }
    }
    return false;
  }, scope);
}

describe("typography", () => {
  test("“” in Chinese text come from a CJK font (title and body); English text keeps Latin quotes", async () => {
    const { context, page, problems } = await visit(KUBESPHERE, 1280);
    try {
      assert.ok(await markQuote(page, ".essay-title"), "the title has “闭源”");
      assert.match((await fontsOf(page, "#quote-probe")).join(), /CJK/, "title quote in a CJK font");
      await page.evaluate(() => document.getElementById("quote-probe")!.id = "");
      assert.ok(await markQuote(page, ".essay-body p"));
      assert.match((await fontsOf(page, "#quote-probe")).join(), /CJK/, "body quote in a CJK font");
      // The same glyph in English text: a Latin font.
      await page.evaluate(() => {
        document.getElementById("quote-probe")!.id = "";
        const p = document.createElement("p");
        p.lang = "en";
        p.innerHTML = "She said <span id=quote-probe>“</span>hello”.";
        document.querySelector(".essay-body")!.append(p);
      });
      assert.doesNotMatch((await fontsOf(page, "#quote-probe")).join(), /CJK/, "English quote in a Latin font");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const width of WIDTHS) {
    test(`at ${width}px: Chinese paragraphs justified, no list item or paragraph ends on a lone Han character, headings on one scale`, async () => {
      const { context, page, problems } = await visit(STRESS_ESSAY, width);
      try {
        assert.ok((await page.$$(".essay-body li")).length >= 8, "the sample list is there");
        assert.deepEqual(await loneHanLines(page, ".essay-body li, .essay-body p"), []);
        const align = await page.$eval(".essay-body > p", (p) => getComputedStyle(p).textAlign);
        assert.equal(align, "justify");
        // A long URL or identifier starts on the line of the text before it, rather than leaving that line stretched.
        const starts = await page.$$eval(".essay-body p > a.url, .essay-body p > code", (els) => els.map((el) => {
          const tops = [el, el.parentElement!].map((node) => {
            const range = document.createRange();
            range.selectNodeContents(node);
            return range.getClientRects()[0].top;
          });
          return Math.abs(tops[0] - tops[1]) < 4;
        }));
        assert.ok(starts.length >= 2 && starts.every(Boolean), `long URL and code start on the first line: ${starts}`);
        const sizes = await page.evaluate(() => {
          const [p, h1, h2] = [".essay-body p", ".essay-title", ".essay-body h2"].map((sel) => getComputedStyle(document.querySelector(sel)!));
          return { body: parseFloat(p.fontSize), h1: parseFloat(h1.fontSize), h2: parseFloat(h2.fontSize), families: [h1.fontFamily, h2.fontFamily] };
        });
        assert.ok(sizes.h1 > sizes.h2 && sizes.h2 > sizes.body * 1.3, `scale: ${JSON.stringify(sizes)}`);
        assert.equal(sizes.families[0], sizes.families[1], "title and section headings share a family");
        await shoot(page, STRESS_ESSAY, `${width}`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test("h4 is larger than the body, h3 larger than h4 (rendered from Markdown)", async () => {
    const { context, page } = await visit(STRESS_ESSAY, 1280);
    try {
      const sizes = await page.evaluate(() => {
        const body = document.querySelector(".essay-body")!;
        body.insertAdjacentHTML("beforeend", "<h3>三级</h3><h4>四级</h4><p>正文</p>");
        return ["h3", "h4", "p:last-child"].map((sel) => parseFloat(getComputedStyle(body.querySelector(sel)!).fontSize));
      });
      assert.ok(sizes[0] > sizes[1] && sizes[1] > sizes[2], `h3 > h4 > body: ${sizes}`);
    } finally {
      await context.close();
    }
  });

  test("Chinese counts have no thousands comma; dates are in the page's language", async () => {
    const zh = await site.page(KUBESPHERE);
    assert.match(zh.querySelector(".word-count")!.textContent!, /^\d{4} 字$/);
    assert.match(zh.querySelector(".essay-meta time")!.textContent!, /^2025年8月1日$/);
    const en = await site.page("/en/posts/why-we-keep-copies/");
    assert.match(en.querySelector(".essay-meta time")!.textContent!, /^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
  });
});

/** Share links per row, after checking each is a 24px target at least. */
async function shareRows(page: Page): Promise<number[]> {
  const share = await page.$$eval(".share li a", (links) => links.map((a) => ({ text: a.textContent!, ...a.getBoundingClientRect().toJSON() })));
  for (const s of share) assert.ok(s.width >= 24 && s.height >= 24, `${s.text} is ${s.width}×${s.height}`);
  const rows = new Map<number, number>();
  for (const s of share) rows.set(Math.round(s.top), (rows.get(Math.round(s.top)) ?? 0) + 1);
  return [...rows.values()];
}

describe("header and navigation", () => {
  for (const width of WIDTHS) {
    for (const sitePath of ["/", "/en/", KUBESPHERE, "/en/posts/why-we-keep-copies/"]) {
      test(`${sitePath} at ${width}px: the header takes ${width === 390 ? "at most two rows" : "one row"}, with no note in it`, async () => {
        const { context, page, problems } = await visit(sitePath, width);
        try {
          const { rows, height } = await headerRows(page);
          assert.ok(rows <= (width === 390 ? 2 : 1), `${rows} rows, ${height}px`);
          assert.ok(height <= (width === 390 ? 110 : 75), `header ${height}px tall`);
          assert.equal(await page.$(".site-header .no-translation"), null);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test("a zh-only essay: the note is a quiet line under the meta, in Chinese (英文), and the switch's title", async () => {
    const doc = await site.page(KUBESPHERE);
    const note = doc.querySelector(".essay-header .essay-meta + .no-translation a");
    assert.equal(note?.textContent, "本文暂无英文版本，前往英文首页");
    assert.equal(doc.querySelector(".lang-switch")?.getAttribute("title"), "本文暂无英文版本，前往英文首页");
  });

  for (const width of WIDTHS) {
    test(`at ${width}px: 上一篇 left and 下一篇 right with arrows; share links in Chinese, 24px targets, no lone wrapped link`, async () => {
      const { context, page, problems } = await visit("/posts/why-we-keep-copies/", width);
      try {
        const prev = await page.$eval(".post-nav .prev", (a) => ({ left: a.getBoundingClientRect().left, text: a.textContent! }));
        const next = await page.$eval(".post-nav .next", (a) => ({ left: a.getBoundingClientRect().left, text: a.textContent! }));
        assert.ok(prev.left < next.left, "previous on the left");
        assert.match(prev.text, /^← 上一篇/);
        assert.match(next.text, /^下一篇 →/);
        const share = await page.$$eval(".share li a", (links) => links.map((a) => ({ text: a.textContent!, ...a.getBoundingClientRect().toJSON() })));
        assert.deepEqual(share.map((s) => s.text), ["微博", "X", "Telegram", "邮件", "复制链接"]);
        assert.deepEqual(await shareRows(page), [5]);
        await page.goto(url("/en/posts/why-we-keep-copies/"));
        assert.deepEqual(await shareRows(page), [5], "English too");
        await shoot(page, "/posts/why-we-keep-copies/", `${width}`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test("archives: a heading per year, then month and day (no year) and the title, titles aligned", async () => {
    for (const width of WIDTHS) {
      for (const sitePath of ["/archives/", "/en/archives/"]) {
        const { context, page, problems } = await visit(sitePath, width);
        try {
          const years = await page.$$eval(".archive-year > h2", (hs) => hs.map((h) => h.textContent));
          assert.ok(years.length >= 2 && years.every((y) => /^\d{4}$/.test(y!)), `years: ${years}`);
          assert.deepEqual([...years].sort().reverse(), years, "newest year first");
          const entries = await page.$$eval(".archive-list li", (lis) => lis.map((li) => ({ day: li.querySelector("time")!.textContent!, x: li.querySelector("a")!.getBoundingClientRect().left })));
          for (const e of entries) assert.doesNotMatch(e.day, /\d{4}/, `the day ${e.day} does not repeat the year`);
          assert.equal(new Set(entries.map((e) => Math.round(e.x))).size, 1, "every title starts at the same x");
          const colours = await page.evaluate(() => [getComputedStyle(document.querySelector(".archive-list a")!).color, getComputedStyle(document.body).color]);
          assert.equal(colours[0], colours[1], "titles in the text colour, as on the home page");
          await shoot(page, sitePath, `${width}`);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      }
    }
  });
});

describe("code and images", () => {
  for (const width of WIDTHS) {
    test(`at ${width}px: code scrolls instead of wrapping, names its language, and the copy button moves nothing`, async () => {
      const withJs = await visit(STRESS_ESSAY, width);
      const withoutJs = await visit(STRESS_ESSAY, width, "light", false);
      try {
        const measure = (page: Page) => page.$eval(".code-block", (box) => {
          const pre = box.querySelector("pre")!;
          const line = parseFloat(getComputedStyle(pre).lineHeight);
          return { rect: pre.getBoundingClientRect().toJSON(), lines: Math.round((pre.clientHeight - parseFloat(getComputedStyle(pre).paddingTop) * 2) / line), scrolls: pre.scrollWidth > pre.clientWidth, label: getComputedStyle(box, "::before").content, button: box.querySelector("button")?.textContent ?? null };
        });
        const js = await measure(withJs.page);
        const plain = await measure(withoutJs.page);
        assert.equal(js.label, '"bash"');
        assert.equal(js.lines, 1, "the long command stays on one line");
        assert.ok(js.scrolls, "it scrolls sideways");
        assert.equal(js.button, "复制");
        assert.equal(plain.button, null, "no button without JS");
        assert.deepEqual(js.rect, plain.rect, "the button does not move the code");
        assert.deepEqual([...withJs.problems, ...withoutJs.problems], []);
      } finally {
        await withJs.context.close();
        await withoutJs.context.close();
      }
    });
  }

  test("the copy button copies the code", async () => {
    const { context, page } = await visit(STRESS_ESSAY, 1280);
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
      await page.click(".code-block .code-copy");
      assert.equal((await page.evaluate(() => navigator.clipboard.readText())).trim(), (await page.$eval(".code-block pre", (pre) => pre.textContent!)).trim());
      assert.equal(await page.textContent(".code-block .code-copy"), "已复制");
    } finally {
      await context.close();
    }
  });

  for (const width of WIDTHS) {
    test(`at ${width}px: a remote image the build could not download shows a visible placeholder with its link`, async () => {
      for (const [sitePath, label, src] of [
        [STRESS_ESSAY, "图片：系统架构示意图", "https://raw.githubusercontent.com/wenji-example/none/main/diagram.png"],
        [KUBESPHERE, "图片", "https://raw.githubusercontent.com/example-org/example-repo/main/docs/img/arch.png"],
      ]) {
        const { context, page, problems } = await visit(sitePath, width);
        try {
          const box = page.locator(".image-missing").first();
          await box.scrollIntoViewIfNeeded();
          assert.ok(await box.isVisible());
          assert.equal(await box.locator(".image-missing-label").textContent(), label);
          assert.equal(await box.locator("a").getAttribute("href"), src);
          const size = await box.boundingBox();
          assert.ok(size && size.height >= 48 && size.width >= 200, `placeholder ${JSON.stringify(size)}`);
          await box.screenshot({ path: screenshotName(sitePath, `reader-placeholder-${width}`) });
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      }
    });
  }
});

describe("feeds and subscribing", () => {
  test("the header's 订阅 leads to a subscribe page per language listing three feeds, each copyable", async () => {
    for (const [home, subscribe] of [["/", "/subscribe/"], ["/en/", "/en/subscribe/"]]) {
      const { context, page, problems } = await visit(home, 390);
      try {
        await page.click(".site-header .subscribe");
        assert.equal(new URL(page.url()).pathname, subscribe);
        const feeds = await page.$$eval(".feed-list li", (lis) => lis.map((li) => ({ href: li.querySelector("a")!.getAttribute("href")!, address: li.querySelector("code")!.textContent!, button: li.querySelector("button")?.textContent })));
        assert.equal(feeds.length, 3);
        for (const f of feeds) {
          assert.ok(site.exists(f.href), `${f.href} exists`);
          assert.ok(f.address.endsWith(f.href) && f.address.startsWith("https://"), f.address);
          assert.ok(f.button, "a copy button");
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });

  test("no page or feed references an XSLT stylesheet, and none is written", async () => {
    const files = (await readdir(site.output, { recursive: true })).filter((f) => /\.(html|xml|xsl)$/.test(f));
    assert.ok(files.length > 20);
    assert.deepEqual(files.filter((f) => f.endsWith(".xsl")), []);
    for (const file of files) {
      const text = await readFile(path.join(site.output, file), "utf8");
      assert.ok(!text.includes("xml-stylesheet") && !/\.xslt?\b/.test(text), `${file} references XSLT`);
    }
  });
});

describe("axe on the new and changed page kinds", () => {
  let empty: Fixture;
  let emptyServer: StaticServer;
  before(async () => {
    // A site with no English essay: the English home, subscribe and search pages have nothing to list.
    empty = await buildFixture({ posts: { "only.md": "---\ntitle: 只有一篇\ndate: 2025-03-01\n---\n\n只有中文的一篇文章。\n" } });
    assert.equal(empty.result.ok, true, empty.result.lines.join("\n"));
    emptyServer = await serveDirectory(empty.output);
  });
  after(() => emptyServer?.close());

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      test(`${scheme}, ${width}px: subscribe, search with results, archives, and a language without essays`, async () => {
        const pages: [string, string][] = [
          [server.origin, "/subscribe/"], [server.origin, "/en/subscribe/"], [server.origin, "/search/?q=开源"], [server.origin, "/en/search/?q=open"],
          [server.origin, "/archives/"], [server.origin, KUBESPHERE],
          [emptyServer.origin, "/en/"], [emptyServer.origin, "/en/subscribe/"], [emptyServer.origin, "/en/search/?q=copies"],
        ];
        for (const [origin, sitePath] of pages) {
          const { context, page, problems } = await openPage(browser, { viewport: { width, height: 860 }, colorScheme: scheme });
          try {
            await page.goto(origin + encodeURI(sitePath), { waitUntil: "load" });
            if (sitePath.includes("?q=")) await page.waitForFunction(() => /\d|没有|No /.test(document.querySelector(".search-status")?.textContent ?? ""));
            const where = `${origin === server.origin ? "" : "(no English essays) "}${sitePath} ${scheme} ${width}px`;
            assert.deepEqual(await axeViolations(page), [], `${where}: axe`);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.ok(overflow <= 0, `${where}: scrolls sideways`);
            await shoot(page, `${origin === server.origin ? "" : "empty-"}${sitePath.replace("?q=", "-q-")}`, `${width}-${scheme}`);
            assert.deepEqual(problems, [], where);
          } finally {
            await context.close();
          }
        }
      });
    }
  }

  test("the search page: a 16px input, a gap under the label, the button in the accent colour in dark mode", async () => {
    const { context, page } = await visit("/search/", 390, "dark");
    try {
      const form = await page.evaluate(() => {
        const input = document.getElementById("search-input")!;
        const label = document.querySelector("label[for=search-input]")!;
        const button = document.querySelector(".search-form button")!;
        return {
          size: parseFloat(getComputedStyle(input).fontSize),
          gap: input.getBoundingClientRect().top - label.getBoundingClientRect().bottom,
          button: getComputedStyle(button).backgroundColor,
          accent: getComputedStyle(document.querySelector(".skip-link")!).color,
        };
      });
      assert.ok(form.size >= 16, `input ${form.size}px`);
      assert.ok(form.gap >= 4, `label gap ${form.gap}px`);
      assert.equal(form.button, form.accent, "the button is the accent colour, not a grey block");
    } finally {
      await context.close();
    }
  });
});
