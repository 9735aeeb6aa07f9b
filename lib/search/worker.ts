/**
 * The preview's search index is built in a worker thread: hashing the records, writing them
 * for Pagefind, waiting for it and linking its files into the output would otherwise hold the
 * main thread right after a rebuild, when the browser asks for the reloaded pages (a shard is
 * 250 pages written). A one-off build writes the records on its main thread, before Eleventy
 * renders, and only Pagefind's runs go to a thread (index.ts, indexInThread): this worker, which
 * loads wenji's TypeScript, cost a build ~0.25 s of start-up and ~50 MB at N=250.
 *
 * The main thread sends one shard's records at a time and the next once that shard is done,
 * so the thread never holds more than one shard's copy of the essays (the main thread's
 * model keeps them anyway). Jobs run one at a time, in order.
 */
import { isMainThread, parentPort, SHARE_ENV, Worker } from "node:worker_threads";
import { WenjiError } from "../content/problems.ts";
import { buildSearchIndex, ensureShard, placeSearchIndex, pruneSearchCache, type SearchIndexResult, type SearchRecord, type ShardGroup } from "./index.ts";

type Job =
  | { id: number; kind: "shard"; root: string; group: ShardGroup }
  | { id: number; kind: "prune"; root: string; keys: string[] }
  | { id: number; kind: "place"; result: SearchIndexResult; target: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Reply = { id: number; key?: string; indexed?: boolean; error?: { message: string; lines?: string[] } };

export interface SearchWorker {
  /** The index of these records, shard by shard (from the cache where it has them). */
  index(root: string, records: SearchRecord[]): Promise<SearchIndexResult>;
  /** The finished index linked under `target` (the output's `pagefind/`). */
  place(result: SearchIndexResult, target: string): Promise<void>;
}

let shared: SearchWorker | undefined;

/** The process's search worker (every build in the process queues its jobs on the one thread). */
export function searchWorker(): SearchWorker {
  return (shared ??= createSearchWorker());
}

/**
 * Starts the thread on first use. It loads this file through tsx, as the main thread loaded
 * the configuration; it does not keep the process alive while it has no job.
 */
function createSearchWorker(): SearchWorker {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();

  const start = (): Worker => {
    const tsx = import.meta.resolve("tsx/esm/api");
    const self = import.meta.url;
    const started = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); });`, {
      eval: true,
      // The environment as the main thread sees it now, not a copy from when the thread started.
      env: SHARE_ENV,
    });
    started.on("message", (reply: Reply) => {
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!waiting.size) started.unref();
      job?.resolve(reply);
    });
    const fail = (error: Error) => {
      worker = undefined;
      for (const job of waiting.values()) job.reject(new WenjiError([`[wenji] search: the indexing thread stopped: ${error.message}`]));
      waiting.clear();
    };
    started.on("error", fail);
    started.on("exit", (code) => {
      if (waiting.size) fail(new Error(`exit code ${code}`));
      worker = undefined;
    });
    started.unref();
    return started;
  };

  const send = (job: DistributiveOmit<Job, "id">): Promise<Reply> => {
    worker ??= start();
    const id = ++nextId;
    const running = worker;
    return new Promise<Reply>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      running.ref();
      running.postMessage({ ...job, id });
    }).then((reply) => {
      if (reply.error) throw reply.error.lines ? new WenjiError(reply.error.lines) : new Error(reply.error.message);
      return reply;
    });
  };

  return {
    index: (root, records) =>
      buildSearchIndex(root, records, {
        async ensure(root, group) {
          const reply = await send({ kind: "shard", root, group });
          // The result names the shards; their records stay with the model (and are not sent again to place them).
          return { shard: { lang: group.lang, index: group.index, records: [], key: reply.key! }, indexed: reply.indexed! };
        },
        async prune(root, keys) {
          await send({ kind: "prune", root, keys });
        },
      }),
    async place(result, target) {
      await send({ kind: "place", result, target });
    },
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  let queue = Promise.resolve();
  port.on("message", (job: Job) => {
    queue = queue.then(async () => {
      try {
        if (job.kind === "shard") {
          const { shard, indexed } = await ensureShard(job.root, job.group);
          port.postMessage({ id: job.id, key: shard.key, indexed } satisfies Reply);
        } else if (job.kind === "prune") {
          await pruneSearchCache(job.root, job.keys);
          port.postMessage({ id: job.id } satisfies Reply);
        } else {
          await placeSearchIndex(job.result, job.target);
          port.postMessage({ id: job.id } satisfies Reply);
        }
      } catch (error) {
        const lines = error instanceof WenjiError ? error.lines : undefined;
        port.postMessage({ id: job.id, error: { message: (error as Error).message, lines } } satisfies Reply);
      }
    });
  });
}
