/**
 * Builds the site atomically: Eleventy writes into a sibling temporary folder; only a build
 * that succeeds replaces the output folder (rename, then remove the old one). One build runs
 * at a time per project (lock.ts); what a stopped build left is cleared by the next one
 * (leftovers.ts); `npm run build` stopped by a signal cleans up on its way out (signals.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WenjiError } from "./content/problems.ts";
import { preloadSite } from "./content/site.ts";
import { settleAfterWork } from "./content/after.ts";
import { commitManifest, discardNextManifest } from "./content/incremental.ts";
import { EncodingError, exists } from "./files.ts";
import { takeBuildLock } from "./build/lock.ts";
import { recoverLeftovers, stagingPrefix } from "./build/leftovers.ts";
import { exitCleanlyOnSignals } from "./build/signals.ts";

/** The project's own Eleventy shim; fixture sites are built with it too. */
const SHIM = fileURLToPath(new URL("../.eleventy.js", import.meta.url));

export interface BuildOptions {
  root: string;
  output: string;
  preview: boolean;
  quiet?: boolean;
  /** Remote images that cannot be fetched fail the build (as `images.strict`). */
  strict?: boolean;
  /** SIGINT / SIGTERM remove the staging folder and release the lock, then exit (`npm run build`). */
  exitOnSignals?: boolean;
}

export interface BuildResult {
  ok: boolean;
  lines: string[];
  seconds: number;
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  let release: () => void;
  try {
    release = takeBuildLock(options.root, options.output);
  } catch (error) {
    if (error instanceof WenjiError) return { ok: false, lines: error.lines, seconds: 0 };
    throw error;
  }
  const lines = recoverLeftovers(options.output).map((line) => `[wenji] ${line}`);
  // mkdir applies the umask (0755 under 022); mkdtemp's 0700 made a web server running as another user answer 403.
  const staging = path.join(path.dirname(options.output), `${stagingPrefix(options.output)}${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(staging);
  const stopHandling = options.exitOnSignals
    ? exitCleanlyOnSignals(() => {
        rmSync(staging, { recursive: true, force: true });
        discardNextManifest(options.root);
        release();
      })
    : () => undefined;
  try {
    const result = await buildOnce(options, staging);
    return { ...result, lines: [...lines, ...result.lines] };
  } finally {
    stopHandling();
    release();
    // Other builds in this process (tests) must not take this output for theirs.
    delete process.env.WENJI_PREVIOUS_OUTPUT;
  }
}

async function buildOnce(options: BuildOptions, staging: string): Promise<BuildResult> {
  const started = performance.now();
  const lines: string[] = [];
  process.env.WENJI_ROOT = options.root;
  if (options.preview) process.env.WENJI_PREVIEW = "1";
  else delete process.env.WENJI_PREVIEW;
  if (options.strict) process.env.WENJI_IMAGES_STRICT = "1";
  else delete process.env.WENJI_IMAGES_STRICT;
  // Pages unchanged since the build that wrote this output are linked from it (incremental.ts).
  process.env.WENJI_PREVIOUS_OUTPUT = options.output;
  try {
    const phases: string[] = [];
    let mark = started;
    const phase = (name: string) => {
      const now = performance.now();
      phases.push(`${name} ${((now - mark) / 1000).toFixed(2)} s`);
      mark = now;
    };
    const site = await preloadSite(options.root, { preview: options.preview });
    phase("essays and model");
    lines.push(...site.report.map((line) => `[wenji] ${line}`));
    const { Eleventy } = await import("@11ty/eleventy");
    const eleventy = new Eleventy(options.root, staging, {
      configPath: SHIM,
      quietMode: options.quiet ?? true,
    });
    // Eleventy logs its own errors ("Problem writing Eleventy templates:", stack traces); a failed
    // build reports the error once, worded for the author, in the catch below. What Eleventy
    // printed is shown only when the write succeeded (warnings), or with DEBUG set.
    const originalError = console.error;
    const held: unknown[][] = [];
    let failed = true;
    try {
      console.error = (...args: unknown[]) => void held.push(args);
      await eleventy.write();
      failed = false;
    } finally {
      console.error = originalError;
      if (!failed || process.env.DEBUG) for (const args of held) originalError(...args);
    }
    phase("Eleventy (pages, images, feeds, search)");
    if (!(await exists(path.join(staging, "index.html")))) throw new Error(`Eleventy wrote no index.html into ${staging}`);
    const old = `${options.output}.old-${process.pid}`;
    const hadOutput = await exists(options.output);
    // Back to back, synchronously: no other work runs between the two renames. A stop in
    // between leaves `old` without an output; the next build puts it back (recoverLeftovers).
    if (hadOutput) renameSync(options.output, old);
    renameSync(staging, options.output);
    commitManifest(options.root);
    phase("swap");
    // Synchronous: the promise version walks the tree one queued call at a time (0.2 s against 0.1 s for 3,800 files).
    if (hadOutput) rmSync(old, { recursive: true, force: true });
    phase("removing the previous output");
    const seconds = (performance.now() - started) / 1000;
    lines.push(`[wenji] built ${path.relative(options.root, options.output) || "."} in ${seconds.toFixed(2)} s`);
    if (options.quiet === false) lines.push(`[wenji] phases: ${phases.join(", ")}`);
    return { ok: true, lines, seconds };
  } catch (error) {
    // Eleventy failed the build as soon as one listener failed; the others may still write into it.
    await settleAfterWork();
    await rm(staging, { recursive: true, force: true, maxRetries: 3 });
    discardNextManifest(options.root);
    const cause = findWenjiError(error);
    const encoding = errorChain(error).find((e): e is EncodingError => e instanceof EncodingError);
    if (cause) lines.push(...cause.lines);
    else if (encoding) lines.push(`[wenji] ${encoding.message.replace(encoding.file, path.relative(options.root, encoding.file))}`);
    else lines.push(`[wenji] build failed: ${errorChain(error).map((e) => e.message).join(" ← ")}`);
    lines.push("[wenji] build failed; the previous output was left as it was");
    return { ok: false, lines, seconds: (performance.now() - started) / 1000 };
  }
}

type Wrapped = { cause?: unknown; originalError?: unknown; name?: string; message?: string; lines?: string[] };

/** Eleventy wraps errors (in `originalError` or `cause`); the innermost says what went wrong. */
function errorChain(error: unknown): Wrapped[] {
  const chain: Wrapped[] = [];
  for (let e = error as Wrapped | undefined; e && chain.length < 10; e = (e.originalError ?? e.cause) as Wrapped | undefined) chain.push(e);
  return chain;
}

function findWenjiError(error: unknown): WenjiError | undefined {
  return errorChain(error).find((e) => e instanceof WenjiError || (e.name === "WenjiError" && Array.isArray(e.lines))) as WenjiError | undefined;
}
