/**
 * Renders many essays on every core. A first build (or one after wenji's renderer changed)
 * renders every essay, and one core did it all while the other waited: the search index
 * cannot start before the model is complete.
 *
 * The main thread and its helper threads take essays from one shared counter (Atomics), so
 * each takes the next essay as soon as it is free and no thread waits for another's share; a
 * thread's start-up (~0.3 s to load the renderer) costs no more than that. Each thread keeps
 * its renders in the disk cache itself. A thread that fails leaves its unfinished essays to the
 * main thread, which renders whatever has no result at the end.
 */
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { createMarkdown, renderMarkdown, type RenderResult } from "./render.ts";
import { RenderCache } from "./render-cache.ts";

export interface RenderJob {
  file: string;
  body: string;
  bodyLine: number;
  anchorLabel: string;
}

/**
 * Below this many essays a thread's start-up (loading the renderer through tsx) costs about
 * what it saves. Model from an empty render cache, serial against pooled on 2 cores: 375
 * essays 0.70 -> 0.83 s, 1,500 2.2 -> 2.1 s, 6,000 6.6 -> 5.4 s.
 */
export const PARALLEL_MIN = 2000;
/** Helper threads at most, beside the main thread. */
const MAX_HELPERS = 3;

interface PoolData {
  kind: "wenji-render-pool";
  jobs: RenderJob[];
  next: Int32Array;
  cacheDir?: string;
}

/** The helpers this machine can run beside the main thread for `count` essays. */
export function helpersFor(count: number, cores = availableParallelism(), minimum = PARALLEL_MIN): number {
  if (count < minimum) return 0;
  return Math.max(0, Math.min(cores - 1, MAX_HELPERS, Math.floor(count / (minimum / 2)) - 1));
}

/**
 * Each job's render, in order. `here` renders one job on the main thread (with its caches);
 * `cacheDir` is the disk cache the helpers write to (none: they keep nothing).
 */
export async function renderAll(jobs: RenderJob[], here: (job: RenderJob) => RenderResult, cacheDir: string | undefined, helpers = helpersFor(jobs.length)): Promise<RenderResult[]> {
  const results: (RenderResult | undefined)[] = new Array(jobs.length);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const threads = Array.from({ length: helpers }, () => startHelper({ kind: "wenji-render-pool", jobs, next, cacheDir }));
  for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) results[i] = here(jobs[i]);
  if (results.filter(Boolean).length === jobs.length) {
    // The main thread rendered them all (the helpers were still starting): none is waited for.
    for (const thread of threads) void thread.worker.terminate();
  } else {
    for (const done of await Promise.all(threads.map((thread) => thread.done))) for (const [i, result] of done) results[i] = result;
  }
  // What a failed helper had taken and not finished.
  return results.map((result, i) => result ?? here(jobs[i]));
}

function startHelper(data: PoolData): { worker: Worker; done: Promise<[number, RenderResult][]> } {
  const tsx = import.meta.resolve("tsx/esm/api");
  const self = import.meta.url;
  const worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); });`, { eval: true, workerData: data });
  const done = new Promise<[number, RenderResult][]>((resolve) => {
    let results: [number, RenderResult][] = [];
    worker.on("message", (message: [number, RenderResult][]) => (results = message));
    // A helper's failure loses only time: the main thread renders what it did not return.
    worker.on("error", () => undefined);
    worker.on("exit", () => resolve(results));
  });
  return { worker, done };
}

if (!isMainThread && parentPort && (workerData as PoolData | undefined)?.kind === "wenji-render-pool") {
  const { jobs, next, cacheDir } = workerData as PoolData;
  const md = createMarkdown();
  const disk = cacheDir ? new RenderCache(cacheDir) : undefined;
  const done: [number, RenderResult][] = [];
  for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) {
    const job = jobs[i];
    const result = renderMarkdown(md, job.body, { anchorLabel: job.anchorLabel, lineOffset: job.bodyLine - 1 });
    disk?.set(job.file, job.body, job.bodyLine, job.anchorLabel, result);
    done.push([i, result]);
  }
  parentPort.postMessage(done);
}
