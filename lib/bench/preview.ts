/**
 * Times the preview server's rebuild after an author edits one essay: starts Eleventy's
 * `--serve` (what `npm start` runs) on a corpus, waits for the first build, then appends a
 * marked paragraph to one essay and measures until the rebuild is complete: Eleventy's
 * summary line, which it prints just before it tells the browser to reload. (The essay's page
 * on disk carries the edit a little earlier; that time is reported too.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { median } from "./measure.ts";

export interface PreviewOptions {
  project: string;
  root: string;
  /** The essay to edit, relative to root (`posts/essay-00001.md`). */
  essay: string;
  /** Its page, relative to the output folder (`posts/essay-00001/index.html`). */
  page: string;
  edits?: number;
  /** Longest wait for the first build or one rebuild. */
  timeoutMs?: number;
}

export interface PreviewFigures {
  startupSeconds: number;
  /** Median seconds from saving the edit to the end of the rebuild (the browser reloads). */
  rebuildSeconds: number;
  rebuilds: number[];
  /** Median seconds from saving the edit to the essay's page on disk showing it. */
  pageSeconds: number;
  /** Eleventy's own "Wrote … in X seconds" figure for the last rebuild. */
  eleventySeconds?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`preview benchmark: timed out waiting for ${what}\n${output()}`);
    await sleep(5);
  }
}

export async function timePreviewRebuild(options: PreviewOptions): Promise<PreviewFigures> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const port = await freePort();
  const cli = path.join(options.project, "node_modules", "@11ty", "eleventy", "cmd.cjs");
  const shim = path.join(options.project, ".eleventy.js");
  const essayFile = path.join(options.root, options.essay);
  const pageFile = path.join(options.root, "_site", options.page);
  const original = await readFile(essayFile, "utf8");
  let log = "";
  const started = performance.now();
  const server: ChildProcess = spawn(process.execPath, [cli, "--serve", `--config=${shim}`, `--port=${port}`], {
    cwd: options.root,
    env: { ...process.env, WENJI_ROOT: options.root, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk: Buffer) => (log += chunk));
  server.stderr!.on("data", (chunk: Buffer) => (log += chunk));
  let exited = false;
  server.on("exit", () => (exited = true));
  const tail = () => log.slice(-4000);
  try {
    await waitFor(() => exited || /Server at/.test(log), timeoutMs, "the preview server to start", tail);
    if (exited) throw new Error(`preview server exited before serving:\n${tail()}`);
    const startupSeconds = (performance.now() - started) / 1000;
    await waitFor(() => /search: /.test(log), timeoutMs, "the first search index", tail);
    const rebuilds: number[] = [];
    const pages: number[] = [];
    for (let edit = 1; edit <= (options.edits ?? 3); edit++) {
      const marker = `bench-edit-${edit}-${Date.now()}`;
      const logBefore = log.length;
      const saved = performance.now();
      await writeFile(essayFile, `${original}\n${marker}\n`);
      await waitFor(async () => (await readFile(pageFile, "utf8").catch(() => "")).includes(marker), timeoutMs, `the edit ${marker} to reach ${pageFile}`, tail);
      pages.push((performance.now() - saved) / 1000);
      await waitFor(() => /Wrote \d+ files/.test(log.slice(logBefore)), timeoutMs, "the rebuild's summary line", tail);
      rebuilds.push((performance.now() - saved) / 1000);
      // The search index follows the rebuild in the background; an author does not wait for
      // it, but the next edit's timing should not include it either.
      await waitFor(() => /search: /.test(log.slice(logBefore)), timeoutMs, "the search index after the rebuild", tail);
      await sleep(300);
    }
    const wrote = [...log.matchAll(/Wrote \d+ files.*? in ([\d.]+) seconds/g)].at(-1);
    return { startupSeconds, rebuildSeconds: median(rebuilds), rebuilds, pageSeconds: median(pages), eleventySeconds: wrote ? Number(wrote[1]) : undefined };
  } finally {
    server.kill("SIGTERM");
    await waitFor(() => exited, 10_000, "the preview server to stop", tail).catch(() => server.kill("SIGKILL"));
    await writeFile(essayFile, original);
  }
}
