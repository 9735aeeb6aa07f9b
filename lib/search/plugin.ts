/**
 * Search indexing runs beside the build, not after it: it starts once the site model is final
 * (Pagefind works in its own process while Eleventy renders and writes), and the build waits
 * for it only at the end, to place the index under the output's `pagefind/`.
 * Under `npm start` a rebuild never waits for search: the index follows once the browser has
 * been told to reload, in a worker thread (worker.ts), and a burst of edits indexes only the
 * last state.
 */
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import type { SiteModel } from "../content/model.ts";
import { buildSearchIndex, placeSearchIndex, searchRecords, type SearchIndexResult, type SearchRecord } from "./index.ts";
import { searchWorker } from "./worker.ts";
import { onEleventyAfter } from "../content/after.ts";

export interface SearchPluginOptions {
  root: string;
  log?: (line: string) => void;
}

function describe(result: SearchIndexResult): string {
  if (!result.pages) return "search: no essay to index (all are searchHidden); the search page will find nothing";
  const shards = result.shards.length;
  const what = `search: ${result.pages} essay${result.pages === 1 ? "" : "s"} in ${shards} shard${shards === 1 ? "" : "s"}`;
  if (!result.indexed) return `${what}, unchanged: index reused from .cache/search`;
  return `${what}: ${result.indexed} indexed, ${shards - result.indexed} unchanged, in ${result.seconds.toFixed(2)} s`;
}

export function searchPlugin(config: UserConfig, options: SearchPluginOptions): void {
  const log = options.log ?? ((line: string) => console.log(`[wenji] ${line}`));
  let watching = false;
  /** A build's index job, awaited when its pages are written. */
  let job: Promise<SearchIndexResult> | undefined;
  /** Preview: the newest model's records, waiting for the running index job to end. */
  let waiting: SearchRecord[] | undefined;
  let pumping = false;
  /** Preview: whether a rebuild runs (not the first build), and where it wrote. */
  let rebuilding = false;
  let rebuilt: string | undefined;

  /**
   * Preview: index the newest records, one job at a time, each placed as soon as it is done,
   * in a worker thread, so the main thread serves the reloaded pages meanwhile.
   */
  async function pump(output: string): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting) {
        const records = waiting;
        waiting = undefined;
        try {
          const result = await searchWorker().index(options.root, records);
          await searchWorker().place(result, path.join(output, "pagefind"));
          log(describe(result));
        } catch (error) {
          log(`search index not updated: ${(error as Error).message}`);
        }
      }
    } finally {
      pumping = false;
    }
  }

  config.on("wenji.ready", (model: SiteModel, { runMode }: { runMode?: string }) => {
    watching = runMode === "serve" || runMode === "watch";
    if (watching) {
      waiting = searchRecords(model);
      return;
    }
    job = buildSearchIndex(options.root, searchRecords(model));
    // Awaited in eleventy.after; a build that fails before then must not also report this.
    job.catch(() => undefined);
  });

  config.on("eleventy.beforeWatch", () => {
    rebuilding = true;
  });
  config.on("eleventy.afterwatch", () => {
    if (rebuilt) void pump(rebuilt);
    rebuilt = undefined;
  });

  onEleventyAfter(config, async ({ directories }) => {
    const output = path.resolve(directories.output);
    if (watching) {
      // After a rebuild the index follows once Eleventy has told the browser to reload
      // (eleventy.afterwatch): started here, its work would delay the reload and the pages
      // the browser then asks for. The first build has no browser waiting.
      if (rebuilding) rebuilt = output;
      else void pump(output);
      return;
    }
    if (!job) return;
    const result = await job;
    job = undefined;
    await placeSearchIndex(result, path.join(output, "pagefind"));
    log(describe(result));
  });
}
