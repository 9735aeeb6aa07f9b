/**
 * Full-text search with no server: Pagefind indexes the essay bodies into static files that
 * the search page loads in the browser. The npm package's platform binary is Pagefind's
 * extended build, which segments Chinese text into words.
 *
 * The index is built from the site model, not from the written pages, so it can run (in
 * Pagefind's own process) while Eleventy renders and writes. Pagefind has no incremental mode
 * and its cost is mostly Chinese segmentation (about 4.5 ms and 600 KB of memory per essay), so
 * each language's essays are split into shards of at most ~500 by a hash of their URL: each
 * shard is a Pagefind index of its own, kept in `.cache/search/` under a hash of its records.
 * An edit re-indexes one shard; memory is bounded by the shard; the search page loads the
 * first shard of its language and merges the others (Pagefind's `mergeIndex`).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { SiteModel } from "../content/model.ts";
import { WenjiError } from "../content/problems.ts";
import { escapeHtml } from "../markdown/escape.ts";
import { exists, linkOrCopySync } from "../files.ts";

/** One page for Pagefind: the essay's body with the markup Pagefind reads. */
export interface SearchRecord {
  /** Site path without prefix (`/posts/why/`); the search page adds the prefix. */
  url: string;
  /** The page's `<html lang>`, lower-cased as Pagefind names its indexes (`zh-cn`). */
  lang: string;
  locale: string;
  title: string;
  /** The rendered essay body, shared with the model (not copied: 6,000 essays are 60 MB). */
  body: string;
}

/** The page Pagefind reads for a record: the essay body, its title first as a heading. */
export function recordHtml(record: SearchRecord): string {
  const title = escapeHtml(record.title);
  return `<!doctype html><html lang="${escapeHtml(record.locale)}"><body><div class="essay-body" data-pagefind-body data-pagefind-meta="title[data-title]" data-title="${title}">\n<h1>${title}</h1>\n${record.body}\n</div></body></html>`;
}

/** Essays per shard at most (until MAX_SHARDS is reached). */
export const SHARD_ESSAYS = 500;
/** The search page fetches a little from every shard of its language, so there are few. */
export const MAX_SHARDS = 16;

export interface SearchShard {
  lang: string;
  /** 0 is the primary: its bundle carries Pagefind's script and WebAssembly. */
  index: number;
  records: SearchRecord[];
  /** Pagefind's version and every record: the cache's name for this shard's index. */
  key: string;
}

export interface SearchIndexResult {
  /** Pages with indexed content (essay bodies). */
  pages: number;
  shards: SearchShard[];
  /** Shards Pagefind indexed in this build (the others were unchanged, from the cache). */
  indexed: number;
  /** The cache folder: each shard's finished index is in the subfolder named by its key. */
  cache: string;
  seconds: number;
}

/**
 * Every essay page's title and body, except essays that opt out with `searchHidden`
 * (standalone pages, such as About, are not essays). The title is indexed as a heading: it
 * ranks matches in titles first, and an essay that is only a picture still has words (Pagefind
 * refuses to build an index with none).
 */
