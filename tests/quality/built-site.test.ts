/**
 * Quality gates over the built sample site, without a browser: valid HTML (html-validate),
 * no broken internal links or fragments (pages, sitemap, feeds), and the page-weight budgets.
 * Each gate is also shown failing on a fixture that breaks it, so none of them can pass blindly.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFile, rm, writeFile } from "node:fs/promises";
import { buildFixture, PROJECT, type Fixture } from "../helpers/site.ts";
import { formatHtmlProblem, validateBuiltSite } from "../../lib/quality/html.ts";
import { checkLinks, formatBrokenLink } from "../../lib/quality/links.ts";
import { BUDGETS, budgetProblems, heaviestByKind, measureSite } from "../../lib/quality/weight.ts";

const CONFIG = path.join(PROJECT, ".htmlvalidate.json");
const SITE_URL = "https://wenji.example.org";

const BROKEN = `---
title: 坏掉的文章
date: 2025-09-01T10:00:00+08:00
---

指向[不存在的文章](/posts/nope/)和[不存在的小节](#没有这个小节)，还有[正常的首页](/)。

<div><span>没有闭合</div>
`;

describe("the built sample site", () => {
  let site: Fixture;
  before(async () => {
    site = await buildFixture({ samplePosts: true });
    assert.ok(site.result.ok, site.result.lines.join("\n"));
  });
  after(() => rm(site.root, { recursive: true, force: true }));

  test("every page is valid HTML (html-validate, the project's config): 0 errors", async () => {
    const { pages, problems } = await validateBuiltSite(site.output, CONFIG);
    assert.ok(pages >= 20, `validated ${pages} pages`);
    assert.deepEqual(problems.map(formatHtmlProblem), []);
  });

  test("every internal link and #fragment in pages, sitemap and feeds resolves: 0 broken", async () => {
    const report = await checkLinks(site.output, SITE_URL, "/");
    assert.ok(report.links > 500, `checked ${report.links} links in ${report.files} files`);
    assert.deepEqual(report.broken.map(formatBrokenLink), []);
  });

  test("page weight: CSS ≤ 8 KB, JS ≤ 2 KB, essay page ≤ 15 KB gzipped; every requested file exists", async () => {
    const weights = await measureSite(site.output);
    const kinds = heaviestByKind(weights).map((w) => w.kind);
    for (const kind of ["essay", "home", "archives", "terms", "term", "notfound"]) assert.ok(kinds.includes(kind), `measured a ${kind} page`);
    const essays = weights.filter((w) => w.kind === "essay");
    assert.ok(essays.length >= 4);
    for (const w of essays) assert.ok(w.css > 0 && w.html > 0, `${w.page} has HTML and CSS to weigh`);
    assert.ok(weights.some((w) => w.requests > 4), "image requests are counted and checked too");
    assert.deepEqual(budgetProblems(weights), []);
  });
});

describe("the gates fail on a broken site", () => {
  let site: Fixture;
  before(async () => {
    site = await buildFixture({ posts: { "broken.md": BROKEN } });
    assert.ok(site.result.ok, site.result.lines.join("\n"));
  });
  after(() => rm(site.root, { recursive: true, force: true }));

  test("html-validate reports the unclosed element with file and line", async () => {
    const { problems } = await validateBuiltSite(site.output, CONFIG);
    const own = problems.filter((p) => p.file === "posts/broken/index.html");
    assert.ok(own.length > 0, "an error in the broken essay");
    assert.ok(own.every((p) => p.line > 1 && p.rule.length > 0));
  });

  test("the link checker reports the missing page and the missing fragment, not the good link", async () => {
    const { broken } = await checkLinks(site.output, SITE_URL, "/");
    const own = broken.filter((b) => b.from === "/posts/broken/index.html").map(formatBrokenLink);
    assert.ok(own.some((line) => line.includes("/posts/nope/") && line.includes("no file for /posts/nope/")), own.join("\n"));
    assert.ok(own.some((line) => line.includes("no element with id \"没有这个小节\"")), own.join("\n"));
    assert.ok(!own.some((line) => line.startsWith("/posts/broken/index.html: / ")), "the home link resolves");
  });

  test("the link checker reads the sitemap and the feeds too", async () => {
    for (const [file, pattern] of [["sitemap.xml", /<loc>[^<]*\/posts\/broken\/<\/loc>/], ["feed.xml", /<link>[^<]*\/posts\/broken\/<\/link>/]] as const) {
      const full = path.join(site.output, file);
      const text = await readFile(full, "utf8");
      assert.match(text, pattern, `${file} lists the essay`);
      await writeFile(full, text.replace(pattern, (m) => m.replace("/posts/broken/", "/posts/vanished/")));
    }
    const { broken } = await checkLinks(site.output, SITE_URL, "/");
    const vanished = broken.filter((b) => b.href.endsWith("/posts/vanished/")).map((b) => b.from);
    assert.deepEqual(vanished.sort(), ["/feed.xml", "/sitemap.xml"]);
  });

  test("the weight check names a page over budget and a missing file", async () => {
    const essay = path.join(site.output, "posts", "broken", "index.html");
    await writeFile(essay, `<!DOCTYPE html><html lang="zh-CN"><head><title>x</title><link rel="stylesheet" href="/assets/css/wenji.css"><link rel="icon" href="/gone.ico"></head><body class="kind-essay"><p>${Array.from({ length: 40000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join("")}</p></body></html>`);
    const problems = budgetProblems(await measureSite(site.output));
    assert.ok(problems.some((p) => p.startsWith("/posts/broken/index.html: essay page") && p.includes(`over ${(BUDGETS.essayPage / 1024).toFixed(1)} KB`)), problems.join("\n"));
    assert.ok(problems.some((p) => p.includes("/gone.ico")), problems.join("\n"));
  });
});
