/**
 * Full-text search with no server: Pagefind indexes the essay bodies into static files that
 * the search page loads in the browser. The npm package's platform binary is Pagefind's
 * extended build, which segments Chinese text into words.
 *
 * The index is built from the site model, not from the written pages, so it can run (in
 * Pagefind's own process) while Eleventy renders and writes. Pagefind has no incremental mode
 * and its cost is mostly Chinese segmentation (about 4.5 ms and 600 KB of memory per essay), so
 * each language's essays are split into shards of at most ~250 by a hash of their URL: each
 * shard is a Pagefind index of its own, kept in `.cache/search/` under a hash of its records.
 * An edit re-indexes one shard; memory is bounded by the shard; the search page loads the
 * first shard of its language and merges the others (Pagefind's `mergeIndex`).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SiteModel } from "../content/model.ts";
import { WenjiError } from "../content/problems.ts";
import { escapeHtml } from "../markdown/escape.ts";

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

/** The headings' hover anchors (`#`): not words, they would show in excerpts (`副本 # 那天`). */
const HEADING_ANCHOR = / ?<a class="heading-anchor"[^>]*>#<\/a>/g;

/** The page Pagefind reads for a record: the essay body, its title first as a heading. */
export function recordHtml(record: SearchRecord): string {
  const title = escapeHtml(record.title);
  return `<!doctype html><html lang="${escapeHtml(record.locale)}"><body><div class="essay-body" data-pagefind-body data-pagefind-meta="title[data-title]" data-title="${title}">\n<h1>${title}</h1>\n${record.body.replace(HEADING_ANCHOR, "")}\n</div></body></html>`;
}

/**
 * Essays per shard at most (until MAX_SHARDS is reached). Pagefind's time is proportional to
 * the essays it reads (50 Chinese essays 0.21 s of CPU, 500 2.1 s), so smaller shards cost a
 * build nothing once the runs do not wait on the main thread; its memory is ~600 KB per
 * Chinese essay, so 250 keep a run at ~150 MB beside Eleventy's peak. Full build at N=4,000
 * (alternating): 500 per shard 32.2 / 34.5 s, 1,156 / 1,069 MB; 250 31.1 / 33.6 s, 957 MB.
 */
export const SHARD_ESSAYS = 250;
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
function version(): string {
  if (!pagefindVersion) {
    // The package's main file is <package>/lib/index.js; its manifest is two levels up.
    const manifest = new URL("../package.json", import.meta.resolve("pagefind"));
    try {
      pagefindVersion = (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
    } catch {
      pagefindVersion = "unknown";
    }
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
export function nameShard(group: ShardGroup): SearchShard {
  const hash = createHash("sha256").update(`pagefind ${version()}\nrecord v2\n${group.lang}\n`);
  for (const record of group.records) hash.update(`${record.url}\0${record.locale}\0${record.title}\0${record.body}\0`);
  return { ...group, key: hash.digest("hex").slice(0, 20) };
}

/** Pagefind's extended binary (Chinese segmentation), from its platform package. */
export function pagefindBinary(): string {
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

/** How a Pagefind run failed: it could not start, exited with a code (or signal), or its index could not be moved into the cache. */
type RunFailure = { start?: string; code?: number | string; stderr?: string; move?: string };
type RunnerReply = { target: string; error?: RunFailure };

function pagefindError(error: RunFailure): WenjiError {
  if (error.start !== undefined) return new WenjiError([`[wenji] search: Pagefind could not start: ${error.start}`]);
  if (error.move !== undefined) return new WenjiError([`[wenji] search: Pagefind's index could not be kept in the cache: ${error.move}`]);
  return new WenjiError([`[wenji] search: Pagefind failed (exit ${error.code}): ${error.stderr?.trim() || "no message"}`]);
}

function runPagefind(site: string, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pagefindBinary(), ["--site", site, "--output-path", output, "--silent"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", (error) => reject(pagefindError({ start: error.message })));
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(pagefindError({ code: code ?? signal ?? "unknown", stderr }));
    });
  });
}

/** The search cache of a project. */
export const searchCache = (root: string) => path.join(root, ".cache", "search");

/** Whether the cache holds this shard's index (a run's output is renamed into place only once complete). */
const isCached = (cache: string, shard: SearchShard) => existsSync(path.join(cache, shard.key, "pagefind-entry.json"));

/** A shard's records written for Pagefind, and where its index goes. */
interface ShardRun {
  /** The records, in a scratch folder (scratchFolder); removed when the run ends. */
  pages: string;
  /** Pagefind's output, in the cache (beside the target, to be renamed to it). */
  index: string;
  /** The cache's folder for the shard, named by its key. */
  target: string;
}

const SCRATCH = "wenji-search-";
const BUILDING = ".building-";

/** Whether a process with this pid runs (EPERM: it does, as another user's). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes what stopped builds (Ctrl-C, a killed process) left in `dir`: entries named
 * `<prefix><pid>-…` whose process is gone and that nothing touched for an hour (a running
 * build's folders change with each shard, and a pid seen from another namespace may look gone).
 * Records left in /dev/shm would otherwise hold memory until the machine restarts.
 */
export function sweepStopped(dir: string, prefix: string, now = Date.now()): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split("-")[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || running(pid)) continue;
    try {
      const full = path.join(dir, entry);
      if (now - statSync(full).mtimeMs < 3600_000) continue;
      rmSync(full, { recursive: true, force: true });
    } catch {
      // another user's, or gone meanwhile
    }
  }
}