export function searchRecords(model: SiteModel): SearchRecord[] {
  const records: SearchRecord[] = [];
  for (const page of model.pages) {
    if (page.kind !== "essay" || page.essay.fm.searchHidden) continue;
    const { essay } = page;
    records.push({
      url: essay.url,
      lang: essay.locale.toLowerCase(),
      locale: essay.locale,
      title: essay.title,
      body: essay.html,
    });
  }
  return records.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** Shards per language: a power of two (so growth splits shards), at most MAX_SHARDS.
 * WENJI_SEARCH_SHARD_ESSAYS changes the shard size (tests use tiny shards). */
export function shardCount(essays: number, perShard = Number(process.env.WENJI_SEARCH_SHARD_ESSAYS) || SHARD_ESSAYS): number {
  let count = 1;
  while (count < MAX_SHARDS && essays > count * perShard) count *= 2;
  return count;
}

function shardOf(url: string, count: number): number {
  return createHash("sha1").update(url).digest().readUInt32BE(0) % count;
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

/** A shard before it is named: its language, number and records. */
export type ShardGroup = Omit<SearchShard, "key">;

/** Splits the records into shards by language and URL hash (cheap: no record is hashed). */
export function groupShards(records: SearchRecord[]): ShardGroup[] {
  const byLang = new Map<string, SearchRecord[]>();
  for (const record of records) {
    const list = byLang.get(record.lang);
    if (list) list.push(record);
    else byLang.set(record.lang, [record]);
  }
  const groups: ShardGroup[] = [];
  for (const [lang, list] of [...byLang].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const count = shardCount(list.length);
    const buckets: SearchRecord[][] = Array.from({ length: count }, () => []);
    for (const record of list) buckets[shardOf(record.url, count)].push(record);
    // A hash can leave a shard empty, and Pagefind cannot index nothing: the others are
    // numbered without gaps, so the search page finds them as 0..n-1.
    buckets.filter((bucket) => bucket.length).forEach((bucket, index) => groups.push({ lang, index, records: bucket }));
  }
  return groups;
}

/** A shard named by its content: Pagefind's version and every record. */
export async function nameShard(group: ShardGroup): Promise<SearchShard> {
  const hash = createHash("sha256").update(`pagefind ${await version()}\nrecord v1\n${group.lang}\n`);
  for (const record of group.records) hash.update(`${record.url}\0${record.locale}\0${record.title}\0${record.body}\0`);
  return { ...group, key: hash.digest("hex").slice(0, 20) };
}

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
 * One shard's index into the cache. Pagefind's command line reads the records as files: it
 * parses them on every core, where its Node service handles one message at a time (6.5 s
 * against 3.9 s for 1,500 essays).
 */
async function indexShard(cache: string, shard: SearchShard): Promise<void> {
  const building = path.join(cache, `.building-${shard.key}-${process.pid}`);
  await rm(building, { recursive: true, force: true });
  try {
    // Each record at its page's path, so Pagefind gives each result the page's URL. Written
    // at once, not between Eleventy's renders (that took 2.3 s instead of 0.3 s for 1,500).
    const pages = path.join(building, "pages");
    mkdirSync(pages, { recursive: true });
    for (const record of shard.records) {
      mkdirSync(path.join(pages, record.url), { recursive: true });
      writeFileSync(path.join(pages, record.url, "index.html"), recordHtml(record));
    }
    await runPagefind(pages, path.join(building, "index"));
    const dir = path.join(cache, shard.key);
    await rm(dir, { recursive: true, force: true });
    await rename(path.join(building, "index"), dir);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

/** The search cache of a project. */
export const searchCache = (root: string) => path.join(root, ".cache", "search");

/** One shard's index in the cache, built by Pagefind unless the cache holds one with its key. */
export async function ensureShard(root: string, group: ShardGroup): Promise<{ shard: SearchShard; indexed: boolean }> {
  const cache = searchCache(root);
  const shard = await nameShard(group);
  if (await exists(path.join(cache, shard.key, "pagefind-entry.json"))) return { shard, indexed: false };
  await indexShard(cache, shard);
  return { shard, indexed: true };
}

/** Removes the cached indexes no shard uses any more (once every shard is complete). */
export async function pruneSearchCache(root: string, keys: Iterable<string>): Promise<void> {
  const cache = searchCache(root);
  const used = new Set(keys);
  for (const entry of await readdir(cache).catch(() => [] as string[])) {
    if (!used.has(entry) && !entry.startsWith(".building-")) await rm(path.join(cache, entry), { recursive: true, force: true });
  }
}

/** Where an index's two steps run: here by default; the preview sends them to its worker thread (worker.ts). */
export interface IndexSteps {
  ensure(root: string, group: ShardGroup): Promise<{ shard: SearchShard; indexed: boolean }>;
  prune(root: string, keys: string[]): Promise<void>;
}

const IN_PROCESS: IndexSteps = { ensure: ensureShard, prune: pruneSearchCache };

/**
 * The index for these records: every shard from the cache if it holds one with the same key,
 * else built by Pagefind into the cache, one shard at a time (memory stays that of one shard).
 */
export async function buildSearchIndex(root: string, records: SearchRecord[], steps: IndexSteps = IN_PROCESS): Promise<SearchIndexResult> {
  const started = performance.now();
  const shards: SearchShard[] = [];
  let indexed = 0;
  for (const group of groupShards(records)) {
    const done = await steps.ensure(root, group);
    shards.push(done.shard);
    if (done.indexed) indexed++;
  }
  await steps.prune(root, shards.map((shard) => shard.key));
  return { pages: records.length, shards, indexed, cache: searchCache(root), seconds: (performance.now() - started) / 1000 };
}

/** Pagefind's ready-made interfaces: the search page has its own, so they are not shipped. */
const UNUSED = /^pagefind-(ui|component-ui|modular-ui|highlight)\.|^playground$/;
/** A merged shard needs only its data; the primary's script and WebAssembly search it. */
const SHARD_DATA = /^(pagefind-entry\.json|.*\.pf_meta|index|fragment|filter)$/;

/** The cached index's files linked into the output, those `keep` names and all below them. */
function placeTree(from: string, to: string, keep: (name: string) => boolean): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (!keep(entry.name)) continue;
    const source = path.join(from, entry.name);
    const destination = path.join(to, entry.name);
    if (entry.isDirectory()) {
      placeTree(source, destination, () => true);
      continue;
    }
    rmSync(destination, { force: true });
    linkOrCopySync(source, destination);
  }
}

/**
 * Places every shard under `target` (the output's `pagefind/`) as `<lang>/<index>/`, and
 * `shards.json`, which tells the search page how many shards its language has.
 */
export async function placeSearchIndex(result: SearchIndexResult, target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  const counts: Record<string, number> = {};
  for (const shard of result.shards) {
    counts[shard.lang] = Math.max(counts[shard.lang] ?? 0, shard.index + 1);
    placeTree(path.join(result.cache, shard.key), path.join(target, shard.lang, String(shard.index)), (name) => !UNUSED.test(name) && (shard.index === 0 || SHARD_DATA.test(name)));
  }
  await writeFile(path.join(target, "shards.json"), `${JSON.stringify(counts)}\n`);
}
