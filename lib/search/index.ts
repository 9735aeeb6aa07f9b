/**
 * Full-text search with no server: Pagefind indexes the essay bodies into static files that
 * the search page loads in the browser. The npm package's platform binary is Pagefind's
 * extended build, which segments Chinese text into words; one index per page language.
 *
 * The index is built from the site model, not from the written pages: it can start as soon as
 * the model is final and run (Pagefind is a separate process) while Eleventy renders and
 * writes. Pagefind has no incremental mode, so the finished index is kept in `.cache/search/`
 * under a hash of everything indexed; a build whose essays index the same reuses it.
 */
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { SiteModel } from "../content/model.ts";
import { WenjiError } from "../content/problems.ts";
import { escapeHtml } from "../markdown/escape.ts";

/** One page for Pagefind: the same markup the essay page carries around its body. */
export interface SearchRecord {
  /** Site path without prefix (`/posts/why/`); the search page adds the prefix. */
  url: string;
  html: string;
}

export interface SearchIndexResult {
  /** Pages with indexed content (essay bodies). */
  pages: number;
  /** Taken from `.cache/search/` because nothing indexed changed since it was built. */
  cached: boolean;
  /** Where the finished index lives; its files are placed under the output's `pagefind/`.
   * None when no essay is searchable: Pagefind cannot build an empty index. */
  dir?: string;
  seconds: number;
}

/** Every essay page's body, except essays that opt out with `searchHidden` (standalone pages, such as About, are not essays). */
export function searchRecords(model: SiteModel): SearchRecord[] {
  const records: SearchRecord[] = [];
  for (const page of model.pages) {
    if (page.kind !== "essay" || page.essay.fm.searchHidden) continue;
    const { essay } = page;
    records.push({
      url: essay.url,
      // The essay template's body element, with the page's <html lang> (Pagefind's index choice).
      html: `<!doctype html><html lang="${escapeHtml(essay.locale)}"><body><div class="essay-body" data-pagefind-body data-pagefind-meta="title[data-title]" data-title="${escapeHtml(essay.title)}">\n${essay.html}\n</div></body></html>`,
    });
  }
  return records.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

let pagefindVersion: string | undefined;
async function version(): Promise<string> {
  if (!pagefindVersion) {
    // The package's main file is <package>/lib/index.js; its manifest is two levels up.
    const manifest = new URL("../package.json", import.meta.resolve("pagefind"));
    pagefindVersion = await readFile(manifest, "utf8").then((text) => (JSON.parse(text) as { version: string }).version, () => "unknown");
  }
  return pagefindVersion;
}

/** Names the index: Pagefind's version and every record; any change to either makes a new one. */
export async function searchKey(records: SearchRecord[]): Promise<string> {
  const hash = createHash("sha256").update(`pagefind ${await version()}\n`);
  for (const record of records) hash.update(`${record.url}\0${record.html}\0`);
  return hash.digest("hex").slice(0, 20);
}

const exists = (file: string) => stat(file).then(() => true, () => false);

/** Pagefind's extended binary (Chinese segmentation), from its platform package. */
function pagefindBinary(): string {
  const fromEnv = process.env.PAGEFIND_EXTENDED_BINARY_PATH;
  if (fromEnv) return fromEnv;
  const platform = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  const name = process.platform === "win32" ? "pagefind_extended.exe" : "pagefind_extended";
  try {
    return createRequire(import.meta.url).resolve(`@pagefind/${platform}/bin/${name}`);
  } catch {
    throw new WenjiError([`[wenji] search: Pagefind's extended binary for ${platform} is not installed (expected the npm package @pagefind/${platform}); run npm install`]);
  }
}

function runPagefind(site: string, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pagefindBinary(), ["--site", site, "--output-path", output, "--silent"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", (error) => reject(new WenjiError([`[wenji] search: Pagefind could not start: ${error.message}`])));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new WenjiError([`[wenji] search: Pagefind failed (exit ${code}): ${stderr.trim() || "no message"}`]));
    });
  });
}

/**
 * The index for these records: from the cache if it holds one with the same key, else built by
 * Pagefind into the cache (older indexes there are removed once the new one is complete).
 * Pagefind's command line reads the records as files: it parses them on every core, where its
 * Node service handles one message at a time (6.5 s against 3.9 s for 1,500 essays).
 */
export async function buildSearchIndex(root: string, records: SearchRecord[]): Promise<SearchIndexResult> {
  const started = performance.now();
  const cache = path.join(root, ".cache", "search");
  const key = await searchKey(records);
  const dir = path.join(cache, key);
  const done = (cached: boolean): SearchIndexResult => ({ pages: records.length, cached, dir, seconds: (performance.now() - started) / 1000 });
  if (!records.length) return { pages: 0, cached: false, seconds: 0 };
  if (await exists(path.join(dir, "pagefind-entry.json"))) return done(true);

  const building = path.join(cache, `.building-${key}-${process.pid}`);
  await rm(building, { recursive: true, force: true });
  try {
    // Each record at its page's path, so Pagefind gives each result the page's URL.
    const pages = path.join(building, "pages");
    // Written at once, not between Eleventy's renders (that took 2.3 s instead of 0.3 s at
    // 1,500 essays), so that Pagefind starts as early as it can.
    mkdirSync(pages, { recursive: true });
    for (const record of records) {
      mkdirSync(path.join(pages, record.url), { recursive: true });
      writeFileSync(path.join(pages, record.url, "index.html"), record.html);
    }
    await runPagefind(pages, path.join(building, "index"));
    await rm(dir, { recursive: true, force: true });
    await rename(path.join(building, "index"), dir);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  for (const entry of await readdir(cache)) {
    if (entry !== key && !entry.startsWith(".building-")) await rm(path.join(cache, entry), { recursive: true, force: true });
  }
  return done(false);
}

/** Hard links into the output (no time, no space); a copy where the cache is on another disk. */
export async function placeSearchIndex(dir: string, target: string): Promise<number> {
  let files = 0;
  const walk = async (from: string, to: string): Promise<void> => {
    await mkdir(to, { recursive: true });
    await Promise.all(
      (await readdir(from, { withFileTypes: true })).map(async (entry) => {
        const source = path.join(from, entry.name);
        const destination = path.join(to, entry.name);
        if (entry.isDirectory()) return walk(source, destination);
        files++;
        await rm(destination, { force: true });
        await link(source, destination).catch(() => copyFile(source, destination));
      }),
    );
  };
  await walk(dir, target);
  return files;
}