/**
 * A new folder for records: in memory (/dev/shm) where the system has one with room for them
 * (twice their size free), else the system's temporary folder. On a disk, creating and then
 * removing a folder and a file per essay cost a build at N=4,000 about 4 s (29.8 / 29.1 s
 * against 33.3 / 33.6 s, alternating): ext4 allocates each new inode past the recently deleted
 * ones, and the pages Eleventy writes meanwhile paid for it too. The records take memory until
 * their shard's run ends (~12 KB an essay: 70 MB for a full index at N=4,000).
 */
function scratchFolder(bytes: number): string {
  const bases = [tmpdir()];
  try {
    const shm = statfsSync("/dev/shm");
    if (shm.bavail * shm.bsize > 2 * bytes) bases.unshift("/dev/shm");
  } catch {
    // no /dev/shm here
  }
  for (const base of bases) {
    sweepStopped(base, SCRATCH);
    try {
      const folder = mkdtempSync(path.join(base, `${SCRATCH}${process.pid}-`));
      removeOnExit(folder);
      return folder;
    } catch {
      // not writable: the next
    }
  }
  throw new Error(`no writable temporary folder (tried ${bases.join(" and ")})`);
}

const scratchFolders = new Set<string>();

let exitHook = false;
/**
 * A process that exits while Pagefind still runs (`npm run build` exits once a failed build is
 * reported) removes its records from memory on the way out; its runs' partial output in the
 * cache is swept by a later build (sweepStopped).
 */
function removeOnExit(folder: string): void {
  if (!exitHook) process.once("exit", () => scratchFolders.forEach(removeScratch));
  exitHook = true;
  scratchFolders.add(folder);
}

function removeScratch(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  scratchFolders.delete(folder);
}

/** An upper bound of the bytes the shards' records take as files (UTF-8: 3 bytes a Han character at most). */
const recordBytes = (shards: SearchShard[]) => shards.reduce((sum, shard) => sum + shard.records.reduce((n, r) => n + 3 * (r.body.length + r.title.length) + 400, 0), 0);

/**
 * Writes a shard's records where Pagefind's command line reads them. The command line parses
 * files on every core, where its Node service handles one message at a time (6.5 s against
 * 3.9 s for 1,500 essays). Each record is at its page's path, so each result has the page's URL.
 */
function writeShardPages(cache: string, shard: SearchShard, scratch: string): ShardRun {
  const run = { pages: path.join(scratch, shard.key), index: path.join(cache, `${BUILDING}${process.pid}-${shard.key}`), target: path.join(cache, shard.key) };
  rmSync(run.index, { recursive: true, force: true });
  try {
    mkdirSync(run.pages, { recursive: true });
    for (const record of shard.records) {
      mkdirSync(path.join(run.pages, record.url), { recursive: true });
      writeFileSync(path.join(run.pages, record.url, "index.html"), recordHtml(record));
    }
  } catch (error) {
    rmSync(run.pages, { recursive: true, force: true });
    throw error;
  }
  return run;
}

/** One shard's index into the cache, Pagefind run from this thread (the preview's worker). */
async function indexShard(cache: string, shard: SearchShard): Promise<void> {
  const scratch = scratchFolder(recordBytes([shard]));
  try {
    const run = writeShardPages(cache, shard, scratch);
    try {
      await runPagefind(run.pages, run.index);
      await rm(run.target, { recursive: true, force: true });
      await rename(run.index, run.target);
    } finally {
      await rm(run.index, { recursive: true, force: true });
    }
  } finally {
    removeScratch(scratch);
  }
}

/**
 * Runs Pagefind for each shard, one after the other, in a thread of its own: each run then
 * starts as soon as the previous one ends. Chained on the main thread, the next run waited for
 * Eleventy to let go of it: while Eleventy rendered 6,000 pages (7 s at N=4,000), the first
 * shard's run ended after 0.5 s and no other started. The thread is plain JavaScript (no
 * TypeScript loader) and gets file names only, not records.
 */
