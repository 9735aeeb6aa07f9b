/**
 * Hugo is the oracle for URLs: Debian's `hugo` (0.111) lists the fixture blog's pages and
 * builds its aliases and list pages; every one of those paths must exist in wenji's build of
 * the same essays (the page itself, with its title; the redirect to the same page; for a
 * section's list, a redirect to the archives), the
 * translations must be paired as Hugo pairs them, and every internal link must resolve.
 * Four configurations: the fixture's permalinks, the same with the default language in its
 * folder, Hugo's default paths, and those paths with `disablePathToLower`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { glob } from "tinyglobby";
import { parseHTML } from "linkedom";
import { buildSite } from "../../lib/build.ts";
import { checkLinks, formatBrokenLink } from "../../lib/quality/links.ts";
import { makeFixtureRoot, outputFile } from "../helpers/site.ts";
import { importHugo } from "../../lib/hugo/import.ts";
import { HUGO_BLOG, type HugoUrlSettings } from "../helpers/hugo-fixture.ts";

const HUGO_ORIGIN = "https://old-blog.example.org";
const FIXTURE_PERMALINKS = { posts: "/:sections/:year/:month/:slug/" };

/** One field per cell; quoted cells may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split("\n")
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].filter((m) => m.index! < line.length || m[1] !== "").map((m) => m[1].replace(/^"|"$/g, "").replace(/""/g, '"')));
}

interface HugoPage {
  file: string;
  title: string;
  path: string;
}

/** Hugo's published pages (not drafts), and its aliases with the page each redirects to. */
async function hugoOracle(config: string): Promise<{ dir: string; pages: HugoPage[]; aliases: Map<string, string>; lists: string[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wenji-hugo-"));
  await cp(HUGO_BLOG, dir, { recursive: true });
  await writeFile(path.join(dir, "hugo.toml"), config);
  const [header, ...rows] = parseCsv(execFileSync("hugo", ["list", "all"], { cwd: dir, encoding: "utf8" }));
  const column = (name: string) => header.indexOf(name);
  const pages = rows
    .filter((row) => row[column("draft")] === "false")
    .map((row) => ({ file: row[column("path")], title: row[column("title")], path: decodeURI(new URL(row[column("permalink")]).pathname) }));
  const out = path.join(dir, "public");
  execFileSync("hugo", ["--quiet", "-d", out], { cwd: dir, encoding: "utf8" });
  const aliases = new Map<string, string>();
  const lists: string[] = [];
  for (const file of await glob("**/*.html", { cwd: out })) {
    const html = await readFile(path.join(out, file), "utf8");
    const refresh = /<meta http-equiv="?refresh"? content="0; url=([^"]+)"/.exec(html);
    const url = `/${file.replace(/index\.html$/, "")}`;
    if (refresh) aliases.set(url, decodeURI(new URL(refresh[1], HUGO_ORIGIN).pathname));
    else if (!refresh && !pages.some((p) => p.path === url)) lists.push(url);
  }
  await rm(out, { recursive: true, force: true });
  return { dir, pages, aliases, lists };
}

type Variant = "fixture" | "default" | "keep-case" | "subdir";