const RUNNER = `
const { parentPort, workerData } = require("node:worker_threads");
const { spawnSync } = require("node:child_process");
const { renameSync, rmSync } = require("node:fs");
let failed = false;
for (const run of workerData.runs) {
  if (failed) { rmSync(run.pages, { recursive: true, force: true }); continue; }
  const result = spawnSync(workerData.binary, ["--site", run.pages, "--output-path", run.index, "--silent"], { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  let error;
  if (result.error) error = { start: result.error.message };
  else if (result.status !== 0) error = { code: result.status ?? result.signal, stderr: String(result.stderr ?? "") };
  else {
    try {
      rmSync(run.target, { recursive: true, force: true });
      renameSync(run.index, run.target);
    } catch (e) { error = { move: e.message }; }
  }
  rmSync(run.pages, { recursive: true, force: true });
  rmSync(run.index, { recursive: true, force: true });
  if (error) failed = true;
  parentPort.postMessage({ target: run.target, error });
}
`;

function runInThread(binary: string, runs: ShardRun[], scratch: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(RUNNER, { eval: true, workerData: { binary, runs } });
    let failure: WenjiError | undefined;
    thread.on("message", (reply: RunnerReply) => {
      if (reply.error) failure ??= pagefindError(reply.error);
    });
    thread.on("error", (error) => (failure ??= new WenjiError([`[wenji] search: the indexing thread stopped: ${error.message}`])));
    thread.on("exit", () => {
      // A thread that stopped early leaves its shards' pages and output: they are of no use.
      for (const run of runs) rmSync(run.index, { recursive: true, force: true });
      removeScratch(scratch);
      if (failure) reject(failure);
      else resolve();
    });
  });
}

/**
 * A build's index: the shards the cache lacks are written for Pagefind here and now, on the
 * calling thread, and indexed in a thread (RUNNER) while the caller goes on.
 */
function indexInThread(root: string, records: SearchRecord[]): Promise<SearchIndexResult> {
  const started = performance.now();
  try {
    const cache = searchCache(root);
    const shards = groupShards(records).map(nameShard);
    const missing = shards.filter((shard) => !isCached(cache, shard));
    const done = () => pruneSearchCache(root, shards.map((shard) => shard.key)).then(() => ({ pages: records.length, shards, indexed: missing.length, cache, seconds: (performance.now() - started) / 1000 }));
    if (!missing.length) return done();
    const binary = pagefindBinary();
    let scratch: string | undefined;
    const runs: ShardRun[] = [];
    try {
      scratch = scratchFolder(recordBytes(missing));
      for (const shard of missing) runs.push(writeShardPages(cache, shard, scratch));
    } catch (error) {
      if (scratch) removeScratch(scratch);
      throw new WenjiError([`[wenji] search: could not write the pages for Pagefind${scratch ? ` under ${scratch}` : ""}: ${(error as Error).message}`]);
    }
    return runInThread(binary, runs, scratch).then(done);
  } catch (error) {
    return Promise.reject(error);
  }
}


/** One shard's index in the cache, built by Pagefind unless the cache holds one with its key. */
export async function ensureShard(root: string, group: ShardGroup): Promise<{ shard: SearchShard; indexed: boolean }> {
  const cache = searchCache(root);
  const shard = nameShard(group);
  if (isCached(cache, shard)) return { shard, indexed: false };
  await indexShard(cache, shard);
  return { shard, indexed: true };
}

/** Removes the cached indexes no shard uses any more (once every shard is complete). */
export async function pruneSearchCache(root: string, keys: Iterable<string>): Promise<void> {
  const cache = searchCache(root);
  const used = new Set(keys);
  for (const entry of await readdir(cache).catch(() => [] as string[])) {
    if (!used.has(entry) && !entry.startsWith(BUILDING)) await rm(path.join(cache, entry), { recursive: true, force: true });
  }
  sweepStopped(cache, BUILDING);
}

/** An index's two steps, as the preview's worker thread runs them (worker.ts). */
export interface IndexSteps {
  ensure(root: string, group: ShardGroup): Promise<{ shard: SearchShard; indexed: boolean }>;
  prune(root: string, keys: string[]): Promise<void>;
}

/**
 * The index for these records: every shard from the cache if it holds one with the same key,
 * else built by Pagefind into the cache, one shard at a time (memory stays that of one shard).
 * Without `steps` (a build), Pagefind runs in a thread of its own (indexInThread); the preview's
 * worker passes steps that send each shard to it.
 */
export async function buildSearchIndex(root: string, records: SearchRecord[], steps?: IndexSteps): Promise<SearchIndexResult> {
  if (!steps) return indexInThread(root, records);
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

/** The cached index's files copied into the output, those `keep` names and all below them. */
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
    // Copied (reflinked where possible), not linked: the output never shares inodes with the cache.
    copyFileSync(source, destination, constants.COPYFILE_FICLONE);
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