function hugoConfig(variant: Variant, original: string): string {
  if (variant === "fixture") return original;
  if (variant === "subdir") return original.replace("defaultContentLanguageInSubdir = false", "defaultContentLanguageInSubdir = true");
  const withoutPermalinks = original.replace(/\[permalinks\][^[]*/, "");
  return variant === "default" ? withoutPermalinks : `disablePathToLower = true\n${withoutPermalinks}`;
}

async function document(output: string, url: string): Promise<Document> {
  return parseHTML(await readFile(outputFile(output, url), "utf8")).document as unknown as Document;
}

/** The page a redirect in wenji's output points to, or undefined when the file is not a redirect. */
function redirectTarget(doc: Document): string | undefined {
  const content = doc.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content");
  return content ? decodeURI(content.replace(/^0; url=/, "")) : undefined;
}

const variants: [string, Variant, HugoUrlSettings][] = [
  ["the fixture's permalinks", "fixture", { permalinks: FIXTURE_PERMALINKS, disablePathToLower: false }],
  ["the default language in its folder (/zh-cn/)", "subdir", { permalinks: FIXTURE_PERMALINKS, disablePathToLower: false, defaultLanguageInSubdir: true }],
  ["Hugo's default paths", "default", { permalinks: {}, disablePathToLower: false }],
  ["default paths with disablePathToLower", "keep-case", { permalinks: {}, disablePathToLower: true }],
];

test("Debian's hugo is installed (scripts/test.sh installs it)", () => {
  assert.equal(spawnSync("hugo", ["version"]).status, 0, "hugo not found: apt-get install -y hugo");
});

for (const [name, variant, settings] of variants) {
  test(`every URL Hugo publishes exists in wenji's build: ${name}`, async () => {
    const original = await readFile(path.join(HUGO_BLOG, "hugo.toml"), "utf8");
    const oracle = await hugoOracle(hugoConfig(variant, original));
    assert.ok(oracle.pages.length >= 10 && oracle.aliases.size >= 3, `the fixture publishes pages and aliases: ${JSON.stringify(oracle)}`);

    // The real importer, reading the same Hugo site and config Hugo just built.
    const root = await makeFixtureRoot();
    const imported = await importHugo(root, oracle.dir);
    assert.ok(imported.essays.length >= oracle.pages.length, `every page Hugo publishes was imported (${imported.essays.length})`);
    assert.deepEqual(JSON.parse(await readFile(path.join(root, "_data", "site.json"), "utf8")).permalinks ?? {}, settings.permalinks, "the importer carried the permalinks over");
    const output = path.join(root, "_site");
    await buildSite({ root, output, preview: false, quiet: true });

    // Files the importer repaired (no title, no date): Hugo published them untitled, dated year 1.
    const repaired = new Set(imported.repairs.map((line) => line.slice(0, line.indexOf(":"))));
    for (const page of oracle.pages) {
      const wasRepaired = repaired.has(page.file.replace(/^content\//, ""));
      // A year-1 address (`/posts/1/01/`) from a missing date is no address anyone linked to;
      // the repaired essay is published under its real date instead (README, "Moving from Hugo").
      if (wasRepaired && /\/1\/01\//.test(page.path)) continue;
      assert.ok(existsSync(outputFile(output, page.path)), `${page.file}: Hugo publishes ${page.path}, wenji does not`);
      const doc = await document(output, page.path);
      assert.equal(redirectTarget(doc), undefined, `${page.path} is the page itself, not a redirect`);
      if (wasRepaired && !page.title) assert.ok(doc.querySelector("h1")?.textContent?.trim(), `${page.path}: the repaired essay has a title`);
      else assert.equal(doc.querySelector("h1")?.textContent?.trim(), page.title, `${page.path} shows ${page.file}`);
    }
    for (const [alias, target] of oracle.aliases) {
      assert.ok(existsSync(outputFile(output, alias)), `Hugo's alias ${alias} is missing in wenji's output`);
      assert.equal(redirectTarget(await document(output, alias)), target, `${alias} redirects where Hugo's did`);
    }

    // Home, section lists, tags and categories: a page of wenji's or a redirect to one.
    assert.ok(oracle.lists.some((l) => l.endsWith("/posts/java/")) || variant === "keep-case", "the fixture has a nested section");
    for (const list of oracle.lists) {
      assert.ok(existsSync(outputFile(output, list)), `Hugo publishes the list ${list}, wenji does not`);
      const target = redirectTarget(await document(output, list));
      if (target) assert.ok(existsSync(outputFile(output, target)), `${list} redirects to ${target}, which exists`);
    }

    // Translations are paired as Hugo pairs them: same folder and name, language code in any case.
    const key = (file: string) => file.replace(/\.(zh-cn|en)\.md$/i, ".md");
    for (const zh of oracle.pages.filter((p) => !p.path.startsWith("/en/"))) {
      const en = oracle.pages.find((p) => p.path.startsWith("/en/") && key(p.file) === key(zh.file));
      if (!en) continue;
      const alternate = (await document(output, zh.path)).querySelector('link[rel="alternate"][hreflang="en"]')?.getAttribute("href");
      assert.equal(alternate && decodeURI(new URL(alternate).pathname), en.path, `${zh.file} is paired with ${en.file}`);
    }

    // What Chinese technical notes write, imported and built: maths at build time, a diagram,
    // task and definition lists, Hugo's built-in shortcodes, and the site's own one reported.
    const rich = oracle.pages.find((p) => p.file.endsWith("shapes/rich.md"))!;
    const page = await document(output, rich.path);
    const body = page.querySelector(".essay-body")!;
    assert.equal(body.querySelectorAll("math").length, 3, "three formulas, as MathML");
    assert.match(body.textContent!, /价格从 \$5 涨到 \$10 不是公式/, "prices stay prose");
    assert.ok(body.querySelector("pre.mermaid"), "the diagram's source, for the vendored script");
    assert.equal(body.querySelectorAll('input[type="checkbox"][disabled]').length, 2);
    assert.ok(body.querySelector("dl dt"), "a definition list");
    assert.ok(body.querySelector('a[href*="youtube.com/watch?v=dQw4w9WgXcQ"]') && !body.querySelector("iframe"), "YouTube as a link, no embed");
    assert.ok(body.querySelector('a[href*="vimeo.com/146022717"]'), "Vimeo as a link");
    assert.equal(body.querySelector("details summary")?.textContent, "展开看细节");
    assert.match(body.textContent!, /副标题：一页里的各种块/, "param reads the front matter");
    assert.ok(body.querySelector("svg"), "the QR code, drawn at build time");
    const written = JSON.parse(await readFile(path.join(root, "_data", "site.json"), "utf8")) as { defaults?: { showToc?: boolean } };
    assert.equal(written.defaults?.showToc, true, "PaperMod's site-wide ShowToc became wenji's default");
    assert.ok(imported.attention.some((a) => /"notice"/.test(a.text)), "the site's own shortcode needs attention");
    assert.equal(imported.attention.filter((a) => /"notice"/.test(a.text)).length, 1, "once per shortcode, not per use");

    const report = await checkLinks(output, "https://wenji.example.org", "/");
    assert.ok(report.links > 100, `links were checked (${report.links})`);
    assert.deepEqual(report.broken.map(formatBrokenLink), [], "every internal link resolves");
  });
}
